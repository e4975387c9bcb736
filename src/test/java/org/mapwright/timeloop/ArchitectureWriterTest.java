package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.ComputeUnit;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.LevelId;
import org.mapwright.arch.StorageLevel;
import org.mapwright.dsl.Frontend;

/**
 * {@link ArchitectureWriter} and {@link ErtWriter} write what {@link ArchitectureReader} and {@link ErtReader} read
 * back as the same accelerator: every built-in design, one with every attribute the IR has, and seeded random ones.
 * "The same" is every field Timeloop's architecture and ERT can hold; what they cannot (keeps and allowed spatial
 * dimensions, which are constraints in Timeloop; areas and energy sources, which only reports use; link transfers,
 * an environment switch) is compared after setting it as the reader sets it.
 */
class ArchitectureWriterTest {
    static final List<String> DESIGNS = List.of("eyeriss_like", "simple_ws", "simple_os", "nvdla_like", "simba_like");

    /** Every attribute away from its default: buffering, shared bandwidth, a partial block, 2-D fan-outs, links off. */
    static final String FULL = """
            accelerator full {
              level Backing { capacity 1 MiB  word 8 bits  block 8 words  energy read 100 pJ, write 120.5 pJ }
              level glb {
                capacity 1001 words  word 16 bits  block 4 words
                bandwidth read 3.5, write 2, shared 4.25
                energy read 7.125 pJ, write 8 pJ  buffering 2
                area 1200 um2
              }
              fanout 4 x 2 { x: M, P  y: R }
              level rf { capacity 17 words  energy class regfile  keeps W, Out  buffering 1.5 }
              fanout 3 x 5
              level reg { capacity 1 words  energy 0.009 pJ }
              links off
              compute alu { energy 1.75 pJ }
            }
            """;

    @TestFactory
    Stream<DynamicTest> builtInDesignsRoundTrip() {
        return DESIGNS.stream().map(d -> DynamicTest.dynamicTest(d,
                () -> roundTrip(Frontend.loadBuiltin(d + ".mw").accelerators().get(d))));
    }

    @Test
    void everyAttributeRoundTrips() {
        Architecture a = Frontend.loadText("full.mw", FULL).accelerators().get("full");
        assertTrue(a.level(0).isBounded() && a.level(1).multipleBuffering() == 2 && !a.linkTransfers());
        roundTrip(a);
    }

