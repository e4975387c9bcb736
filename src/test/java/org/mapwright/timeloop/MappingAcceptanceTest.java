package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.timeloop.Small.errors;
import static org.mapwright.timeloop.Small.mapping;

import org.junit.jupiter.api.Test;
import org.mapwright.diag.Diagnostics;
import org.mapwright.mapping.Mapping;
import org.mapwright.workload.TensorId;

/**
 * Mapping inputs Timeloop v3.0.3 accepts are accepted, with a warning where it reads them in a way a user may not
 * expect; inputs it refuses are refused at the offending token. Each test names the Timeloop behaviour it follows:
 * {@code src/mapping/parser.cpp} at tag v3.0.3, and what {@code timeloop-model} did with the input (bench/README.md,
 * "Timeloop input acceptance audit").
 */
class MappingAcceptanceTest {

    /** {@link MappingReaderTest#MAP} with its permutation list written as a string, so it reads without warnings. */
    static final String MAP = MappingReaderTest.MAP.replace("permutation: [M, N]", "permutation: MN");

    private static String warnings(String text) {
        return Small.warnings(w -> mapping(text, w));
    }

    @Test
    void theBaseMappingReadsWithoutWarnings() {
        assertEquals("", warnings(MAP));
    }

    /** parser.cpp: loops with index < split go to X, so a split beyond the dimensions puts all of them on X. */
    @Test
    void aSplitBeyondTheDimensionsPutsEveryDimensionOnX() {
        String text = MAP.replace("split: 1", "split: 5");
        assertEquals(mapping(MAP.replace("  split: 1\n", "")), mapping(text));
        assertEquals("map.yaml:10:10: warning: 'split' is 5 but the workload has only 3 dimensions; as in Timeloop, "
                + "every dimension goes on X.", warnings(text));
    }

    /** parser.cpp reads 'split' only in spatial directives; timeloop-model ran a temporal one with a split. */
    @Test
    void aSplitInATemporalDirectiveIsIgnored() {
        String text = MAP.replace("  factors: K=2\n", "  factors: K=2\n  split: 2\n");
        assertEquals(mapping(MAP), mapping(text));
        assertEquals("map.yaml:14:3: warning: 'split' applies only to spatial directives; it is ignored here, as "
                + "Timeloop ignores it.", warnings(text));
    }

    /** parser.cpp: "Interpreting 0 to mean full problem dimension"; timeloop-model ran R0 as R=3. */
    @Test
    void aFactorOfZeroIsTheWholeDimension() {
        String text = MAP.replace("K=3", "K=0").replace("factors: K=2", "factors: K=1");
        assertEquals(mapping(MAP.replace("K=3", "K=6").replace("factors: K=2", "factors: K=1")), mapping(text));
        assertEquals("map.yaml:4:20: warning: A factor of 0 stands for the whole dimension: K = 6, as in Timeloop.",
                warnings(text));
    }

    /** parser.cpp stores each factor it reads in a map, so the last one wins; timeloop-model agreed. */
    @Test
    void aRepeatedFactorKeepsTheLaterValue() {
        String text = MAP.replace("factors: K=2", "factors: K=1 K=2");
        assertEquals(mapping(MAP), mapping(text));
        assertEquals("map.yaml:13:16: warning: Dimension K is given twice in the factors of this temporal directive "
                + "of buf; the later value 2 replaces 1, as in Timeloop.", warnings(text));
    }

    /** parser.cpp applies 'keep' and then 'bypass'; timeloop-model bypassed a tensor listed under both. */
    @Test
    void aTensorBothKeptAndBypassedIsBypassed() {
        String text = MAP + "  keep: [B]\n";
        assertEquals(mapping(MAP), mapping(text));
        assertEquals("map.yaml:20:12: warning: Tensor B is both kept (line 21) and bypassed at buf; as in Timeloop, "
                + "which applies 'bypass' after 'keep', it is bypassed.", warnings(text));
    }

    /** parser.cpp applies datatype directives in file order; timeloop-model merged two for one level. */
    @Test
    void laterDatatypeDirectivesOverrideEarlierOnes() {
        Mapping m = mapping(MAP + "- target: buf\n  type: datatype\n  keep: [B]\n");
        assertTrue(m.level(1).keeps(TensorId.of("B")));
        assertFalse(mapping(MAP).level(1).keeps(TensorId.of("B")));
        assertEquals("", warnings(MAP + "- target: buf\n  type: datatype\n  keep: [B]\n"));
    }

