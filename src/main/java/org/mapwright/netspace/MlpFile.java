package org.mapwright.netspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A small fully connected network on disk: {@value #CONFIG} (layer widths, activations, the weights file's SHA-256
 * and provenance) and {@value #WEIGHTS}, every layer's weight matrix ({@code [out][in]}, row-major) then its bias
 * ({@code [out]}), as little-endian float32 with no header.
 */
record MlpFile(List<Dense> layers) {
    static final String CONFIG = "model.json";
    static final String WEIGHTS = "weights.f32";

    /** One layer: y = act(W x + b). */
    record Dense(int in, int out, String activation, float[] weight, float[] bias) {
    }

    MlpFile {
        layers = List.copyOf(layers);
    }

    /** Reads a model from {@code open(name)} streams; {@code where} names the location in error messages. */
    static MlpFile read(String where, IoOpener open) throws IOException {
        JsonNode cfg;
        byte[] bytes;
        try (InputStream in = open.open(CONFIG)) {
            cfg = new ObjectMapper().readTree(in);
        }
        try (InputStream in = open.open(WEIGHTS)) {
            bytes = in.readAllBytes();
        }
        String want = cfg.path("weights_sha256").asText();
        if (!sha256(bytes).equals(want)) {
            throw new IOException(where + "/" + WEIGHTS + " does not match the SHA-256 in " + CONFIG
                    + "; the model is damaged: restore it from the repository or rerun its converter.");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Dense> layers = new ArrayList<>();
        for (JsonNode l : cfg.path("layers")) {
            int in = l.path("in").asInt();
            int out = l.path("out").asInt();
            float[] w = new float[in * out];
            float[] b = new float[out];
            buf.asFloatBuffer().get(w);
            buf.position(buf.position() + 4 * w.length);
            buf.asFloatBuffer().get(b);
            buf.position(buf.position() + 4 * b.length);
            layers.add(new Dense(in, out, l.path("activation").asText(), w, b));
        }
        if (buf.hasRemaining() || layers.isEmpty()) {
            throw new IOException(where + "/" + WEIGHTS + " does not hold exactly the layers " + CONFIG + " lists.");
        }
        return new MlpFile(layers);
    }

    /** Writes the model; {@code meta} holds the provenance fields to record beside the layers. */
    void write(Path dir, ObjectNode meta) throws IOException {
        int floats = 0;
        for (Dense d : layers) {
            floats += d.weight.length + d.bias.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(4 * floats).order(ByteOrder.LITTLE_ENDIAN);
        ArrayNode ls = meta.putArray("layers");
        for (Dense d : layers) {
            for (float v : d.weight) {
                buf.putFloat(v);
            }
            for (float v : d.bias) {
                buf.putFloat(v);
            }
            ls.addObject().put("in", d.in).put("out", d.out).put("activation", d.activation);
        }
        byte[] bytes = buf.array();
        meta.put("weights_file", WEIGHTS);
        meta.put("weights_layout", "per layer: weight [out][in] row-major, then bias [out]; float32 little-endian");
        meta.put("weights_sha256", sha256(bytes));
        Files.createDirectories(dir);
        Files.write(dir.resolve(WEIGHTS), bytes);
        Files.writeString(dir.resolve(CONFIG), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(meta) + "\n");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime lacks SHA-256, which every Java runtime must have.", e);
        }
    }

    /** Opens a file of the model by name. */
    interface IoOpener {
        InputStream open(String name) throws IOException;
    }
}
