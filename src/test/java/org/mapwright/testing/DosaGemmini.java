package org.mapwright.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.mapwright.timeloop.TimeloopDocument;
import org.mapwright.timeloop.TimeloopInputs;
import org.mapwright.timeloop.TimeloopLoader;

/**
 * Rows of DOSA's published Timeloop data set for a Gemmini-like accelerator ({@code
 * ../shared/data/accel-mapping-timeloop-gemmini_DOSA/timeloop_gemmini_dataset.csv.gz}; Hong et al., MICRO 2023,
 * github.com/ucb-bar/dosa), turned into Timeloop v3 inputs that both Timeloop and Mapwright read.
 *
 * <p>The architecture follows DOSA's Gemmini template with the row's parameters: DRAM (8-bit words, block 64, shared
 * bandwidth 8) keeps everything; a Scratchpad keeps Weights and Inputs; one Accumulator per PE column keeps Outputs;
 * one Register per PE keeps Weights; the Scratchpad fans out over PE columns and each Accumulator over PE rows, both
 * along X. DOSA's energies came from Accelergy, which is not here: the ERT is this class's own, so energies are
 * compared between the two tools only. The mapping string lists levels outermost first ({@code L3} DRAM ...
 * {@code L0} Registers) and each level's loops outermost first, spatial ones marked with {@code X}, as Timeloop's
 * compact mapping print does.
 */
public final class DosaGemmini {
    /** Levels of the mapping string, outermost first, with the data spaces each keeps. */
    private static final String[] LEVELS = {"DRAM", "Scratchpad", "Accumulator", "Registers"};
    private static final String[][] KEEP = {{"Weights", "Inputs", "Outputs"}, {"Weights", "Inputs"}, {"Outputs"},
        {"Weights"}};
    private static final String DIMS = "RSPQCKN";

    private DosaGemmini() {
    }

    /** One row: its line in the CSV (header is line 1), DOSA's recorded cycles, and the named columns. */
    public record Row(int line, long recordedCycles, Map<String, String> columns) {
        public String get(String column) {
            String v = columns.get(column);
            if (v == null) {
                throw new IllegalArgumentException("Row " + line + " has no column " + column + ".");
            }
            return v;
        }

        public long integer(String column) {
            return Math.round(Double.parseDouble(get(column)));
        }

        public String mapping() {
            return get("mapping.mapping");
        }
    }