    /** parser.cpp assigns a level's factors and permutation per directive, so a later one replaces an earlier one. */
    @Test
    void aRepeatedLoopDirectiveReplacesTheEarlierOne() {
        String text = MAP.replace("  factors: K=2\n", "  factors: K=1\n") + "- target: buf\n  type: temporal\n"
                + "  factors: K=2\n";
        assertEquals(mapping(MAP), mapping(text));
        assertEquals("map.yaml:22:9: warning: Level buf already has a temporal directive (line 12); this one replaces "
                + "it, as in Timeloop.", warnings(text));
    }

    /** parser.cpp looks up only the keys it knows; timeloop-model ran a directive with 'permutaton' and 'foo'. */
    @Test
    void unknownKeysAreIgnoredWithAWarning() {
        String text = MAP.replace("permutation: KM", "permutation: KM\n  permutaton: MK");
        assertEquals(mapping(MAP), mapping(text));
        assertEquals("map.yaml:6:3: warning: Unknown key 'permutaton' in a mapping directive is ignored, as Timeloop "
                + "ignores it. Did you mean 'permutation'? The keys Mapwright reads here are 'target', 'type', "
                + "'factors', 'permutation', 'split', 'keep', 'bypass'.", warnings(text));
    }

    /** parser.cpp reads no_link_transfer and skew directives, which change what Timeloop models. */
    @Test
    void keysAndDirectivesMapwrightDoesNotModelAreRefused() {
        assertEquals("map.yaml:11:3: error: Mapwright does not model 'no_link_transfer'; remove it (Mapwright then "
                + "counts as Timeloop does without it).", errors(() -> mapping(MAP.replace("  split: 1\n",
                "  split: 1\n  no_link_transfer: [A]\n"))));
        assertEquals("map.yaml:22:9: error: Mapwright does not model skew directives; remove it (Mapwright then counts "
                + "as Timeloop does without it).", errors(() -> mapping(MAP + "- target: buf\n  type: skew\n")));
    }

    /** parser.cpp: "cannot find spatial tiling level"; timeloop-model refused a spatial directive at DRAM. */
    @Test
    void aSpatialDirectiveWithoutFanOutIsRefused() {
        assertEquals("map.yaml:21:11: error: reg has no fan-out below it, so it cannot take a spatial directive "
                + "(Timeloop refuses it too); remove the directive or target a level with a fan-out.",
                errors(() -> mapping(MAP + "- target: reg\n  type: spatial\n  factors: M=1\n")));
    }

    /** parser.cpp reads the permutation and factors with lookupValue into a string, which fails on a list. */
    @Test
    void listsWarnThatTimeloopIgnoresThem() {
        assertEquals(mapping(MAP), mapping(MappingReaderTest.MAP));
        assertEquals("map.yaml:17:16: warning: Timeloop v3.0.3 reads 'permutation' only from a string and ignores a "
                + "list (it then orders the loops in the problem's dimension order); write it as a string, such as "
                + "'QPM', to give Timeloop the mapping Mapwright reads.", warnings(MappingReaderTest.MAP));
    }

    /**
     * parser.cpp builds a level from the first n permutation entries completed by the missing dimensions;
     * timeloop-model ran "QRSMCNPQ" like "QRSMCNP" and refuses a repeat that counts a factor twice.
     */
    @Test
    void aRepeatedPermutationEntryIsIgnoredWhereTimeloopBuildsTheSameLoops() {
        String text = MAP.replace("permutation: KM", "permutation: KMNN");
        assertEquals(mapping(MAP), mapping(text));
        assertEquals("map.yaml:5:19: warning: Dimension N appears twice in the permutation of this temporal "
                + "directive of DRAM; the repeat is ignored, which gives the loops Timeloop builds.", warnings(text));
    }

    /** parser.cpp cuts the factors string at '#'; timeloop-model ran a quoted string with a comment. */
    @Test
    void factorsEndAtAHash() {
        assertEquals(mapping(MAP), mapping(MAP.replace("factors: M=2 N=1 K=3", "factors: \"M=2 N=1 K=3 # K=9\"")));
    }

    @Test
    void warningsReachTheLoadersResult() {
        TimeloopInputs in = TimeloopLoader.assemble(java.util.List.of(TimeloopDocument.parse("spec.yaml", Small.SPEC),
                TimeloopDocument.parse("map.yaml", MAP.replace("split: 1", "split: 5"))), true);
        assertEquals(java.util.List.of("map.yaml:10:10: warning: 'split' is 5 but the workload has only 3 dimensions; "
                + "as in Timeloop, every dimension goes on X."), in.warnings().stream()
                .map(org.mapwright.diag.Diagnostic::format).toList());
        Diagnostics none = new Diagnostics();
        mapping(MAP, none);
        assertTrue(none.all().isEmpty());
    }
}
