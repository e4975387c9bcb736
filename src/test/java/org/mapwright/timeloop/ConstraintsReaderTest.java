package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.timeloop.Small.errors;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.mapping.LevelMapping;
import org.mapwright.mapping.Mapping;
import org.mapwright.mapspace.Axis;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.FactorRule;
import org.mapwright.mapspace.LevelConstraints;
import org.mapwright.workload.Dim;
import org.mapwright.workload.TensorId;
import org.mapwright.workload.Workload;

class ConstraintsReaderTest {

    /** Valid constraints for {@link Small#SPEC}; line numbers matter for the error tests. */
    static final String CONSTRAINTS = """
            architecture_constraints:
              targets:
              - target: buf
                type: spatial
                factors: M=2 N=0
                permutation: NM
                split: 1
              - target: reg
                type: temporal
                factors: K<=3
                permutation: KM
              - target: buf
                type: bypass
                keep: [A, Z]
                bypass: [B]
            mapspace_constraints:
              targets:
              - target: DRAM
                type: temporal
                factors: M1 N0
              - target: reg
                type: utilization
                min: 0.5
            """;

    private static Constraints read(String text) {
        return read(List.of(TimeloopDocument.parse("c.yaml", text)));
    }

    private static Constraints read(List<TimeloopDocument> docs) {
        TimeloopInputs in = Small.spec();
        return TimeloopLoader.constraintsOf(docs, in.workload(), in.architecture());
    }

    /** Factor rules from {@code "M=2 N=whole K<=3"}. */
    private static Map<String, FactorRule> rules(String spec) {
        Map<String, FactorRule> out = new LinkedHashMap<>();
        for (String tok : spec.split(" ")) {
            if (tok.contains("<=")) {
                String[] kv = tok.split("<=");
                out.put(kv[0], new FactorRule.AtMost(Long.parseLong(kv[1])));
            } else if (!tok.isBlank()) {
                String[] kv = tok.split("=");
                out.put(kv[0], kv[1].equals("whole") ? new FactorRule.Whole() : new FactorRule.Fixed(Long.parseLong(kv[1])));
            }
        }
        return out;
    }

    /** Single-letter dimensions on X, then on Y. */
    private static Map<String, Axis> axes(String x, String y) {
        Map<String, Axis> out = new LinkedHashMap<>();
        x.chars().forEach(c -> out.put(String.valueOf((char) c), Axis.X));
        y.chars().forEach(c -> out.put(String.valueOf((char) c), Axis.Y));
        return out;
    }

    private static Optional<List<String>> order(String letters) {
        return Optional.of(letters.chars().mapToObj(c -> String.valueOf((char) c)).toList());
    }

    private static LevelConstraints temporal(String rules, Optional<List<String>> order) {
        return new LevelConstraints(rules(rules), Map.of(), Map.of(), false, order, Set.of(), Set.of());
    }

    @Test
    void readsEveryKindOfTarget() {
        Constraints c = read(CONSTRAINTS);
        assertEquals(List.of("buf", "reg", "DRAM"), List.copyOf(c.levels().keySet()));
        assertEquals(new LevelConstraints(Map.of(), rules("M=2 N=whole"), axes("N", "MK"), false, Optional.empty(),
                Set.of("A", "Z"), Set.of("B")), c.level("buf"));
        assertEquals(temporal("K<=3", order("KM")), c.level("reg"));
        assertEquals(temporal("M=1 N=whole", Optional.empty()), c.level("DRAM"));
        assertEquals(0.5, c.minUtilization());
    }

    @Test
    void theReaderTakesOneSectionValue() {
        TimeloopInputs in = Small.spec();
        YamlMap.Entry e = TimeloopDocument.parse("c.yaml", CONSTRAINTS)
                .section(TimeloopDocument.Section.MAPSPACE_CONSTRAINTS).orElseThrow();
        Constraints c = ConstraintsReader.read(e.value(), in.workload(), in.architecture());
        assertEquals(List.of("DRAM"), List.copyOf(c.levels().keySet()));
        assertEquals(0.5, c.minUtilization());
    }

