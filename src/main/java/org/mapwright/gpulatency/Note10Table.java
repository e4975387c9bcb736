package org.mapwright.gpulatency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;
import org.mapwright.netspace.OfaSubnet;

/**
 * OFA's Samsung Note10 per-layer latency tables ({@code note10_lut_<r>.json}, one per input resolution), read in
 * place: a layer key maps to its mean latency in ms; a network's latency is the sum over its layers' keys. Which
 * keys a subnet has is not decided here but given ({@link #latency}), so the rule lives in one place.
 *
 * @param meanMs per resolution, the mean latency (ms) of each layer key
 * @param sha256 SHA-256 of each table read, by file name
 */
public record Note10Table(Map<Integer, Map<String, Double>> meanMs, Map<String, String> sha256) {

    public Note10Table {
        Map<Integer, Map<String, Double>> copy = new HashMap<>();
        meanMs.forEach((r, m) -> copy.put(r, Map.copyOf(m)));
        meanMs = Map.copyOf(copy);
        sha256 = Map.copyOf(sha256);
    }

    /** The file name of the table of resolution {@code r}. */
    public static String fileName(int r) {
        return "note10_lut_" + r + ".json";
    }

    /** Reads the tables of every resolution {@link OfaSubnet} admits from {@code dir}. */
    public static Note10Table read(Path dir) throws IOException {
        Map<Integer, Map<String, Double>> all = new HashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int r : OfaSubnet.RESOLUTIONS) {
            Path p = dir.resolve(fileName(r));
            byte[] b;
            try {
                b = Files.readAllBytes(p);
            } catch (NoSuchFileException e) {
                throw new IOException("OFA's Note10 latency table " + p + " does not exist; give the folder that holds "
                        + "note10_lut_<r>.json (ofa-predictors_han-cai-files in the shared data).", e);
            }
            hashes.put(p.getFileName().toString(), HelpOfaData.sha256(b));
            JsonNode root;
            try {
                root = new ObjectMapper().readTree(b);
            } catch (IOException e) {
                throw new InputException(SourceSpan.file(p.toString()), "This is not JSON (" + e.getMessage() + ").");
            }
            Map<String, Double> m = new HashMap<>();
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                JsonNode mean = e.getValue().path("mean");
                if (!mean.isNumber() || !(mean.asDouble() >= 0)) {
                    throw new InputException(SourceSpan.file(p.toString()), "Layer '" + e.getKey() + "' has no "
                            + "non-negative 'mean' latency.");
                }
                m.put(e.getKey(), mean.asDouble());
            }
            all.put(r, m);
        }
        return new Note10Table(all, hashes);
    }

    /** The latency (ms) of a network whose layers have the given keys at resolution {@code r}. */
    public double latencyMs(int r, List<String> keys) {
        Map<String, Double> m = meanMs.get(r);
        if (m == null) {
            throw new IllegalArgumentException("There is no Note10 table for resolution " + r + "; the tables cover "
                    + new java.util.TreeSet<>(meanMs.keySet()) + ".");
        }
        double sum = 0;
        for (String k : keys) {
            Double v = m.get(k);
            if (v == null) {
                throw new IllegalArgumentException("The Note10 table of resolution " + r + " has no layer '" + k
                        + "'; the layer list does not follow OFA's table keys.");
            }
            sum += v;
        }
        return sum;
    }

    /** A subnet's Note10 latency (ms), given the rule that lists its layer keys (one per layer, repeats included). */
    public ToDoubleFunction<OfaSubnet> latency(Function<OfaSubnet, List<String>> keys) {
        return s -> latencyMs(s.resolution(), keys.apply(s));
    }
}
