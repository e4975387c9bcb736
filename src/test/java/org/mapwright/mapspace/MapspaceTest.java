package org.mapwright.mapspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.testing.Tiny;
import org.mapwright.workload.Workload;

class MapspaceTest {

    @Test
    void uniformSamplingIsUniformOverOrderedFactorizations() {
        // bound 4 = 2^2 over the free slots of M: DRAM temporal, buf temporal, buf spatial, reg temporal (4 slots):
        // C(2 + 3, 3) = 10 ordered factorizations, each with probability 1/10.
        Mapspace ms = new Mapspace(Tiny.conv(4, 1, 1), Tiny.arch(), Constraints.NONE);
        Sampler s = new Sampler(ms);
        MapPoint p = ms.newPoint();
        SplittableRandom rnd = new SplittableRandom(3);
        Map<String, Integer> counts = new HashMap<>();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            s.uniform(p, rnd);
            StringBuilder k = new StringBuilder();
            for (int slot = 0; slot < 6; slot++) {
                k.append(p.factor(0, slot)).append(',');
            }
            counts.merge(k.toString(), 1, Integer::sum);
        }
        assertEquals(10, counts.size());
        for (int c : counts.values()) {
            assertEquals(n / 10.0, c, 5 * Math.sqrt(n / 10.0), counts.toString());
        }
    }

    @Test
    void sizeEstimateMatchesEnumerationWithoutOrdersAndKeeps() {
        Workload w = Tiny.conv(4, 6, 1);
        Constraints fixKeeps = keepEverything(Tiny.arch());
        Mapspace ms = new Mapspace(w, Tiny.arch(), fixKeeps);
        Enumerator e = new Enumerator(ms);
        // M = 2^2 over 4 free slots: 10; P = 2 * 3 over 4 slots: 4 * 4 = 16; R = 1: 1
        assertEquals(Math.log10(160), e.log10Factorizations(), 1e-9);
    }

    static Constraints keepEverything(Architecture a) {
        Map<String, LevelConstraints> m = new HashMap<>();
        for (var l : a.levels()) {
            m.put(l.name(), new LevelConstraints(Map.of(), Map.of(), Map.of(), false, Optional.empty(), Set.of("W", "In", "Out"), Set.of()));
        }
        return new Constraints(m, 0);
    }

    @Test
    void enumeratorVisitsDistinctMappings() {
        Mapspace ms = new Mapspace(Tiny.conv(2, 3, 2), Tiny.arch(), Constraints.NONE);
        Enumerator e = new Enumerator(ms);
        MapPoint p = ms.newPoint();
        Set<Object> seen = new HashSet<>();
        int n = 0;
        while (e.next(p)) {
            assertTrue(ms.admits(p));
            assertTrue(seen.add(ms.toMapping(p)), "visited twice: " + ms.toMapping(p));
            n++;
        }
        assertEquals(seen.size(), n);
    }

    @Test
    void constraintsThatAllowNothingNameTheBindingConstraint() {
        Workload w = Tiny.conv(4, 6, 2);
        Constraints fixedTooSmall = new Constraints(Map.of(
                "DRAM", new LevelConstraints(Map.of("M", FactorRule.fixed(1)), Map.of(), Map.of(), false, Optional.empty(), Set.of(), Set.of()),
                "buf", new LevelConstraints(Map.of("M", FactorRule.fixed(1)), Map.of("M", FactorRule.fixed(1)), Map.of(), false, Optional.empty(), Set.of(), Set.of()),
                "reg", new LevelConstraints(Map.of("M", FactorRule.fixed(2)), Map.of(), Map.of(), false, Optional.empty(), Set.of(), Set.of())), 0);
        NoLegalMappingException e = assertThrows(NoLegalMappingException.class, () -> new Mapspace(w, Tiny.arch(), fixedTooSmall));
        assertEquals("The constraints fix every slot of M, but the fixed factors multiply to 2 while its bound is 4; "
                + "free a slot of M or fix its factors to multiply to 4.", e.getMessage());
        Constraints unrollWithoutFanout = new Constraints(Map.of(
                "reg", new LevelConstraints(Map.of(), Map.of("P", FactorRule.fixed(2)), Map.of(), false, Optional.empty(), Set.of(), Set.of())), 0);
        e = assertThrows(NoLegalMappingException.class, () -> new Mapspace(w, Tiny.arch(), unrollWithoutFanout));
        assertEquals("The constraints unroll P by 2 at level reg, but that level has no fan-out; remove the spatial factor "
                + "or allow the dimension there.", e.getMessage());
        Constraints bypassDram = new Constraints(Map.of(
                "DRAM", new LevelConstraints(Map.of(), Map.of(), Map.of(), false, Optional.empty(), Set.of(), Set.of("W"))), 0);
        e = assertThrows(NoLegalMappingException.class, () -> new Mapspace(w, Tiny.arch(), bypassDram));
        assertEquals("Level DRAM must keep W (the outermost level keeps everything), but the constraints bypass it there; "
                + "change the constraints or the accelerator.", e.getMessage());
        // Tiny.arch() has 2 compute units; a layer of one MAC can keep only one of them busy
        Workload oneMac = Tiny.conv(1, 1, 1);
        Constraints tooBusy = new Constraints(Map.of(), 0.75);
        e = assertThrows(NoLegalMappingException.class, () -> new Mapspace(oneMac, Tiny.arch(), tooBusy));
        assertEquals("The minimum utilization 0.75 needs 2 of 2 compute units busy, but the constraints and bounds allow "
                + "at most 1; lower the minimum.", e.getMessage());
        assertEquals(0.5, new Mapspace(oneMac, Tiny.arch(), new Constraints(Map.of(), 0.5)).minUtilization(),
                "one busy unit of two is utilization 0.5 exactly");
        assertEquals(1.0, new Mapspace(w, Tiny.arch(), new Constraints(Map.of(), 1.0)).minUtilization(),
                "M = 4 can fill both units");
    }

    @Test
    void encodingsHaveAFixedLayoutAndIdentifyPoints() {
        Mapspace ms = new Mapspace(Tiny.conv(8, 6, 3), Tiny.arch(), Constraints.NONE);
        Encoding enc = new Encoding(ms);
        Sampler s = new Sampler(ms);
        MapPoint a = ms.newPoint();
        MapPoint b = ms.newPoint();
        SplittableRandom rnd = new SplittableRandom(4);
        // 3 dims x 6 slots + 3 levels x 3 dims (order) + 3 levels x 3 tensors (keep) + 3 levels x 3 dims (axis)
        assertEquals(18 + 9 + 9 + 9, enc.length());
        for (int i = 0; i < 1000; i++) {
            s.uniform(a, rnd);
            double[] r = enc.reals(a);
            long[] n = enc.ints(a);
            assertEquals(enc.length(), r.length);
            assertEquals(enc.length(), n.length);
            for (double v : r) {
                assertTrue(v >= 0 && v <= 1, "reals are scaled to [0, 1]");
            }
            // the factor block multiplies back to the bounds
            for (int d = 0; d < 3; d++) {
                long p = 1;
                for (int slot = 0; slot < 6; slot++) {
                    p *= n[d * 6 + slot];
                }
                assertEquals(ms.bound[d], p);
            }
            b.copyFrom(a);
            assertTrue(java.util.Arrays.equals(n, enc.ints(b)));
        }
    }

    @Test
    void largeBoundsDoNotStall() {
        // 2^30 has 30 prime factors; 999983 is prime: factorization, sampling, moves and search stay quick
        Workload w = Tiny.conv(1L << 30, 999_983, 1);
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
            Mapspace ms = new Mapspace(w, Tiny.arch(), Constraints.NONE);
            assertTrue(ms.log10Size() > 5);
            Sampler s = new Sampler(ms);
            Moves moves = new Moves(ms);
            MapPoint p = ms.newPoint();
            SplittableRandom rnd = new SplittableRandom(9);
            for (int i = 0; i < 20_000; i++) {
                s.uniform(p, rnd);
                moves.mutate(p, rnd);
                assertTrue(ms.admits(p));
            }
        });
    }

    @Test
    void nonDividingFixedFactorsAreDroppedWithAWarningAsTimeloopDoes() {
        Workload w = Tiny.conv(6, 4, 1);
        Constraints c = new Constraints(Map.of(
                "buf", new LevelConstraints(Map.of("M", FactorRule.fixed(4)), Map.of("P", FactorRule.fixed(16)), Map.of(), false,
                        Optional.empty(), Set.of(), Set.of())), 0);
        Mapspace ms = new Mapspace(w, Tiny.arch(), c);
        assertEquals(List.of("Level buf: the constraint M=4 (temporal) does not divide what remains of M's bound 6 after "
                + "the factors inside it (1); it is ignored, as Timeloop does."), ms.warnings());
        MapPoint p = ms.newPoint();
        new Sampler(ms).uniform(p, new SplittableRandom(1));
        assertEquals(4, p.spatial(1, 1), "P=16 is clamped to P's bound 4");
    }
}
