package org.mapwright.tech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.EnergyTable;
import org.mapwright.arch.StorageLevel;
import org.mapwright.dsl.Frontend;

class TechnologyTest {
    static final Technology N45 = Technologies.require("45nm");
    static final Technology N16 = Technologies.require("16nm");

    private static StorageCost cost(Technology t, String cls, long words, int bits, int block, int banks) {
        return t.storageClass(cls, words, bits, block, banks).orElseThrow();
    }

    /** The Accelergy 45 nm values of the exercise designs, per vector access, and the 16-bit MAC. */
    @Test
    void reproducesThe45nmAnchors() {
        assertEquals(74.144, cost(N45, "sram", 55296, 16, 4, 1).readPj(), 1e-9);
        assertEquals(75.215, cost(N45, "sram", 55296, 16, 4, 1).writePj(), 1e-9);
        assertEquals(0.727, cost(N45, "sram", 192, 16, 1, 1).readPj(), 1e-12);
        assertEquals(1.086, cost(N45, "sram", 192, 16, 1, 1).writePj(), 1e-12);
        assertEquals(0.237, cost(N45, "regfile", 12, 16, 1, 1).readPj(), 1e-12);
        assertEquals(1.586, cost(N45, "regfile", 192, 16, 1, 1).readPj(), 1e-12);
        assertEquals(0.009, cost(N45, "register", 1, 16, 1, 1).readPj(), 1e-15);
        assertEquals(512, cost(N45, "lpddr4", StorageLevel.UNBOUNDED, 16, 4, 1).readPj());
        assertEquals(2.2, N45.mac(16).macPj());
        assertEquals(2.2, N45.computeClass("intmac16").orElseThrow().macPj());
        // areas: Aladdin's flip-flop (5.98 um2 a bit) and 16-bit multiplier plus adder; DRAM is off chip
        assertEquals(16 * 5.98, cost(N45, "register", 1, 16, 1, 1).areaUm2(), 1e-9);
        assertEquals(6350 / 4.0 + 278 / 2.0, N45.mac(16).areaUm2(), 1e-9);
        assertEquals(0, cost(N45, "dram", StorageLevel.UNBOUNDED, 16, 4, 1).areaUm2());
        // a 16-bit word over one Eyeriss PE pitch (0.187 mm at 45 nm) at Aladdin's 0.325 pJ per bit and mm
        assertEquals(16 * 0.2 * 1.627 * Math.sqrt(12.25 / 168) * 45 / 65, N45.hopEnergy(16), 1e-12);
    }

    /** One bank: the DSL's energy classes give exactly the numbers they gave before there were technologies. */
    @Test
    void oneBankOf45nmIsExactlyTheEnergyTable() {
        SplittableRandom rnd = new SplittableRandom(45);
        for (int trial = 0; trial < 2000; trial++) {
            String cls = Technologies.STORAGE_CLASSES.get(rnd.nextInt(Technologies.STORAGE_CLASSES.size()));
            long words = 1 + rnd.nextLong(1 << 20);
            int bits = 1 + rnd.nextInt(64);
            int block = 1 + rnd.nextInt(16);
            EnergyTable.Energies e = EnergyTable.storage(cls, words, bits, block).orElseThrow();
            StorageCost c = cost(N45, cls, words, bits, block, 1);
            assertEquals(e.read(), c.readPj(), cls + " " + words + " x " + bits + " block " + block);
            assertEquals(e.write(), c.writePj(), cls + " " + words + " x " + bits + " block " + block);
        }
    }

