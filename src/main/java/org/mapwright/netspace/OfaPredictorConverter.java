package org.mapwright.netspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts OFA's MobileNetV3 accuracy predictor from its JSON form (the {@code ofa_mbv3_acc_predictor.json} of the
 * shared data folder {@code ofa-predictors_han-cai-files}, a lossless copy of {@code acc_predictor.pth}) into the
 * compact form shipped in {@code models/ofa_mbv3_accuracy} ({@link MlpFile}). Values are float32 in both, so the
 * conversion is exact. Usage:
 *
 * <pre>java -cp 'target/mapwright.jar:target/lib/*' org.mapwright.netspace.OfaPredictorConverter \
 *     ../shared/data/ofa-predictors_han-cai-files/ofa_mbv3_acc_predictor.json models/ofa_mbv3_accuracy</pre>
 */
public final class OfaPredictorConverter {
    private OfaPredictorConverter() {
    }

    /** Converts {@code args[0]} (the JSON predictor) into the folder {@code args[1]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: OfaPredictorConverter <ofa_mbv3_acc_predictor.json> <output folder>");
            System.exit(2);
        }
        convert(Path.of(args[0]), Path.of(args[1]));
        System.out.println("wrote " + Path.of(args[1]).resolve(MlpFile.CONFIG) + " and " + MlpFile.WEIGHTS);
    }

    /** Reads the JSON predictor and writes the shipped files. */
    static void convert(Path json, Path out) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        List<MlpFile.Dense> layers = new ArrayList<>();
        int expectIn = root.path("input_dim").asInt();
        for (JsonNode l : root.path("layers")) {
            int in = l.path("in").asInt();
            int o = l.path("out").asInt();
            if (in != expectIn || l.path("weight_row_major").size() != in * o || l.path("bias").size() != o) {
                throw new IOException(json + ": layer " + layers.size() + " does not have the shapes it declares ("
                        + in + " -> " + o + "); is this OFA's predictor JSON?");
            }
            layers.add(new MlpFile.Dense(in, o, l.path("activation").asText(), floats(l.path("weight_row_major")),
                    floats(l.path("bias"))));
            expectIn = o;
        }
        ObjectMapper m = new ObjectMapper();
        ObjectNode meta = m.createObjectNode();
        meta.put("name", "ofa_mbv3_accuracy");
        meta.put("model", root.path("model").asText());
        meta.put("output", root.path("output").asText());
        meta.put("input", root.path("input_dim").asInt());
        meta.put("features", "OfaSubnet.features(): OFA tutorial's spec2feats (one-hot kernel and expansion per active"
                + " slot, one-hot resolution bucket (r - 112) / 16)");
        ObjectNode src = meta.putObject("source");
        src.put("file", "ofa/acc_predictor.pth in github.com/han-cai/files, commit a7c9bcd525e17404968bc55aa43772bf7e51909e");
        src.put("code", "github.com/mit-han-lab/once-for-all (MIT license)");
        src.put("paper", "Cai, Gan, Wang, Zhang, Han: Once-for-All: Train One Network and Specialize it for Efficient"
                + " Deployment. ICLR 2020");
        src.put("converted_from", json.getFileName().toString() + " (sha256 " + MlpFile.sha256(Files.readAllBytes(json)) + ")");
        src.put("command", "java -cp 'target/mapwright.jar:target/lib/*' org.mapwright.netspace.OfaPredictorConverter"
                + " ../shared/data/ofa-predictors_han-cai-files/ofa_mbv3_acc_predictor.json models/ofa_mbv3_accuracy");
        new MlpFile(layers).write(out, meta);
    }

    private static float[] floats(JsonNode a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) a.get(i).asDouble();
        }
        return v;
    }
}
