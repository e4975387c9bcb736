package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mapwright.timeloop.Small.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mapwright.diag.Diagnostics;
import org.mapwright.mapspace.Axis;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.FactorRule;
import org.mapwright.mapspace.LevelConstraints;

/**
 * Constraints Timeloop v3.0.3 accepts are accepted, with a warning where it reads them in a way a user may not
 * expect; constraints it refuses are refused at the offending token. Each test names the Timeloop behaviour it
 * follows: {@code src/mapping/constraints.cpp} and {@code src/mapspaces/uber.cpp} at tag v3.0.3, and what
 * {@code timeloop-mapper} did with the input (bench/README.md, "Timeloop input acceptance audit").
 */
class ConstraintsAcceptanceTest {

    private static Constraints read(String text) {
        return read(text, new Diagnostics());
    }

    private static Constraints read(String text, Diagnostics warnings) {
        TimeloopInputs in = Small.spec();
        return TimeloopLoader.constraintsOf(List.of(TimeloopDocument.parse("c.yaml", text)), in.workload(),
                in.architecture(), warnings);
    }

    private static String warnings(String text) {
        return Small.warnings(w -> read(text, w));
    }

    private static String spatial(String permutation, String split) {
        return "mapspace_constraints:\n- target: buf\n  type: spatial\n" + permutation + "  split: " + split + "\n";
    }

    private static LevelConstraints axes(Map<String, Axis> axes) {
        return new LevelConstraints(Map.of(), Map.of(), axes, false, Optional.empty(), Set.of(), Set.of());
    }

    private static Map<String, Axis> on(String x, String y) {
        Map<String, Axis> out = new LinkedHashMap<>();
        x.chars().forEach(c -> out.put(String.valueOf((char) c), Axis.X));
        y.chars().forEach(c -> out.put(String.valueOf((char) c), Axis.Y));
        return out;
    }

    /** uber.cpp: the split indexes the full order (permutation, then the others); timeloop-mapper ran "CM" split 7. */
    @Test
    void aSplitBeyondEveryDimensionPutsThemAllOnX() {
        String text = spatial("  permutation: NM\n", "5");
        assertEquals(axes(on("NMK", "")), read(text).level("buf"));
        assertEquals("c.yaml:5:10: warning: 'split' is 5 but the permutation lists only 2 dimensions; as in "
                + "Timeloop, every dimension goes on X.", warnings(text));
    }

    /** The dimensions a permutation leaves out follow it, so with a split inside it they use Y (timeloop-mapper
     * put unlisted C on Y under permutation "M", split 1). */
    @Test
    void aSplitWithinThePermutationPutsTheUnlistedDimensionsOnY() {
        String text = spatial("  permutation: N\n", "1");
        assertEquals(axes(on("N", "MK")), read(text).level("buf"));
        assertEquals("", warnings(text));
    }

    /** A split between the permutation and the dimension count leaves the mapper to choose which others use X. */
    @Test
    void aSplitPartlyBeyondThePermutationLeavesTheOthersFree() {
        String text = spatial("  permutation: N\n", "2");
        assertEquals(axes(on("N", "")), read(text).level("buf"));
        assertEquals("c.yaml:5:10: warning: 'split' is 2 but the permutation lists only 1 dimension; Timeloop puts "
                + "them and the first 1 of the other dimensions, in an order its mapper chooses, on X and the rest on "
                + "Y, while Mapwright lets the other dimensions use either axis.", warnings(text));
    }

    /** timeloop-mapper put every dimension on Y under a split of 0 without a permutation. */
    @Test
    void aSplitWithoutAPermutationCountsFromTheFirstDimension() {
        assertEquals(axes(on("", "MNK")), read(spatial("", "0")).level("buf"));
        assertEquals("", warnings(spatial("", "0")));
        assertEquals(axes(on("MNK", "")), read(spatial("", "3")).level("buf"));
    }

    /** constraints.cpp accepts type 'bypassing' and finds the level under 'target' or else 'name'. */
    @Test
    void otherSpellingsOfTypeAndTarget() {
        Constraints c = read("constraints:\n- {name: buf, type: bypassing, bypass: [B]}\n");
        assertEquals(new LevelConstraints(Map.of(), Map.of(), Map.of(), false, Optional.empty(), Set.of(),
                Set.of("B")), c.level("buf"));
        assertEquals("", warnings("constraints:\n- {name: buf, type: bypassing, bypass: [B]}\n"));
    }

