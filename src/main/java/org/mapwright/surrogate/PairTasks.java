package org.mapwright.surrogate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.mapwright.exec.Job;
import org.mapwright.exec.TaskKind;
import org.mapwright.exec.Worker;
import org.mapwright.netmap.SettingsJson;
import org.mapwright.search.CostOracles;
import org.mapwright.search.OracleOptions;
import org.mapwright.workload.Workload;

/**
 * Surrogate data generation as tasks another process can run: the context is the generator's settings as JSON
 * (family, oracle and split by name), an item a range of pair indices, a result those pairs' samples in binary.
 */
public final class PairTasks {
    /** The kind of task that labels pairs' sampled mappings. */
    static final String KIND = "surrogate-pairs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PairTasks() {
    }

    static Job job(DataGenerator.Settings s) {
        ObjectNode c = JSON.createObjectNode();
        c.put("family", s.family().name());
        c.put("pairs", s.pairs());
        c.put("per_pair", s.perPair());
        c.put("seed", s.seed());
        c.put("split", s.split().name());
        c.put("held_out_layers", s.heldOutLayers());
        c.put("oracle", s.oracle().name());
        c.set("oracle_options", SettingsJson.write(s.oracleOptions()));
        return Job.of(KIND, c.toString());
    }

    static DataGenerator.Settings settings(JsonNode c) {
        Family f = Family.byName(c.path("family").asText()).orElseThrow(() -> new IllegalArgumentException(
                "The workers know no accelerator family `" + c.path("family").asText() + "`."));
        OracleOptions options = SettingsJson.oracleOptions(c.path("oracle_options"));
        // one thread: a task is one chunk, and the engine runs chunks side by side
        return new DataGenerator.Settings(f, c.path("pairs").asInt(), c.path("per_pair").asInt(), c.path("seed").asLong(),
                1, Family.Split.valueOf(c.path("split").asText()), c.path("held_out_layers").asBoolean(),
                CostOracles.byName(c.path("oracle").asText()), options);
    }

    static byte[] item(int first, int count) {
        return ByteBuffer.allocate(8).putInt(first).putInt(count).array();
    }

    /** The pairs of a result, in index order. */
    static List<DataGenerator.PairData> pairs(byte[] result) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(result))) {
            int n = in.readInt();
            List<DataGenerator.PairData> out = new ArrayList<>(n);
            for (int p = 0; p < n; p++) {
                int index = in.readInt();
                int rows = in.readInt();
                float[][] x = new float[rows][];
                float[][] y = new float[rows][];
                for (int r = 0; r < rows; r++) {
                    x[r] = floats(in);
                    y[r] = floats(in);
                }
                out.add(new DataGenerator.PairData(index, x, y));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("A surrogate data task's result is damaged: " + e.getMessage(), e);
        }
    }

    private static float[] floats(DataInputStream in) throws IOException {
        float[] f = new float[in.readInt()];
        for (int i = 0; i < f.length; i++) {
            f[i] = in.readFloat();
        }
        return f;
    }

    private static void floats(DataOutputStream out, float[] f) throws IOException {
        out.writeInt(f.length);
        for (float v : f) {
            out.writeFloat(v);
        }
    }

    /** The {@value #KIND} task kind. */
    public static final class Kind implements TaskKind {
        @Override
        public String name() {
            return KIND;
        }

        @Override
        public Worker open(byte[] context) {
            DataGenerator.Settings s;
            try {
                s = settings(JSON.readTree(context));
            } catch (IOException e) {
                throw new IllegalArgumentException("A surrogate data task's context is not JSON: " + e.getMessage(), e);
            }
            FeatureEncoder enc = new FeatureEncoder(s.family());
            LayerSampler layers = new LayerSampler();
            List<Workload> networkLayers = DataGenerator.networkLayers(s, layers);
            return item -> {
                ByteBuffer b = ByteBuffer.wrap(item);
                int first = b.getInt();
                int count = b.getInt();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    out.writeInt(count);
                    for (int i = first; i < first + count; i++) {
                        DataGenerator.PairData pd = DataGenerator.pair(s, enc, layers, networkLayers, i);
                        out.writeInt(pd.index());
                        out.writeInt(pd.x().length);
                        for (int r = 0; r < pd.x().length; r++) {
                            floats(out, pd.x()[r]);
                            floats(out, pd.y()[r]);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return bytes.toByteArray();
            };
        }
    }
}
