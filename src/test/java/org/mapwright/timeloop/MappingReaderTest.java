package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.timeloop.Small.errors;
import static org.mapwright.timeloop.Small.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.LevelId;
import org.mapwright.diag.InputException;
import org.mapwright.mapping.LevelMapping;
import org.mapwright.mapping.Loop;
import org.mapwright.mapping.Mapping;
import org.mapwright.workload.TensorId;

class MappingReaderTest {

    /** A valid mapping of {@link Small#SPEC}; line numbers matter for the error tests. */
    static final String MAP = """
            mapping:
            - target: DRAM
              type: temporal
              factors: M=2 N=1 K=3
              permutation: KM
            - target: buf
              type: spatial
              factors: M=2 N=2
              permutation: NM
              split: 1
            - target: buf
              type: temporal
              factors: K=2
            - target: reg
              type: temporal
              factors: M2 N2
              permutation: [M, N]
            - target: buf
              type: datatype
              bypass: [B]
            """;

    static LevelMapping lm(String level, String keep, String temporal, String x, String y) {
        Set<TensorId> k = new LinkedHashSet<>();
        for (String t : keep.split(" ")) {
            if (!t.isBlank()) {
                k.add(TensorId.of(t));
            }
        }
        return new LevelMapping(LevelId.of(level), k, loops(temporal), loops(x), loops(y));
    }

    static List<Loop> loops(String spec) {
        List<Loop> out = new ArrayList<>();
        for (String tok : spec.split(" ")) {
            if (!tok.isBlank()) {
                String[] kv = tok.split("=");
                out.add(Loop.of(kv[0], Long.parseLong(kv[1])));
            }
        }
        return out;
    }

    @Test
    void directivesBecomeLoopsOuterToInner() {
        assertEquals(new Mapping(List.of(
                lm("DRAM", "A B Z", "M=2 K=3", "", ""),
                lm("buf", "A Z", "K=2", "N=2", "M=2"),
                lm("reg", "A B Z", "N=2 M=2", "", ""))), mapping(MAP));
    }

    @Test
    void dimensionsMissingFromAPermutationGoOutermostInWorkloadOrder() {
        Mapping m = mapping(MAP.replace("factors: M=2 N=1 K=3\n  permutation: KM", "factors: M=2 K=3\n  permutation: N")
                .replace("  split: 1\n", ""));
        assertEquals(loops("K=3 M=2"), m.level(0).temporal(), "K is after M in M, N, K, so K is outermost");
        assertEquals(loops("M=2 N=2"), m.level(1).spatialX(), "no split puts everything on X");
    }

    @Test
    void factorsMayBeGluedSpacedOrListed() {
        Mapping expected = mapping(MAP);
        assertEquals(expected, mapping(MAP.replace("factors: M=2 N=1 K=3", "factors: M = 2, N=1,K= 3")));
        assertEquals(expected, mapping(MAP.replace("factors: M=2 N=1 K=3", "factors: [M2, K3]")));
        assertEquals("map.yaml:4:12: error: Cannot read the factor 'M=' of DRAM; write factors as 'C=4 M=2' (or 'C4 "
                        + "M2'), each a dimension and a positive whole number.",
                errors(() -> mapping(MAP.replace("factors: M=2 N=1 K=3", "factors: M= , K=3"))));
    }

    @Test
    void readsTheReferenceMappingOfTheModelTest() {
        Path root = Reference.timeloop();
        TimeloopInputs in = TimeloopLoader.load(List.of(root.resolve("inputs/problems/rn50_res2a_2b.yaml"),
                root.resolve("inputs/arch/eyeriss_like.yaml"), root.resolve("inputs/ert/eyeriss_like.yaml"),
                root.resolve("cases/eyeriss_like/rn50_res2a_2b/m0.mapping.yaml")), true);
        assertEquals(new Mapping(List.of(
                lm("DRAM", "Weights Inputs Outputs", "C=2 P=2 M=2 Q=2", "", ""),
                lm("shared_glb", "Inputs Outputs", "C=8 Q=14 P=7", "M=8", ""),
                lm("DummyBuffer", "", "", "", "C=4 S=3"),
                lm("ifmap_spad", "Inputs", "P=2", "", ""),
                lm("weights_spad", "Weights", "", "", ""),
                lm("psum_spad", "Outputs", "R=3 M=4 P=2 Q=2", "", ""))), in.mapping().orElseThrow());
    }