    /** constraints.cpp looks up only the keys it knows; timeloop-mapper ran a constraint with a 'foo' key. */
    @Test
    void unknownKeysAreIgnoredWithAWarning() {
        String text = "mapspace_constraints:\n  targetz: []\n  targets:\n  - target: reg\n    type: temporal\n"
                + "    permutaton: KM\n";
        assertEquals(Constraints.NONE.and(new Constraints(Map.of("reg", LevelConstraints.NONE), 0)), read(text));
        assertEquals("c.yaml:2:3: warning: Unknown key 'targetz' in a constraints section is ignored, as Timeloop "
                + "ignores it. Did you mean 'targets'? The keys Mapwright reads here are 'targets', 'constraints', "
                + "'template', 'version'.\n"
                + "c.yaml:6:5: warning: Unknown key 'permutaton' in a constraint is ignored, as Timeloop ignores it. "
                + "Did you mean 'permutation'? The keys Mapwright reads here are 'target', 'type', 'factors', "
                + "'permutation', 'split', 'keep', 'bypass', 'min'.", warnings(text));
    }

    /** constraints.cpp reads these keys and they change what Timeloop models or searches. */
    @Test
    void keysMapwrightDoesNotModel() {
        assertEquals("c.yaml:5:3: error: Mapwright does not model 'no_temporal_reuse'; remove it (Mapwright then "
                + "counts as Timeloop does without it).", errors(() -> read("constraints:\n- target: reg\n"
                + "  type: temporal\n  factors: K=2\n  no_temporal_reuse: [A]\n")));
        assertEquals("c.yaml:5:3: warning: Mapwright searches only factors that divide each dimension exactly, so "
                + "'remainders' is ignored.", warnings("constraints:\n- target: reg\n  type: temporal\n"
                + "  factors: K=2\n  remainders: 1\n"));
        String overbooked = "constraints:\n- {target: buf, type: max_overbooked_proportion, proportion: 0.1}\n";
        assertEquals(Constraints.NONE, read(overbooked));
        assertEquals("c.yaml:2:23: warning: Mapwright never lets a tile overflow its level, so this "
                + "max_overbooked_proportion constraint is ignored; Timeloop's mapper may find mappings that overbook "
                + "buf.", warnings(overbooked));
    }

    /** constraints.cpp: "parallelism cannot be constrained at level ..."; timeloop-mapper refused it at a buffer. */
    @Test
    void utilizationOnlyAtTheInnermostLevel() {
        assertEquals("c.yaml:2:12: error: A utilization constraint must target the innermost storage level (reg), as "
                + "Timeloop requires; target it there.", errors(() -> read(
                "constraints:\n- {target: buf, type: utilization, min: 0.5}\n")));
    }

    /** constraints.cpp: "Constraint C=8 exceeds problem dimension C=4, ignoring." */
    @Test
    void aFactorBeyondTheBoundIsIgnored() {
        String text = "constraints:\n- target: reg\n  type: temporal\n  factors: K=7 M=2\n";
        assertEquals(Map.of("M", new FactorRule.Fixed(2)), read(text).level("reg").temporal());
        assertEquals("c.yaml:4:12: warning: The constraint K=7 exceeds the bound 6 of K and is ignored, as Timeloop "
                + "ignores it.", warnings(text));
    }

    /** constraints.cpp keeps the last value of a dimension within one factors string; timeloop-mapper ran it. */
    @Test
    void aRepeatedFactorKeepsTheLaterValue() {
        String text = "constraints:\n- target: reg\n  type: temporal\n  factors: K=1 K=2\n";
        assertEquals(Map.of("K", new FactorRule.Fixed(2)), read(text).level("reg").temporal());
        assertEquals("c.yaml:4:16: warning: Dimension K is given twice in the factors of this temporal constraint of "
                + "reg; the later value 2 replaces 1, as in Timeloop.", warnings(text));
    }

    /** constraints.cpp splits a permutation at '_' into baked innermost and outermost loops, and stops at '#'. */
    @Test
    void permutationsWithAnOuterPartOrAComment() {
        String text = "constraints:\n- target: reg\n  type: temporal\n  permutation: \"K_NM # all\"\n";
        assertEquals(Optional.of(List.of("K")), read(text).level("reg").innerOrder());
        assertEquals("c.yaml:4:18: warning: Mapwright fixes only the innermost loops of a permutation, so the "
                + "outermost ones after '_' (N, M) are left to the search, which may also order them differently "
                + "than Timeloop's mapper would.", warnings(text));
        assertEquals(Map.of("K", new FactorRule.Fixed(2)), read("constraints:\n- target: reg\n  type: temporal\n"
                + "  factors: \"K=2 # M=4\"\n").level("reg").temporal());
    }
}