    /**
     * Energy per access and area grow with capacity and block; more banks never cost more energy per access (an
     * access reads a smaller bank) but cost area (per-bank periphery and the bank multiplexer).
     */
    @Test
    void energyAndAreaAreMonotoneInCapacityBlockAndBanks() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (Technology t : Technology.all()) {
            for (int trial = 0; trial < 3000; trial++) {
                String cls = List.of("sram", "regfile", "register").get(rnd.nextInt(3));
                long words = 1 + rnd.nextLong(1 << 18);
                int bits = 1 + rnd.nextInt(64);
                int block = 1 + rnd.nextInt(16);
                int banks = (int) Math.min(words, 1 + rnd.nextInt(64));
                String where = t.name() + " " + cls + " " + words + " x " + bits + " block " + block + " banks " + banks;
                StorageCost base = cost(t, cls, words, bits, block, banks);
                StorageCost bigger = cost(t, cls, words + 1 + rnd.nextLong(1 << 18), bits, block, banks);
                assertTrue(bigger.readPj() >= base.readPj() && bigger.writePj() >= base.writePj(), where);
                assertTrue(bigger.areaUm2() > base.areaUm2(), where);
                StorageCost wider = cost(t, cls, words, bits, block + 1 + rnd.nextInt(8), banks);
                assertTrue(wider.readPj() > base.readPj() && wider.writePj() > base.writePj(), where);
                assertTrue(wider.areaUm2() >= base.areaUm2(), where);
                if (banks < words) {
                    StorageCost banked = cost(t, cls, words, bits, block, (int) Math.min(words, banks + 1 + rnd.nextInt(64)));
                    assertTrue(banked.readPj() <= base.readPj() && banked.writePj() <= base.writePj(), where);
                    if (cls.equals("register")) {
                        assertEquals(base, banked, where);
                    } else {
                        assertTrue(banked.areaUm2() > base.areaUm2(), where);
                    }
                }
            }
        }
    }

    @Test
    void bankingAnSramSavesEnergyAtACostInArea() {
        StorageCost one = cost(N45, "sram", 32768, 16, 4, 1);
        StorageCost eight = cost(N45, "sram", 32768, 16, 4, 8);
        StorageCost bank = cost(N45, "sram", 4096, 16, 4, 1);
        // half of the access is routing across the whole macro, which banking does not shorten
        assertEquals(0.5 * bank.readPj() + 0.5 * one.readPj(), eight.readPj(), 1e-9);
        assertTrue(eight.areaUm2() > 8 * bank.areaUm2(), "eight banks plus their multiplexer");
        assertThrows(IllegalArgumentException.class, () -> cost(N45, "sram", 4, 16, 1, 5));
    }

    @Test
    void theScaledNodeCostsLessEnergyAndAreaExceptOffChip() {
        SplittableRandom rnd = new SplittableRandom(16);
        for (int trial = 0; trial < 1000; trial++) {
            String cls = List.of("sram", "regfile", "register").get(rnd.nextInt(3));
            long words = 1 + rnd.nextLong(1 << 18);
            int bits = 1 + rnd.nextInt(64);
            int block = 1 + rnd.nextInt(16);
            int banks = (int) Math.min(words, 1 + rnd.nextInt(16));
            StorageCost a = cost(N45, cls, words, bits, block, banks);
            StorageCost b = cost(N16, cls, words, bits, block, banks);
            assertTrue(b.readPj() < a.readPj() && b.writePj() < a.writePj() && b.areaUm2() < a.areaUm2(), cls);
        }
        assertEquals(0.19 * N45.mac(8).areaUm2(), N16.mac(8).areaUm2(), 1e-9);
        assertTrue(N16.mac(16).macPj() < 0.2 * N45.mac(16).macPj());
        assertTrue(N16.hopEnergy(16) < N45.hopEnergy(16));
        assertEquals(cost(N45, "lpddr4", StorageLevel.UNBOUNDED, 16, 4, 1), cost(N16, "lpddr4", StorageLevel.UNBOUNDED, 16, 4, 1));
    }

    @Test
    void macEnergyAndAreaGrowWithWidth() {
        for (Technology t : Technology.all()) {
            for (int bits = 1; bits < 64; bits++) {
                assertTrue(t.mac(bits + 1).macPj() > t.mac(bits).macPj());
                assertTrue(t.mac(bits + 1).areaUm2() > t.mac(bits).areaUm2());
            }
        }
    }

    @Test
    void kindsFollowTheEnergyClassElseTheSize() {
        StorageLevel.Builder b = StorageLevel.builder("l").wordBits(16);
        assertEquals(MemoryKind.DRAM, Technologies.kindOf(b.build()));
        assertEquals(MemoryKind.REGISTER, Technologies.kindOf(b.capacityWords(1).build()));
        assertEquals(MemoryKind.REGFILE, Technologies.kindOf(b.capacityWords(2).build()));
        assertEquals(MemoryKind.REGFILE, Technologies.kindOf(b.capacityWords(256).build()));
        assertEquals(MemoryKind.SRAM, Technologies.kindOf(b.capacityWords(257).build()));
        assertEquals(MemoryKind.SRAM, Technologies.kindOf(b.capacityWords(8).energy(1, 1, "class sram").build()));
        assertEquals(MemoryKind.REGFILE, Technologies.kindOf(b.capacityWords(8192).energy(1, 1, "class regfile").build()));
        assertEquals(MemoryKind.DRAM, Technologies.kindOf(b.capacityWords(8192).energy(1, 1, "class hbm2").build()));
        assertEquals("hbm2", Technologies.classOf(b.capacityWords(StorageLevel.UNBOUNDED).build()));
        assertEquals("dram", Technologies.classOf(b.capacityWords(StorageLevel.UNBOUNDED).energy(1, 1, "class sram").build()));
    }

    @Test
    void costingRederivesEveryEnergyAreaAndHopAndIsStable() {
        Architecture a = Frontend.loadBuiltin("eyeriss_like.mw").accelerators().get("eyeriss_like");
        for (Technology t : Technology.all()) {
            Architecture c = t.cost(a);
            assertEquals(t.name(), c.technology());
            assertEquals(c, t.cost(c), "costing twice changes nothing");
            StorageLevel glb = c.level(1);
            assertEquals("class sram", glb.energySource());
            assertEquals(cost(t, "sram", 55296, 16, 4, 1).readPj(), glb.readEnergy());
            assertTrue(glb.areaUm2() > 0);
            assertEquals(t.hopEnergy(16), glb.fanout().hopEnergy());
            assertEquals(0, c.level(c.levelCount() - 1).fanout().hopEnergy(), "no mesh below the innermost level");
            assertEquals(t.mac(16).macPj(), c.compute().macEnergy());
            assertEquals(0, c.level(0).areaUm2(), "DRAM is off chip");
            assertEquals(AreaBreakdown.of(a.withTechnology(t.name())).totalUm2(), c.areaUm2(), 1e-6,
                    "the estimates of the report are the costed design's areas");
        }
        assertTrue(N16.cost(a).areaUm2() < N45.cost(a).areaUm2());
    }

    @Test
    void unknownTechnologiesAreNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Technologies.require("45mn"));
        assertEquals("There is no built-in technology `45mn`; did you mean `45nm`?", e.getMessage());
        assertEquals(Optional.empty(), N45.storageClass("sarm", 64, 16, 1, 1));
        assertEquals(List.of("45nm", "16nm"), Technologies.names());
    }
}