    @Test
    void sectionsMayBeSpelledInTimeloopsOtherWays() {
        LevelConstraints reg = temporal("K=2", Optional.empty());
        for (String text : List.of(
                "constraints:\n- {target: reg, type: temporal, factors: K=2}\n",
                "constraints:\n  targets:\n  - {target: reg, type: temporal, factors: [K2]}\n",
                "mapspace:\n  template: uber\n  constraints:\n  - {target: reg, type: temporal, factors: K=2}\n",
                "mapspace:\n  constraints:\n    targets:\n    - {target: reg, type: temporal, factors: K = 2}\n",
                "mapspace_constraints:\n- {target: reg, type: datatype}\n- {target: reg, type: temporal, factors: K2}\n")) {
            assertEquals(new Constraints(Map.of("reg", reg), 0), read(text), text);
        }
        assertEquals(Constraints.NONE, read("mapspace_constraints:\narchitecture_constraints:\n  targets: []\n"));
        assertEquals(Constraints.NONE, read("mapper:\n  algorithm: random-pruned\n"));
    }

    @Test
    void theEyerissReferenceConstraints() {
        Path ref = Reference.timeloop();
        Constraints c = reference(ref, "eyeriss_like", "rn50_res2a_2b", false).constraints();
        assertEquals(Set.of("psum_spad", "weights_spad", "ifmap_spad", "DummyBuffer", "shared_glb", "DRAM"),
                c.levels().keySet());
        assertEquals(new LevelConstraints(rules("N=1 M=1 C=1 P=1 Q=1 R=1 S=1"), rules("N=1 P=1 Q=1 R=1 S=whole"),
                axes("NPQR", "SCM"), false, order("NMCPQRS"), Set.of(), Set.of("Inputs", "Outputs", "Weights")),
                c.level("DummyBuffer"));
        assertEquals(new LevelConstraints(rules("N=1 M=1 P=1 Q=1 S=1 R=whole"), Map.of(), Map.of(), false,
                order("NMPQSCR"), Set.of("Weights"), Set.of("Inputs", "Outputs")), c.level("weights_spad"));
        assertEquals(new LevelConstraints(rules("Q=1 R=1 S=1 P=whole"), rules("N=1 C=1 P=1 R=1 S=1"),
                axes("NCPRSQM", ""), false, order("QRSCPNM"), Set.of("Inputs", "Outputs"), Set.of("Weights")),
                c.level("shared_glb"));
        assertEquals(temporal("R=1 S=1 P=1", order("RSPCMNQ")), c.level("DRAM"));
        assertEquals(0.0, c.minUtilization());
    }

    @Test
    void theSimpleWeightStationaryReferenceConstraints() {
        Path ref = Reference.timeloop();
        Constraints c = reference(ref, "simple_ws", "rn50_res2a_2b", false).constraints();
        assertEquals(new LevelConstraints(rules("R=1 S=1"), rules("R=1 S=1 P=1 Q=1 M=16 C=16"), axes("C", "MRSNPQ"), false,
                Optional.empty(), Set.of(), Set.of()), c.level("shared_glb"));
        assertEquals(new LevelConstraints(Map.of(), Map.of(), Map.of(), false, order("PQRS"), Set.of("Weights"),
                Set.of("Inputs", "Outputs")), c.level("pe_spad"));
    }

    /** Every reference constraints file reads, and Timeloop's best mapping under it obeys what was read. */
    @TestFactory
    Stream<DynamicTest> everyReferenceConstraintsFileReads() {
        return Reference.tests(ref -> {
            List<Path> files = Reference.find(ref.resolve("mapper"), "*/*/constraints.yaml");
            assertFalse(files.isEmpty(), "no reference constraints files under " + ref.resolve("mapper"));
            return files.stream().map(f -> DynamicTest.dynamicTest(ref.resolve("mapper").relativize(f.getParent())
                    .toString(), () -> {
                        String arch = f.getParent().getParent().getFileName().toString();
                        String layer = f.getParent().getFileName().toString();
                        TimeloopInputs in = reference(ref, arch, layer, true);
                        assertNotEquals(Constraints.NONE, in.constraints());
                        assertEquals(in.constraints(), TimeloopLoader.constraints(List.of(f, f.resolveSibling(
                                "mapper.yaml")), in.workload(), in.architecture()));
                        obeys(in.mapping().orElseThrow(), in.constraints(), in.workload());
                    }));
        });
    }

