package org.mapwright.gpulatency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;
import org.mapwright.netspace.OfaSubnet;

/**
 * HELP's OFA-MobileNetV3 latency data, read in place: {@value #CSV} (5,000 subnets, each measured on the 12 devices
 * of {@link GpuDevices}) and {@value #REFERENCES} (HELP's 10 reference subnets per space).
 *
 * <p>Only subnets at a resolution {@link OfaSubnet} admits (those of OFA's Note10 latency tables) are kept; the
 * others are counted. Bad input is an {@link InputException} located at its line and column.
 *
 * @param archs        the admitted subnets, by arch id
 * @param total        subnets in the file
 * @param referenceIds HELP's reference subnets of the OFA space ({@value #REFERENCES}, key {@code ofa}), admitted
 *                     or not
 * @param sha256       SHA-256 of each file read, by file name
 */
public record HelpOfaData(List<Arch> archs, int total, List<Integer> referenceIds, Map<String, String> sha256) {
    public static final String CSV = "ofa_mbv3_latency_ms.csv";
    public static final String REFERENCES = "hardware_embedding_index.json";
    private static final int DEVICE_COLUMNS_FROM = 1 + 2 * OfaSubnet.SLOTS + OfaSubnet.STAGES + 1;

    /**
     * One subnet and its measured latencies.
     *
     * @param archId    the data's arch id
     * @param subnet    the subnet, canonical
     * @param latencyMs milliseconds per inference on each device of {@link GpuDevices#all()}, in that order
     */
    public record Arch(int archId, OfaSubnet subnet, double[] latencyMs) {
        public Arch {
            latencyMs = latencyMs.clone();
        }

        /** Latency on device {@code d} (its index in {@link GpuDevices#all()}), ms. */
        public double latencyMs(int d) {
            return latencyMs[d];
        }

        @Override
        public double[] latencyMs() {
            return latencyMs.clone();
        }
    }

    public HelpOfaData {
        archs = List.copyOf(archs);
        referenceIds = List.copyOf(referenceIds);
        sha256 = Map.copyOf(sha256);
    }