    /** The four Timeloop documents of a row, as YAML text. */
    public record Yaml(String problem, String arch, String ert, String mapping) {
        /** Writes them as problem.yaml, arch.yaml, ert.yaml and mapping.yaml into {@code dir}; returns the paths. */
        public List<Path> write(Path dir) {
            try {
                Files.createDirectories(dir);
                List<Path> out = new ArrayList<>();
                for (String[] f : new String[][] {{"problem", problem}, {"arch", arch}, {"ert", ert},
                    {"mapping", mapping}}) {
                    Path p = dir.resolve(f[0] + ".yaml");
                    Files.writeString(p, f[1]);
                    out.add(p);
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Mapwright's reading of the same documents. */
        public TimeloopInputs load() {
            return TimeloopLoader.assemble(List.of(TimeloopDocument.parse("problem.yaml", problem),
                    TimeloopDocument.parse("arch.yaml", arch), TimeloopDocument.parse("ert.yaml", ert),
                    TimeloopDocument.parse("mapping.yaml", mapping)), true);
        }
    }

    /** The data set's path under the shared directory. */
    public static Path dataset(Path shared) {
        return shared.resolve("data/accel-mapping-timeloop-gemmini_DOSA/timeloop_gemmini_dataset.csv.gz");
    }

    /** Every {@code stride}-th row starting at row {@code first} (0-based, header excluded), at most {@code max}. */
    public static List<Row> read(Path csvGz, int first, int stride, int max) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(csvGz)), StandardCharsets.UTF_8))) {
            String[] header = r.readLine().split(",", -1);
            String line;
            int i = 0;
            while ((line = r.readLine()) != null && rows.size() < max) {
                if (i >= first && (i - first) % stride == 0) {
                    String[] v = line.split(",", -1);
                    if (v.length != header.length) {
                        throw new IllegalArgumentException(csvGz + ":" + (i + 2) + ": expected " + header.length
                                + " columns, found " + v.length + ".");
                    }
                    Map<String, String> cols = new LinkedHashMap<>();
                    for (int k = 0; k < v.length; k++) {
                        cols.put(header[k], v[k]);
                    }
                    rows.add(new Row(i + 2, Math.round(Double.parseDouble(cols.get("target.cycle"))), cols));
                }
                i++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Timeloop inputs for a row. */
    public static Yaml toTimeloop(Row row) {
        return new Yaml(problem(row), arch(row), ert(row), mapping(row));
    }

    static String problem(Row row) {
        StringBuilder s = new StringBuilder("""
                problem:
                  shape:
                    name: CNN-Layer
                    dimensions: [ R, S, P, Q, C, K, N ]
                    coefficients:
                    - {name: Wstride, default: 1}
                    - {name: Hstride, default: 1}
                    - {name: Wdilation, default: 1}
                    - {name: Hdilation, default: 1}
                    data-spaces:
                    - name: Weights
                      projection: [ [[C]], [[K]], [[R]], [[S]] ]
                    - name: Inputs
                      projection: [ [[N]], [[C]], [[R, Wdilation], [P, Wstride]], [[S, Hdilation], [Q, Hstride]] ]
                    - name: Outputs
                      projection: [ [[N]], [[K]], [[Q]], [[P]] ]
                      read-write: True
                  instance:
                """);
        for (String k : List.of("R", "S", "P", "Q", "C", "K", "N", "Wstride", "Hstride", "Wdilation", "Hdilation")) {
            s.append("    ").append(k).append(": ").append(row.integer("prob." + k)).append('\n');
        }
        return s.toString();
    }

    static String arch(Row row) {
        long pe = row.integer("arch.meshX");
        if (pe * pe != row.integer("arch.pe") || row.integer("arch.mem1_instances") != pe) {
            throw new IllegalArgumentException("Row " + row.line() + " is not a square Gemmini array: pe "
                    + row.get("arch.pe") + ", meshX " + pe + ", accumulators " + row.get("arch.mem1_instances") + ".");
        }
        String sp = "{entries: %d, depth: %d, width: %d, instances: 1, meshX: 1, word-bits: 8, n_rdwr_ports: %d, "
                + "n_banks: %d, shared_bandwidth: %d}";
        String acc = "{entries: %d, depth: %d, width: %d, instances: %d, word-bits: %d, network-word-bits: %d, "
                + "n_rdwr_ports: %d, n_banks: %d, shared_bandwidth: %d}";
        return """
                architecture:
                  version: 0.3
                  subtree:
                  - name: System
                    local:
                    - name: DRAM
                      class: DRAM
                      attributes: {instances: 1, word-bits: 8, block_size: 64, shared_bandwidth: 8}
                    subtree:
                    - name: Chip
                      attributes: {technology: 40nm}
                      local:
                      - name: Scratchpad
                        class: SRAM
                        attributes: %s
                      subtree:
                      - name: PECols[0..%d]
                        local:
                        - name: Accumulator
                          class: SRAM
                          attributes: %s
                        subtree:
                        - name: PERows[0..%d]
                          local:
                          - name: Registers
                            class: SRAM
                            attributes: %s
                          - name: MACC
                            class: intmac
                            attributes: {datawidth: 8, word-bits: 8}
                """.formatted(sp.formatted(row.integer("arch.mem2_entries"), row.integer("arch.mem2_depth"),
                        row.integer("arch.mem2_width"), row.integer("arch.mem2_n_rdwr_ports"),
                        row.integer("arch.mem2_n_banks"), row.integer("arch.mem2_shared_bandwidth")),
                pe - 1,
                acc.formatted(row.integer("arch.mem1_entries"), row.integer("arch.mem1_depth"),
                        row.integer("arch.mem1_width"), row.integer("arch.mem1_instances"),
                        row.integer("arch.mem1_word-bits"), row.integer("arch.mem1_network-word-bits"),
                        row.integer("arch.mem1_n_rdwr_ports"), row.integer("arch.mem1_n_banks"),
                        row.integer("arch.mem1_shared_bandwidth")),
                pe - 1, "{depth: 1, width: 8, entries: 1, instances: %d, word-bits: 8, n_rdwr_ports: 2, n_banks: 1}"
                        .formatted(pe * pe));
    }

    static String ert(Row row) {
        long last = row.integer("arch.meshX") - 1;
        String cols = "System.Chip.PECols[0.." + last + "]";
        String rows = cols + ".PERows[0.." + last + "]";
        return """
                ERT:
                  version: 0.3
                  tables:
                  - name: System.DRAM
                    actions: [{name: read, energy: 2048.0}, {name: write, energy: 2176.0}]
                  - name: System.Chip.Scratchpad
                    actions: [{name: read, energy: 37.5}, {name: write, energy: 41.25}]
                  - name: %s.Accumulator
                    actions: [{name: read, energy: 4.5}, {name: write, energy: 5.125}]
                  - name: %s.Registers
                    actions: [{name: read, energy: 0.25}, {name: write, energy: 0.375}]
                  - name: %s.MACC
                    actions: [{name: mac_random, energy: 0.5625}]
                """.formatted(cols, rows, rows);
    }

    static String mapping(Row row) {
        String[] levels = row.mapping().trim().split(" - ");
        if (levels.length != LEVELS.length) {
            throw new IllegalArgumentException("Row " + row.line() + ": the mapping has " + levels.length
                    + " levels, expected 4 (L3 DRAM ... L0 Registers): " + row.mapping());
        }
        StringBuilder s = new StringBuilder("mapping:\n");
        for (int l = 0; l < LEVELS.length; l++) {
            String[] words = levels[l].trim().split("\\s+");
            if (!words[0].equals("L" + (3 - l) + "[" + keepLetters(l) + "]")) {
                throw new IllegalArgumentException("Row " + row.line() + ": level " + (l + 1) + " of the mapping is "
                        + words[0] + ", expected L" + (3 - l) + "[" + keepLetters(l) + "].");
            }
            Map<Character, Long> temporal = new HashMap<>();
            Map<Character, Long> spatial = new HashMap<>();
            StringBuilder order = new StringBuilder();
            StringBuilder spatialOrder = new StringBuilder();
            for (String w : Arrays.copyOfRange(words, 1, words.length)) {
                char d = w.charAt(0);
                boolean x = w.endsWith("X");
                if (DIMS.indexOf(d) < 0 || w.endsWith("Y")) {
                    throw new IllegalArgumentException("Row " + row.line() + ": cannot read loop " + w + ".");
                }
                long f = Long.parseLong(w.substring(1, x ? w.length() - 1 : w.length()));
                Map<Character, Long> into = x ? spatial : temporal;
                if (into.put(d, f) != null) {
                    throw new IllegalArgumentException("Row " + row.line() + ": level " + LEVELS[l] + " has two "
                            + (x ? "spatial" : "temporal") + " loops over " + d + ".");
                }
                (x ? spatialOrder : order).insert(0, d);
            }
            s.append("- target: ").append(LEVELS[l]).append("\n  type: datatype\n  keep: [")
                    .append(String.join(", ", KEEP[l])).append("]\n  bypass: [")
                    .append(String.join(", ", bypass(l))).append("]\n");
            s.append("- target: ").append(LEVELS[l]).append("\n  type: temporal\n  factors: ")
                    .append(factors(temporal)).append("\n  permutation: ").append(complete(order)).append('\n');
            if (!spatial.isEmpty()) {
                s.append("- target: ").append(LEVELS[l]).append("\n  type: spatial\n  factors: ")
                        .append(factors(spatial)).append("\n  permutation: ").append(complete(spatialOrder))
                        .append("\n  split: ").append(DIMS.length()).append('\n');
            }
        }
        return s.toString();
    }

    private static String keepLetters(int l) {
        StringBuilder b = new StringBuilder();
        for (String k : KEEP[l]) {
            b.append(k.charAt(0));
        }
        return b.toString();
    }

    private static List<String> bypass(int l) {
        List<String> out = new ArrayList<>(List.of("Weights", "Inputs", "Outputs"));
        out.removeAll(List.of(KEEP[l]));
        return out;
    }

    private static String factors(Map<Character, Long> f) {
        StringBuilder b = new StringBuilder();
        for (char d : DIMS.toCharArray()) {
            b.append(b.length() == 0 ? "" : " ").append(d).append('=').append(f.getOrDefault(d, 1L));
        }
        return b.toString();
    }

    /** Loops innermost first (Timeloop's permutation order), then the dims without a loop. */
    private static String complete(StringBuilder innermostFirst) {
        StringBuilder b = new StringBuilder(innermostFirst);
        for (char d : DIMS.toCharArray()) {
            if (b.indexOf(String.valueOf(d)) < 0) {
                b.append(d);
            }
        }
        return b.toString();
    }
}
