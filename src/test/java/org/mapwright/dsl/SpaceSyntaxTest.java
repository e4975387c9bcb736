package org.mapwright.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.archspace.Choice;
import org.mapwright.archspace.Connectivity;
import org.mapwright.archspace.FanoutSpec;
import org.mapwright.archspace.LevelSpec;
import org.mapwright.tech.MemoryKind;

/** What each form of the space syntax means, as the IR it gives. */
class SpaceSyntaxTest {

    static ArchSpace space(String levelAttrs, String fanout, String extra) {
        String text = "space s {\n" + extra + "\n  level DRAM { kind dram }\n  level glb { kind sram  " + levelAttrs + " }\n"
                + fanout + "\n  level reg { kind register  word 8 bits  capacity 1 words }\n  compute mac { word 8 bits }\n}\n";
        return Frontend.loadText("s.mw", text).spaces().get("s");
    }

    static LevelSpec glb(String attrs) {
        return space(attrs, "", "").levels().get(1);
    }

    @Test
    void everyWayOfWritingACapacityRangeGivesTheSameOptions() {
        List<Long> want = List.of(8192L, 16384L, 32768L);
        for (String c : List.of("16 KiB .. 64 KiB *2", "{16 .. 64 *2} KiB", "16 .. 64 KiB *2", "{16 .. 64 x2} KiB",
                "16 .. 64 x2 KiB", "16 KiB .. 64 KiB x2", "16 .. 64 x 2 KiB", "{16, 32, 64} KiB", "{64, 16, 32, 32} KiB",
                "{16 KiB, 32 KiB, 64 KiB}", "{16 .. 32 *2, 64} KiB", "{8192 .. 32768 *2} words", "16 .. 100 KiB *2")) {
            assertEquals(want, glb("capacity " + c).capacityWords().options(), c);
        }
    }

    @Test
    void arithmeticRangesStepByOneUnlessTold() {
        assertEquals(List.of(4L, 8L, 12L, 16L), glb("capacity {4 .. 16 +4} words").capacityWords().options());
        assertEquals(List.of(1L, 2L, 3L, 4L), glb("capacity 1 .. 4 words").capacityWords().options());
        assertEquals(List.of(1, 2, 3), glb("capacity 1 KiB  block 1 .. 3 words").blockSize().options());
        assertEquals(List.of(1, 2, 4, 8), glb("capacity 1 KiB  banks {1 .. 8 *2}").banks().options());
    }

    @Test
    void levelDefaultsAndConversions() {
        LevelSpec l = glb("capacity 1 KiB  bandwidth {4, 8} B/cycle  buffering 2");
        assertEquals(MemoryKind.SRAM, l.kind());
        assertEquals(16, l.wordBits());
        assertEquals(Choice.fixed(1), l.blockSize());
        assertEquals(Choice.fixed(1), l.banks());
        assertEquals(Optional.of(new Choice<>(List.of(2.0, 4.0))), l.bandwidth());
        assertEquals(2.0, l.multipleBuffering());
        assertEquals(Choice.fixed(Optional.<Set<String>>empty()), l.keeps(), "no keeps: any tensor");
        assertEquals(Optional.empty(), glb("capacity 1 KiB").bandwidth(), "no bandwidth: block x banks");
    }

    @Test
    void keepAlternativesKeepTheirOrder() {
        LevelSpec l = glb("capacity 1 KiB  keeps Weights | {Inputs, Outputs} | all | none | {}");
        assertEquals(List.of(Optional.of(Set.of("Weights")), Optional.of(Set.of("Inputs", "Outputs")), Optional.empty(),
                Optional.of(Set.of())), l.keeps().options());
    }

    @Test
    void fanoutMeshesAndConnectivity() {
        ArchSpace s = space("capacity 1 KiB", "  fanout 14 x 12 { x: top 2  y: C, M }", "");
        FanoutSpec f = s.fanouts().get(0);
        assertEquals("glb", f.from());
        assertEquals(Choice.fixed(14), f.x());
        assertEquals(Choice.fixed(12), f.y());
        assertEquals(new Connectivity.Searched(Connectivity.CONV_DIMS, Choice.fixed(2), Optional.empty()), f.onX());
        assertEquals(new Connectivity.Fixed(Set.of("C", "M")), f.onY());
        f = space("capacity 1 KiB", "  fanout 4 x {1 .. 3} { x: all  y: top {1, 2} of all  dataflow y: Q }", "").fanouts().get(0);
        assertEquals(List.of(1, 2, 3), f.y().options());
        assertEquals(new Connectivity.Any(), f.onX());
        assertEquals(new Connectivity.Searched(Connectivity.CONV_DIMS, new Choice<>(List.of(1, 2)), Optional.of(Set.of("Q"))), f.onY());
        f = space("capacity 1 KiB", "  fanout {2 .. 8 *2} x 1 { x: top {1 .. 2} of P, Q  dataflow x: Q, P }", "").fanouts().get(0);
        assertEquals(List.of(2, 4, 8), f.x().options());
        assertEquals(new Connectivity.Searched(List.of("P", "Q"), new Choice<>(List.of(1, 2)), Optional.of(Set.of("P", "Q"))), f.onX());
    }

    @Test
    void spaceSettings() {
        ArchSpace s = space("capacity 1 KiB", "", "  technology 45nm  links off  limits { compute 16  onchip 1 MiB  area 2.5 mm2 }");
        assertEquals("45nm", s.technology());
        assertFalse(s.linkTransfers());
        assertEquals(16, s.limits().computeUnits().getAsLong());
        assertEquals(1L << 20, s.limits().onChipBytes().getAsLong());
        assertEquals(2.5, s.limits().areaMm2().getAsDouble());
        assertEquals(8, s.compute().bits());
        ArchSpace d = space("capacity 1 KiB", "", "");
        assertEquals("45nm", d.technology(), "the default technology");
        assertTrue(d.linkTransfers());
        assertTrue(d.limits().computeUnits().isEmpty() && d.limits().onChipBytes().isEmpty() && d.limits().areaMm2().isEmpty());
    }

    @Test
    void spaceIsStillAName() {
        String text = """
                accelerator space {
                  level space { energy 1 pJ }
                  compute mac { energy 1 pJ }
                }
                """;
        assertEquals("space", Frontend.loadText("a.mw", text).accelerators().get("space").level(0).name());
    }
}