    /** Reads the data from HELP's folder ({@code hw-latency_HELP} of the shared data). */
    public static HelpOfaData read(Path helpDir) throws IOException {
        Path csv = helpDir.resolve(CSV);
        Path refs = helpDir.resolve(REFERENCES);
        byte[] csvBytes = readBytes(csv);
        byte[] refBytes = readBytes(refs);
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put(CSV, sha256(csvBytes));
        hashes.put(REFERENCES, sha256(refBytes));
        List<String> lines = new String(csvBytes, StandardCharsets.UTF_8).lines().toList();
        if (lines.isEmpty()) {
            throw new InputException(SourceSpan.file(csv.toString()), "The file is empty; it should start with HELP's "
                    + "header line (arch_id, ks0..ks19, e0..e19, d0..d4, r, then the 12 device columns).");
        }
        int[] deviceOf = header(csv.toString(), lines.get(0));
        List<Arch> archs = new ArrayList<>();
        int total = 0;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            total++;
            Arch a = row(csv.toString(), i + 1, lines.get(i), deviceOf);
            if (a != null) {
                archs.add(a);
            }
        }
        archs.sort(java.util.Comparator.comparingInt(Arch::archId));
        return new HelpOfaData(archs, total, references(refs.toString(), refBytes), hashes);
    }

    /**
     * The subnets measured on a device to calibrate a transferred lookup table: HELP's reference subnets when at
     * least {@code n} of them are admitted (their first {@code n}), else the first {@code n} admitted subnets by
     * arch id.
     */
    public List<Integer> calibrationIds(int n) {
        java.util.Set<Integer> admitted = new java.util.HashSet<>();
        archs.forEach(a -> admitted.add(a.archId()));
        List<Integer> refs = referenceIds.stream().filter(admitted::contains).toList();
        if (refs.size() >= n) {
            return refs.subList(0, n);
        }
        return archs.stream().limit(n).map(Arch::archId).toList();
    }

    /** How many of HELP's reference subnets are admitted. */
    public int admittedReferences() {
        return (int) referenceIds.stream().filter(id -> archs.stream().anyMatch(a -> a.archId() == id)).count();
    }

    /** The same data restricted to its first {@code n} admitted subnets (for small runs). */
    public HelpOfaData firstArchs(int n) {
        return n >= archs.size() ? this : new HelpOfaData(archs.subList(0, n), total, referenceIds, sha256);
    }

    private static int[] header(String file, String line) {
        String[] f = line.split(",", -1);
        String[] fixed = new String[DEVICE_COLUMNS_FROM];
        fixed[0] = "arch_id";
        for (int i = 0; i < OfaSubnet.SLOTS; i++) {
            fixed[1 + i] = "ks" + i;
            fixed[1 + OfaSubnet.SLOTS + i] = "e" + i;
        }
        for (int s = 0; s < OfaSubnet.STAGES; s++) {
            fixed[1 + 2 * OfaSubnet.SLOTS + s] = "d" + s;
        }
        fixed[DEVICE_COLUMNS_FROM - 1] = "r";
        int col = 1;
        for (int i = 0; i < DEVICE_COLUMNS_FROM; i++) {
            if (i >= f.length || !f[i].trim().equals(fixed[i])) {
                throw new InputException(SourceSpan.of(file, 1, col), "Header column " + (i + 1) + " should be '"
                        + fixed[i] + "', got '" + (i < f.length ? f[i] : "") + "'; is this HELP's " + CSV + "?");
            }
            col += f[i].length() + 1;
        }
        int n = GpuDevices.all().size();
        int[] deviceOf = new int[f.length - DEVICE_COLUMNS_FROM];
        boolean[] seen = new boolean[n];
        for (int i = DEVICE_COLUMNS_FROM; i < f.length; i++) {
            int d = indexOfDevice(f[i].trim());
            if (d < 0 || seen[d]) {
                throw new InputException(SourceSpan.of(file, 1, col), (d < 0 ? "Unknown device column '" + f[i] + "'"
                        : "Device column '" + f[i] + "' appears twice") + "; the known devices are "
                        + GpuDevices.all().stream().map(GpuDevice::name).toList() + ".");
            }
            seen[d] = true;
            deviceOf[i - DEVICE_COLUMNS_FROM] = d;
            col += f[i].length() + 1;
        }
        for (int d = 0; d < n; d++) {
            if (!seen[d]) {
                throw new InputException(SourceSpan.of(file, 1, 1), "The header has no column for device '"
                        + GpuDevices.all().get(d).name() + "'; every one of the 12 HELP GPU devices is needed.");
            }
        }
        return deviceOf;
    }

    private static int indexOfDevice(String name) {
        List<GpuDevice> all = GpuDevices.all();
        for (int d = 0; d < all.size(); d++) {
            if (all.get(d).name().equals(name)) {
                return d;
            }
        }
        return -1;
    }

    /** The row as an admitted subnet, or null when its resolution is not admitted. */
    private static Arch row(String file, int lineNo, String line, int[] deviceOf) {
        String[] f = line.split(",", -1);
        int[] cols = new int[f.length];
        for (int i = 1; i < f.length; i++) {
            cols[i] = cols[i - 1] + f[i - 1].length() + 1;
        }
        if (f.length != DEVICE_COLUMNS_FROM + deviceOf.length) {
            throw new InputException(SourceSpan.of(file, lineNo, 1), "This row has " + f.length + " fields; the header"
                    + " has " + (DEVICE_COLUMNS_FROM + deviceOf.length) + ".");
        }
        int[] ints = new int[DEVICE_COLUMNS_FROM];
        for (int i = 0; i < DEVICE_COLUMNS_FROM; i++) {
            try {
                ints[i] = Integer.parseInt(f[i].trim());
            } catch (NumberFormatException e) {
                throw new InputException(SourceSpan.of(file, lineNo, cols[i] + 1), "'" + f[i]
                        + "' is not a whole number; arch id, kernel, expansion, depth and resolution are integers.");
            }
        }
        double[] lat = new double[GpuDevices.all().size()];
        for (int i = 0; i < deviceOf.length; i++) {
            int c = DEVICE_COLUMNS_FROM + i;
            double v;
            try {
                v = Double.parseDouble(f[c].trim());
            } catch (NumberFormatException ex) {
                v = Double.NaN;
            }
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new InputException(SourceSpan.of(file, lineNo, cols[c] + 1), "'" + f[c] + "' is not a positive "
                        + "latency in milliseconds.");
            }
            lat[deviceOf[i]] = v;
        }
        int r = ints[DEVICE_COLUMNS_FROM - 1];
        if (java.util.Arrays.stream(OfaSubnet.RESOLUTIONS).noneMatch(v -> v == r)) {
            return null;
        }
        int[] k = java.util.Arrays.copyOfRange(ints, 1, 1 + OfaSubnet.SLOTS);
        int[] e = java.util.Arrays.copyOfRange(ints, 1 + OfaSubnet.SLOTS, 1 + 2 * OfaSubnet.SLOTS);
        int[] d = java.util.Arrays.copyOfRange(ints, 1 + 2 * OfaSubnet.SLOTS, DEVICE_COLUMNS_FROM - 1);
        OfaSubnet s;
        try {
            s = new OfaSubnet(k, e, d, r).canonical();
        } catch (IllegalArgumentException ex) {
            throw new InputException(SourceSpan.of(file, lineNo, cols[1] + 1), ex.getMessage());
        }
        return new Arch(ints[0], s, lat);
    }

    private static List<Integer> references(String file, byte[] bytes) {
        JsonNode ofa;
        try {
            ofa = new ObjectMapper().readTree(bytes).path("ofa");
        } catch (IOException e) {
            throw new InputException(SourceSpan.file(file), "This is not JSON (" + e.getMessage() + ").");
        }
        if (!ofa.isArray()) {
            throw new InputException(SourceSpan.file(file), "There is no list 'ofa' of reference arch ids.");
        }
        List<Integer> ids = new ArrayList<>();
        for (JsonNode n : ofa) {
            if (!n.canConvertToInt() || n.asInt() < 0) {
                throw new InputException(SourceSpan.file(file), "The 'ofa' list holds '" + n + "'; arch ids are "
                        + "non-negative integers.");
            }
            ids.add(n.asInt());
        }
        return ids;
    }

    private static byte[] readBytes(Path p) throws IOException {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new IOException("HELP's data file " + p + " does not exist; give the folder that holds " + CSV
                    + " and " + REFERENCES + " (hw-latency_HELP in the shared data).", e);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256.", e);
        }
    }
}
