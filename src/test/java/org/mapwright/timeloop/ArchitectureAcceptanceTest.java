package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mapwright.timeloop.Small.errors;

import org.junit.jupiter.api.Test;

/**
 * Architecture and ERT inputs are read as Timeloop v3.0.3 reads them: {@code src/model/buffer.cpp},
 * {@code src/model/arithmetic.cpp} and {@code src/model/topology.cpp} at tag v3.0.3, and what {@code timeloop-model}
 * did with each input (bench/README.md, "Timeloop input acceptance audit").
 */
class ArchitectureAcceptanceTest {
    private static final String ARCH = ArchitectureReaderTest.ARCH;
    private static final String ERT = ArchitectureReaderTest.ERT;
    private static final String SPAD = "                depth: 32\n                width: 16\n";

    private static String with(String spad) {
        return ARCH.replace(SPAD, spad);
    }

    private static void sameAs(String timeloopSpelling, String canonical) {
        assertEquals(ArchitectureReaderTest.read(with(canonical), ERT),
                ArchitectureReaderTest.read(with(timeloopSpelling), ERT), timeloopSpelling);
    }

    /** buffer.cpp also reads word_width, n_words, data_storage_width and data_storage_depth. */
    @Test
    void timeloopsOtherAttributeSpellings() {
        String i = "                ";
        sameAs(i + "depth: 32\n" + i + "data_storage_width: 32\n", i + "depth: 32\n" + i + "width: 32\n");
        sameAs(i + "data_storage_depth: 32\n" + i + "width: 16\n", SPAD);
        sameAs(i + "depth: 32\n" + i + "width: 16\n" + i + "word_width: 8\n",
                i + "depth: 32\n" + i + "width: 16\n" + i + "word-bits: 8\n");
        sameAs(i + "depth: 32\n" + i + "n_words: 2\n", i + "depth: 32\n" + i + "block-size: 2\n");
    }

    /** buffer.cpp asserts that the width is a whole number of blocks; timeloop-model aborted on 72 bits. */
    @Test
    void aWidthThatIsNotWholeBlocksIsRefused() {
        assertEquals("a.yaml:16:24: error: The width of spad (48 bits) is not a multiple of its block (2 words of 16 "
                + "bits), which Timeloop v3.0.3 refuses too; make the width a whole number of blocks.",
                errors(() -> ArchitectureReaderTest.read(with("                depth: 32\n"
                        + "                width: 48\n                block-size: 2\n"), ERT)));
    }

    /** buffer.cpp makes a row of several blocks a cluster, which changes its counts; timeloop-model aborted on one. */
    @Test
    void aClusterOfSeveralBlocksIsRefused() {
        assertEquals("a.yaml:16:24: error: The width of spad (64 bits) holds 4 blocks (Timeloop's cluster size 4), "
                + "which Mapwright does not model; set block-size to 4 words, the whole width.",
                errors(() -> ArchitectureReaderTest.read(with("                depth: 32\n"
                        + "                width: 64\n                block-size: 1\n"), ERT)));
    }

    /** timeloop-model aborts on a non-DRAM level without a size (an unset size attribute). */
    @Test
    void aLevelWithoutASizeIsRefused() {
        assertEquals("a.yaml:12:21: error: Storage level spad has no size, which Timeloop v3.0.3 needs for every level "
                + "but DRAM (it aborts); give its 'depth', 'entries' or 'sizeKB'.",
                errors(() -> ArchitectureReaderTest.read(with("                width: 16\n"), ERT)));
    }

    /** arithmetic.cpp looks only for its own action names; timeloop-model took 1 pJ per MAC without mac_random. */
    @Test
    void aComputeEntryWithoutMacRandomWarns() {
        String ert = ERT.replace("    - {name: mac_random, energy: 2.2}\n", "");
        assertEquals("e.yaml:13:11: warning: ERT entry system.PE[0..15].mac has no 'mac_random' action; Mapwright uses "
                + "0.1 pJ from its other actions, but Timeloop v3.0.3 does not take them for a multiply-accumulate, "
                + "so compute energy differs from Timeloop's; add 'mac_random' for the same figures.",
                Small.warnings(w -> ArchitectureReaderTest.read(ARCH, ert, w)));
        assertEquals("", Small.warnings(w -> ArchitectureReaderTest.read(ARCH, ERT, w)));
    }
}