    /** The problem, architecture, ERT, constraints and mapper settings of a reference run, with its best mapping. */
    private static TimeloopInputs reference(Path ref, String arch, String layer, boolean withMapping) {
        Path run = ref.resolve("mapper").resolve(arch).resolve(layer);
        List<Path> files = new ArrayList<>(List.of(ref.resolve("inputs/problems/" + layer + ".yaml"),
                ref.resolve("inputs/arch/" + arch + ".yaml"), ref.resolve("inputs/ert/" + arch + ".yaml"),
                run.resolve("constraints.yaml"), run.resolve("mapper.yaml")));
        if (withMapping) {
            files.add(run.resolve("map.yaml"));
        }
        TimeloopInputs in = TimeloopLoader.load(files, withMapping);
        assertEquals(withMapping, in.mapping().isPresent());
        return in;
    }

    /** Checks that {@code m} keeps every constraint of {@code c}, as Timeloop's mapper must have. */
    private static void obeys(Mapping m, Constraints c, Workload w) {
        for (Map.Entry<String, LevelConstraints> e : c.levels().entrySet()) {
            LevelMapping lm = m.level(e.getKey()).orElseThrow();
            LevelConstraints lc = e.getValue();
            String at = " at " + e.getKey();
            lc.temporal().forEach((dim, rule) -> factor(rule, lm.temporalFactor(Dim.of(dim)), w.bound(Dim.of(dim)),
                    "temporal " + dim + at));
            lc.spatial().forEach((dim, rule) -> factor(rule, lm.spatialXFactor(Dim.of(dim))
                    * lm.spatialYFactor(Dim.of(dim)), w.bound(Dim.of(dim)), "spatial " + dim + at));
            lc.axes().forEach((dim, axis) -> assertEquals(1, axis == Axis.X ? lm.spatialYFactor(Dim.of(dim))
                    : lm.spatialXFactor(Dim.of(dim)), dim + " must use only " + axis + at));
            lc.keep().forEach(t -> assertTrue(lm.keeps(TensorId.of(t)), t + " must be kept" + at));
            lc.bypass().forEach(t -> assertFalse(lm.keeps(TensorId.of(t)), t + " must be bypassed" + at));
            if (lc.innerOrder().isPresent()) {
                List<String> order = lc.innerOrder().get();
                List<String> innerFirst = new ArrayList<>(lm.temporal().stream().map(l -> l.dim().name()).toList());
                Collections.reverse(innerFirst);
                int last = -1;
                boolean outside = false;
                for (String dim : innerFirst) {
                    int k = order.indexOf(dim);
                    assertTrue(k < 0 || (!outside && k > last), "loops " + lm.temporal() + at + " break " + order);
                    outside |= k < 0;
                    last = Math.max(last, k);
                }
            }
        }
    }

    private static void factor(FactorRule rule, long actual, long bound, String what) {
        if (rule instanceof FactorRule.Whole) {
            assertEquals(bound, actual, what);
        } else if (rule instanceof FactorRule.AtMost a) {
            assertTrue(actual <= a.value(), what);
        } else if (rule instanceof FactorRule.Fixed f && bound % Math.min(f.value(), bound) == 0) {
            assertEquals(Math.min(f.value(), bound), actual, what);
        }
    }

    @Test
    void loadingReadsConstraintsFromEveryFileWithOrWithoutAMapping() {
        TimeloopDocument spec = TimeloopDocument.parse("spec.yaml", Small.SPEC);
        int mapspace = CONSTRAINTS.indexOf("mapspace_constraints:");
        TimeloopDocument arch = TimeloopDocument.parse("a.yaml", CONSTRAINTS.substring(0, mapspace));
        TimeloopDocument user = TimeloopDocument.parse("u.yaml", CONSTRAINTS.substring(mapspace)
                + "constraints:\n- {target: DRAM, type: temporal, factors: K=1}\n");
        TimeloopInputs in = TimeloopLoader.assemble(List.of(spec, arch, user), false);
        assertTrue(in.mapping().isEmpty());
        assertEquals(read(CONSTRAINTS).and(new Constraints(Map.of("DRAM", temporal("K=1", Optional.empty())), 0)),
                in.constraints());
        assertEquals(Constraints.NONE, Small.spec().constraints());
        TimeloopInputs withMapping = TimeloopLoader.assemble(List.of(spec, arch,
                TimeloopDocument.parse("m.yaml", MappingReaderTest.MAP)), true);
        assertEquals(read(CONSTRAINTS.substring(0, mapspace)), withMapping.constraints());
    }

