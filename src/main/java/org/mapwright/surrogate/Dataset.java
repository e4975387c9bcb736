package org.mapwright.surrogate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Surrogate training samples in a compact binary file: a header, then one row per sample.
 *
 * <p>Header: the bytes {@code MWSD}, then big-endian int32s: format version (1), feature count F, target count T
 * and the length of a UTF-8 JSON object (family, generator settings, oracle, commit, command), then that JSON.
 * Each row: F + T little-endian float32s (the {@link FeatureEncoder} features, then the {@link #TARGETS}), and a
 * little-endian int32 group: the index of the (layer, accelerator) pair the sample belongs to, so that training and
 * validation can be split by pair rather than by sample.
 */
public final class Dataset {
    static final byte[] MAGIC = "MWSD".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    /**
     * Targets: log(energy / lower-bound energy), log(cycles / lower-bound cycles) (both 0 when the mapping is
     * invalid), and 1 for a valid mapping, 0 for an invalid one.
     */
    public static final int TARGETS = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A loaded dataset: rows of features then targets, and each row's group. */
    public record Rows(JsonNode meta, int features, float[] x, float[] y, int[] group) {
        public int size() {
            return group.length;
        }
    }

    private Dataset() {
    }

    /** Streams rows to a temporary file beside the target and moves it into place on {@link #close}. */
    public static final class Writer implements AutoCloseable {
        private final Path target;
        private final Path tmp;
        private final OutputStream out;
        private final int features;
        private final ByteBuffer row;
        private long rows;
        private boolean done;

        public Writer(Path target, int features, ObjectNode meta) throws IOException {
            this.target = target;
            this.features = features;
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            this.tmp = Files.createTempFile(dir, target.getFileName().toString(), ".part");
            this.out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20);
            byte[] js = JSON.writeValueAsBytes(meta);
            ByteBuffer h = ByteBuffer.allocate(4 + 16).order(ByteOrder.BIG_ENDIAN);
            h.put(MAGIC).putInt(VERSION).putInt(features).putInt(TARGETS).putInt(js.length);
            out.write(h.array());
            out.write(js);
            row = ByteBuffer.allocate(4 * (features + TARGETS + 1)).order(ByteOrder.LITTLE_ENDIAN);
        }

        public void write(float[] x, float[] y, int group) throws IOException {
            row.clear();
            for (int i = 0; i < features; i++) {
                row.putFloat(x[i]);
            }
            for (int i = 0; i < TARGETS; i++) {
                row.putFloat(y[i]);
            }
            row.putInt(group);
            out.write(row.array());
            rows++;
        }

        public long rows() {
            return rows;
        }

        @Override
        public void close() throws IOException {
            if (done) {
                return;
            }
            done = true;
            out.close();
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Reads a whole dataset; throws an IOException that names the file when it is not one. */
    public static Rows read(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 20))) {
            byte[] magic = new byte[4];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a Mapwright surrogate dataset (it does not start with MWSD); "
                        + "make one with `mapwright surrogate data`.");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + " has dataset format " + version + "; this Mapwright reads format "
                        + VERSION + ". Generate it again with `mapwright surrogate data`.");
            }
            int f = in.readInt();
            int t = in.readInt();
            int jl = in.readInt();
            if (f < 1 || f > 1 << 16 || t != TARGETS || jl < 0 || jl > 1 << 24) {
                throw new IOException(file + " has a damaged header (" + f + " features, " + t + " targets).");
            }
            byte[] js = new byte[jl];
            in.readFully(js);
            JsonNode meta = JSON.readTree(js);
            long rowBytes = 4L * (f + t + 1);
            long body = size - 20 - jl;
            if (body % rowBytes != 0 || body / rowBytes > Integer.MAX_VALUE / (f + 1)) {
                throw new IOException(file + " is truncated or damaged: its body is not a whole number of rows.");
            }
            int n = (int) (body / rowBytes);
            float[] x = new float[n * f];
            float[] y = new float[n * t];
            int[] g = new int[n];
            byte[] buf = new byte[(int) rowBytes];
            ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < n; r++) {
                try {
                    in.readFully(buf);
                } catch (EOFException e) {
                    throw new IOException(file + " ends in the middle of row " + r + ".");
                }
                bb.clear();
                for (int i = 0; i < f; i++) {
                    x[r * f + i] = bb.getFloat();
                }
                for (int i = 0; i < t; i++) {
                    y[r * t + i] = bb.getFloat();
                }
                g[r] = bb.getInt();
            }
            return new Rows(meta, f, x, y, g);
        }
    }
}
