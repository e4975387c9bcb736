package org.mapwright.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.ComputeUnit;
import org.mapwright.arch.EnergyTable;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.StorageLevel;
import org.mapwright.diag.InputException;
import org.mapwright.tech.Technologies;
import org.mapwright.tech.Technology;

/** {@link AcceleratorWriter} writes what the front end reads back to the same accelerator; the new DSL items. */
class AcceleratorWriterTest {

    private static Architecture roundTrip(Architecture a) {
        String text = AcceleratorWriter.write(a);
        Library lib = Frontend.loadText("written.mw", text);
        return lib.accelerators().get(a.name());
    }

    private static List<Architecture> builtins() throws IOException {
        List<Architecture> all = new ArrayList<>();
        for (Path p : BuiltinLibraryTest.builtinFiles()) {
            all.addAll(Frontend.load(List.of(p)).accelerators().values());
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyBuiltinAcceleratorAndItsCostedVersionsReadBackEqual() throws IOException {
        List<Architecture> all = builtins();
        assertTrue(all.size() >= 5, "built-in accelerators: " + all.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (Architecture a : all) {
            tests.add(DynamicTest.dynamicTest(a.name(), () -> assertEquals(a, roundTrip(a), AcceleratorWriter.write(a))));
            for (Technology t : Technology.all()) {
                Architecture costed = t.cost(a);
                tests.add(DynamicTest.dynamicTest(a.name() + " costed in " + t.name(),
                        () -> assertEquals(costed, roundTrip(costed), AcceleratorWriter.write(costed))));
            }
        }
        return tests.stream();
    }

    /** Every attribute away from its default: banks, bandwidths, buffering, keeps, areas, axes, hops, links. */
    @Test
    void everyAttributeReadsBack() {
        Architecture a = Architecture.builder("full").technology("16nm").linkTransfers(false)
                .level(StorageLevel.builder("DRAM").wordBits(8).blockSize(8).energy(1.0 / 3, 2e-5, "explicit")
                        .bandwidth(12.5, 3, 1e9).build())
                .fanout(new Fanout(4, 2, Optional.of(Set.of("M", "C")), Optional.of(Set.of()), 0.123456789))
                .level(StorageLevel.builder("buf").capacityWords(4096).wordBits(8).blockSize(4).banks(16)
                        .energy(0.7, 0.9, "explicit").multipleBuffering(2).keeps(Set.of("Inputs", "Outputs"))
                        .areaUm2(12345.678).build())
                .fanout(Fanout.of(1, 1).withHopEnergy(2))
                .level(StorageLevel.builder("regs").capacityWords(1).wordBits(8).keeps(Set.of()).energy(0, 0, "explicit")
                        .bandwidth(Double.POSITIVE_INFINITY, 2, Double.POSITIVE_INFINITY).build())
                .compute(new ComputeUnit("pe", 0.3, 456.5)).build();
        String text = AcceleratorWriter.write(a);
        assertEquals(a, roundTrip(a), text);
        assertTrue(text.contains("technology 16nm") && text.contains("links off") && text.contains("banks 16")
                && text.contains("hop 0.123456789 pJ") && text.contains("y: none"), text);
    }

    @Test
    void classEnergiesFollowTheTechnologyAndTheBanks() {
        String design = """
                accelerator a {
                  %s
                  level DRAM { word 16 bits  block 4 words  energy class lpddr4 }
                  fanout 2 x 2 { x: M  hop 0.25 pJ }
                  level buf { capacity 8 KiB  word 16 bits  block 4 words  %s  energy class sram }
                  compute mac { energy class intmac16 }
                }
                """;
        Architecture plain = Frontend.loadText("a.mw", design.formatted("", "")).accelerators().get("a");
        assertEquals("45nm", plain.technology());
        assertEquals(EnergyTable.storage("sram", 4096, 16, 4).orElseThrow().read(), plain.level(1).readEnergy());
        assertEquals(0.25, plain.level(0).fanout().hopEnergy());
        assertEquals(Optional.of(Set.of("M")), plain.level(0).fanout().allowedX());
        Architecture banked = Frontend.loadText("a.mw", design.formatted("", "banks 4")).accelerators().get("a");
        assertEquals(4, banked.level(1).banks());
        assertEquals(Technologies.require("45nm").storageClass("sram", 4096, 16, 4, 4).orElseThrow().readPj(),
                banked.level(1).readEnergy());
        assertTrue(banked.level(1).readEnergy() < plain.level(1).readEnergy());
        Architecture small = Frontend.loadText("a.mw", design.formatted("technology 16nm", "")).accelerators().get("a");
        assertEquals("16nm", small.technology());
        assertEquals(Technologies.require("16nm").storageClass("sram", 4096, 16, 4, 1).orElseThrow().readPj(),
                small.level(1).readEnergy());
        assertNotEquals(plain.level(1).readEnergy(), small.level(1).readEnergy());
        assertEquals(Technologies.require("16nm").mac(16).macPj(), small.compute().macEnergy());
        assertEquals(plain.level(0).readEnergy(), small.level(0).readEnergy(), "DRAM is off chip");
    }

    @Test
    void badTechnologyBanksAndHopsAreLocatedErrors() {
        InputException e = assertThrows(InputException.class, () -> Frontend.loadText("t.mw", """
                accelerator a {
                  technology 22nm
                  level DRAM { word 16 bits  energy 1 pJ }
                  fanout 2 x 1 { hop 1 pJ  hop 2 pJ }
                  level b { capacity 4 words  banks 5  energy 1 pJ }
                  compute mac { energy 1 pJ }
                }
                """));
        assertEquals("""
                t.mw:2:14: error: Unknown technology `22nm`; did you mean `45nm`?
                t.mw:4:32: error: The energy per hop is given twice in this fan-out; keep one `hop ... pJ`.
                t.mw:5:37: error: Level b has 5 banks but only 4 words; give it at most one bank per word.""",
                e.getMessage().strip());
    }

    @Test
    void namesTheDslCannotReadAreRefused() {
        Architecture a = Architecture.builder("sys.top").level(StorageLevel.builder("DRAM").build())
                .compute(new ComputeUnit("mac", 1, 0)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AcceleratorWriter.write(a));
        assertEquals("The accelerator name `sys.top` is not a DSL name; rename it to letters, digits and underscores "
                + "that are not a keyword.", e.getMessage());
    }
}