    /** Reads {@link #CONSTRAINTS} with {@code from} replaced by {@code to} and returns the error report. */
    private static String broken(String from, String to) {
        assertTrue(CONSTRAINTS.contains(from), from);
        return errors(() -> read(CONSTRAINTS.replace(from, to)));
    }

    @Test
    void unknownTargetsAndTypes() {
        assertEquals("c.yaml:12:13: error: Unknown target 'bfu'. Did you mean 'buf'? The storage levels are DRAM, buf, "
                + "reg.", broken("target: buf\n    type: bypass", "target: bfu\n    type: bypass"));
        assertEquals("c.yaml:18:13: error: mac is the compute unit; constraints target storage levels (DRAM, buf, reg).",
                broken("target: DRAM", "target: mac"));
        assertEquals("c.yaml:22:11: error: Unknown constraint type 'utilisation'. Did you mean 'utilization'? The types "
                        + "are temporal, spatial, bypass (or datatype), utilization (or parallelism) and "
                        + "max_overbooked_proportion.", broken("type: utilization", "type: utilisation"));
        assertEquals("c.yaml:3:13: error: reg is not a spatial level: it has no fan-out below it. Target a level with a "
                + "fan-out (buf) or make this a temporal constraint.", broken("target: buf\n    type: spatial",
                "target: reg\n    type: spatial"));
    }

    @Test
    void missingAndMisplacedKeys() {
        assertEquals("c.yaml:21:5: error: A constraint needs a 'target' entry; add it.",
                broken("- target: reg\n    type: utilization", "- type: utilization"));
        assertEquals("c.yaml:8:5: error: A constraint needs a 'type' entry; add it.",
                broken("    type: temporal\n    factors: K", "    factors: K"));
        assertEquals("c.yaml:22:11: error: A utilization constraint needs a 'min' entry (the lowest fraction of compute "
                + "units in use, from 0 to 1); add it.", broken("    min: 0.5\n", ""));
        assertEquals("c.yaml:12:5: error: 'keep' belongs in a bypass constraint, not in a temporal one; move it there.\n"
                        + "c.yaml:13:5: error: 'split' belongs in a spatial constraint, not in a temporal one; move it "
                        + "there.\n"
                        + "c.yaml:14:5: error: 'min' belongs in a utilization constraint, not in a temporal one; move it "
                        + "there.",
                broken("permutation: KM\n", "permutation: KM\n    keep: [A]\n    split: 1\n    min: 1\n"));
    }

    @Test
    void badFactors() {
        assertEquals("c.yaml:10:14: error: Unknown dimension 'KK' in the factors of reg. Did you mean 'K'? The "
                + "dimensions are M, N, K.", broken("factors: K<=3", "factors: KK<=3"));
        assertEquals("c.yaml:10:14: error: The factor of K at reg must be a non-negative whole number (0 stands for "
                + "the whole dimension), but it is -1.", broken("factors: K<=3", "factors: K=-1"));
        assertEquals("c.yaml:10:14: error: The maximum factor of K at reg must be a positive whole number, but it is 0.",
                broken("factors: K<=3", "factors: K<=0"));
        assertEquals("c.yaml:10:14: error: Cannot read the factor 'K=2.5' of reg; write factors as 'C=4 M<=2 P=0' (or "
                        + "'C4 P0'), each a dimension, '=' or '<=', and a whole number (0 stands for the whole "
                        + "dimension).", broken("factors: K<=3", "factors: K=2.5"));
        assertEquals("c.yaml:10:19: error: Dimension K is given twice in the factors of this temporal constraint of "
                + "reg; give it once.", broken("factors: K<=3", "factors: K<=3 K=1"));
    }