    /** Random levels, sizes, blocks, bandwidths, energies and fan-outs, seeded. */
    @Test
    void randomDesignsRoundTrip() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            roundTrip(random(rnd, trial));
        }
    }

    @Test
    void namesTimeloopCannotUseAreRefused() {
        Architecture a = Frontend.loadBuiltin("simple_ws.mw").accelerators().get("simple_ws");
        List<StorageLevel> levels = new ArrayList<>(a.levels());
        levels.set(1, rename(levels.get(1), "wire"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArchitectureWriter.write(new Architecture("x", levels, a.compute())));
        assertEquals("The level name 'wire' cannot name a Timeloop element: use a word of letters, digits and "
                + "underscores other than 'wire'.", e.getMessage());
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
                () -> ErtWriter.write(new Architecture("x", a.levels(), new ComputeUnit("pe_spad", 1, 0))));
        assertEquals("The compute unit and a level are both named pe_spad; Timeloop finds energies by name, so rename "
                + "one.", clash.getMessage());
    }

    @Test
    void aLevelTimeloopCannotSizeIsRefused() {
        Architecture a = new Architecture("big", List.of(level("DRAM", StorageLevel.UNBOUNDED, 1, Fanout.NONE),
                level("huge", 1L << 33, 1, Fanout.NONE)), new ComputeUnit("mac", 1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArchitectureWriter.write(a));
        assertEquals("Level huge holds 8589934592 words, more than the 4294967295 a Timeloop architecture can give a "
                + "level; use a smaller capacity or a larger word.", e.getMessage());
    }

    static void roundTrip(Architecture a) {
        String text = ArchitectureWriter.write(a) + ErtWriter.write(a);
        TimeloopDocument doc = TimeloopDocument.parse(a.name() + ".yaml", text);
        Ert ert = ErtReader.read(doc.section(TimeloopDocument.Section.ERT).orElseThrow().value());
        Architecture back = ArchitectureReader.read(doc.section(TimeloopDocument.Section.ARCHITECTURE).orElseThrow()
                .value(), ert, a.name());
        assertEquals(asTimeloopHoldsIt(a), back, () -> "written as:\n" + text);
    }

    /** {@code a} with what Timeloop's files cannot hold set as {@link ArchitectureReader} sets it. */
    static Architecture asTimeloopHoldsIt(Architecture a) {
        List<StorageLevel> levels = new ArrayList<>();
        for (StorageLevel l : a.levels()) {
            levels.add(new StorageLevel(l.id(), l.capacityWords(), l.wordBits(), l.blockSize(), l.readBandwidth(),
                    l.writeBandwidth(), l.sharedBandwidth(), l.readEnergy(), l.writeEnergy(), l.multipleBuffering(),
                    Optional.empty(), 0, "ERT", Fanout.of(l.fanout().x(), l.fanout().y())));
        }
        return new Architecture(a.name(), levels, new ComputeUnit(a.compute().name(), a.compute().macEnergy(), 0), true);
    }

    private static Architecture random(SplittableRandom rnd, int trial) {
        int n = 1 + rnd.nextInt(5);
        List<StorageLevel> levels = new ArrayList<>();
        long instances = 1;
        for (int i = 0; i < n; i++) {
            int block = 1 << rnd.nextInt(4);
            long words = i == 0 && rnd.nextBoolean() ? StorageLevel.UNBOUNDED : 1 + rnd.nextLong(1L << (1 + rnd.nextInt(30)));
            int fx = i == n - 1 && rnd.nextBoolean() ? 1 : 1 + rnd.nextInt(instances > 4096 ? 1 : 9);
            int fy = 1 + rnd.nextInt(instances > 4096 ? 1 : 5);
            instances *= (long) fx * fy;
            double[] bw = new double[3];
            for (int k = 0; k < 3; k++) {
                bw[k] = rnd.nextInt(3) == 0 ? Double.POSITIVE_INFINITY : rnd.nextInt(1, 4096) / (double) (1 << rnd.nextInt(6));
            }
            levels.add(new StorageLevel(LevelId.of("L" + i + "_" + trial), words, 1 + rnd.nextInt(64), block, bw[0],
                    bw[1], bw[2], energy(rnd), energy(rnd), rnd.nextInt(3) == 0 ? 1 + rnd.nextDouble() * 3 : 1,
                    Optional.empty(), 0, "explicit", Fanout.of(fx, fy)));
        }
        return new Architecture("random" + trial, levels, new ComputeUnit("mac", energy(rnd), 0));
    }

    private static double energy(SplittableRandom rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> 0;
            case 1 -> rnd.nextDouble() * 1e-3;
            case 2 -> rnd.nextDouble() * 10;
            default -> rnd.nextDouble() * 1e6;
        };
    }

    private static StorageLevel level(String name, long words, double e, Fanout f) {
        return new StorageLevel(LevelId.of(name), words, 16, 1, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, e, e, 1, Optional.empty(), 0, "explicit", f);
    }

    private static StorageLevel rename(StorageLevel l, String name) {
        return new StorageLevel(LevelId.of(name), l.capacityWords(), l.wordBits(), l.blockSize(), l.readBandwidth(),
                l.writeBandwidth(), l.sharedBandwidth(), l.readEnergy(), l.writeEnergy(), l.multipleBuffering(),
                l.mayKeep(), l.areaUm2(), l.energySource(), l.fanout());
    }
}