    @Test
    void unknownTarget() {
        assertEquals("map.yaml:11:11: error: Unknown target 'bfu'. Did you mean 'buf'? The storage levels are DRAM, "
                + "buf, reg.", errors(() -> mapping(MAP.replace("- target: buf\n  type: temporal",
                "- target: bfu\n  type: temporal"))));
        assertEquals("map.yaml:14:11: error: mac is the compute unit; mapping directives target storage levels (DRAM, "
                + "buf, reg).", errors(() -> mapping(MAP.replace("target: reg", "target: mac"))));
    }

    @Test
    void factorProductMismatch() {
        assertEquals("map.yaml:4:20: error: The factors of K multiply to 12 (DRAM temporal 6 x buf temporal 2), but "
                        + "its bound in the problem is 6; make the factors multiply to exactly 6.",
                errors(() -> mapping(MAP.replace("K=3", "K=6"))));
        assertEquals("map.yaml:13:12: error: The factors of K multiply to 2 (buf temporal 2), but its bound in the "
                        + "problem is 6; make the factors multiply to exactly 6.",
                errors(() -> mapping(MAP.replace("K=3", "K=1"))));
    }

    @Test
    void theReferenceProductCaseIsReportedAtTheOutermostFactor() {
        Path root = Reference.timeloop();
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> TimeloopLoader.load(List.of(root.resolve("inputs/problems/rn50_res2a_2b.yaml"),
                        root.resolve("inputs/arch/eyeriss_like.yaml"), root.resolve("inputs/ert/eyeriss_like.yaml"),
                        root.resolve("cases/eyeriss_like/_invalid/rn50_res2a_2b__product.mapping.yaml")), true));
        assertTrue(e.report().endsWith("rn50_res2a_2b__product.mapping.yaml:58:14: error: The factors of C multiply "
                + "to 128 (DRAM temporal 4 x shared_glb temporal 8 x DummyBuffer spatial 4), but its bound in the "
                + "problem is 64; make the factors multiply to exactly 64."), e.report());
    }

    @Test
    void badPermutations() {
        assertEquals("map.yaml:5:18: error: Dimension K appears twice in the permutation of this temporal directive of "
                + "DRAM; Timeloop would then count its factor twice and refuse the mapping, so list each dimension "
                + "once.", errors(() -> mapping(MAP.replace("permutation: KM", "permutation: KMK"))));
        assertEquals("map.yaml:17:20: error: Unknown dimension 'X' in the permutation of reg. The dimensions are M, N, K.",
                errors(() -> mapping(MAP.replace("[M, N]", "[M, X]"))));
    }

    @Test
    void badFactors() {
        assertEquals("map.yaml:13:12: error: Unknown dimension 'KK' in the factors of buf. Did you mean 'K'? The "
                + "dimensions are M, N, K.", errors(() -> mapping(MAP.replace("factors: K=2", "factors: KK=2"))));
        assertEquals("map.yaml:13:12: error: The factor of K at buf must be a positive whole number (or 0 for the "
                + "whole dimension), but it is -2.", errors(() -> mapping(MAP.replace("factors: K=2", "factors: K=-2"))));
        assertEquals("map.yaml:13:12: error: Cannot read the factor 'K=two' of buf; write factors as 'C=4 M=2' (or "
                        + "'C4 M2'), each a dimension and a positive whole number.",
                errors(() -> mapping(MAP.replace("factors: K=2", "factors: K=two"))));
    }

    @Test
    void badKeepAndBypassLists() {
        assertEquals("map.yaml:20:12: error: Unknown tensor 'C'. The tensors (data spaces) are A, B, Z.",
                errors(() -> mapping(MAP.replace("bypass: [B]", "bypass: [C]"))));
        assertEquals("map.yaml:23:12: error: The outermost level DRAM must keep every tensor, but it bypasses A; add it "
                        + "to the level's keep list.",
                errors(() -> mapping(MAP + "- target: DRAM\n  type: datatype\n  bypass: [A]\n")));
        assertEquals("map.yaml:18:3: error: 'keep' belongs in a datatype directive, not in a temporal one; move it "
                + "there.", errors(() -> mapping(MAP.replace("permutation: [M, N]", "permutation: [M, N]\n  keep: [A]"))));
    }

    @Test
    void badDirectives() {
        assertEquals("map.yaml:12:9: error: Unknown directive type 'temproal'. Did you mean 'temporal'? The types are "
                        + "temporal, spatial and datatype.",
                errors(() -> mapping(MAP.replace("- target: buf\n  type: temporal", "- target: buf\n  type: temproal"))));
    }
}