    @Test
    void badPermutationsAndSplits() {
        assertEquals("c.yaml:11:19: error: Unknown dimension 'X' in the permutation of reg. The dimensions are M, N, K.",
                broken("permutation: KM", "permutation: KX"));
        assertEquals("c.yaml:11:20: error: Dimension K appears twice in the permutation of this temporal constraint of "
                + "reg; list each dimension once.", broken("permutation: KM", "permutation: KMK"));
    }

    @Test
    void badTensorsAndUtilization() {
        assertEquals("c.yaml:15:14: error: Unknown tensor 'Zz'. Did you mean 'Z'? The tensors (data spaces) are A, B, Z.",
                broken("bypass: [B]", "bypass: [Zz]"));
        assertEquals("c.yaml:15:14: error: Tensor B is both kept (line 14) and bypassed at buf; list it under one of "
                + "keep or bypass.", broken("keep: [A, Z]", "keep: [A, B]"));
        assertEquals("c.yaml:23:10: error: The minimum utilization must be a fraction from 0 to 1, but it is 1.5; write "
                + "0.5, say, to use at least half of the compute units.", broken("min: 0.5", "min: 1.5"));
        assertEquals("c.yaml:23:10: error: The minimum utilization must be a fraction from 0 to 1, but it is -0.1; write "
                + "0.5, say, to use at least half of the compute units.", broken("min: 0.5", "min: -0.1"));
        assertEquals("c.yaml:23:10: error: Expected 'min' to be a number, but it is the text 'half'.",
                broken("min: 0.5", "min: half"));
    }

    @Test
    void errorsOfSeveralTargetsAreReportedTogether() {
        assertEquals("c.yaml:5:14: error: Unknown dimension 'W' in the factors of buf. The dimensions are M, N, K.\n"
                        + "c.yaml:19:11: error: Unknown constraint type 'temporl'. Did you mean 'temporal'? The types "
                        + "are temporal, spatial, bypass (or datatype), utilization (or parallelism) and "
                        + "max_overbooked_proportion.",
                errors(() -> read(CONSTRAINTS.replace("factors: M=2 N=0", "factors: W=2 N=0")
                        .replace("type: temporal\n    factors: M1", "type: temporl\n    factors: M1"))));
    }

    @Test
    void contradictionsAreReportedAtTheLaterTarget() {
        assertEquals("c.yaml:3:12: error: Two constraints give the temporal factor of K at level reg different values; "
                + "keep one.", errors(() -> read("""
                mapspace_constraints:
                - {target: reg, type: temporal, factors: K=2 M=0}
                - {target: reg, type: temporal, factors: K=3 M=0}
                """)));
        assertEquals("c.yaml:24:14: error: Two constraints both keep and bypass B at level buf; keep one.",
                errors(() -> read(CONSTRAINTS + "  - {target: buf, type: datatype, keep: [B]}\n")));
        assertEquals("c.yaml:24:14: error: Two constraints give level reg different loop orders; keep one.",
                errors(() -> read(CONSTRAINTS + "  - {target: reg, type: temporal, permutation: MK}\n")));
        assertEquals("b.yaml:3:13: error: Two constraints put N on different axes at level buf (Y and X); keep one.",
                errors(() -> read(List.of(TimeloopDocument.parse("a.yaml",
                        "constraints:\n- {target: buf, type: spatial, permutation: MN, split: 1}\n"),
                        TimeloopDocument.parse("b.yaml", CONSTRAINTS)))));
        assertEquals(new Constraints(Map.of("reg", temporal("K<=3 M=1", order("KM"))), 0.75),
                read(CONSTRAINTS.substring(0, CONSTRAINTS.indexOf("  - target: buf\n    type: bypass"))
                        .replace("target: buf\n    type: spatial\n    factors: M=2 N=0\n    permutation: NM\n"
                                + "    split: 1", "target: reg\n    type: temporal\n    factors: M=1")
                        + "  - {target: reg, type: utilization, min: 0.75}\n"
                        + "  - {target: reg, type: temporal, permutation: KM}\n"));
    }
}
