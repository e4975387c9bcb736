package org.mapwright.archspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.Fanout;

/** The coordinates of a space: how a vector maps to choices, connectivity, the sizing-only space and the inverse. */
class EncodingTest {
    static final TestTechnology TECH = TestTechnology.INSTANCE;

    @Test
    void aCoordinatePicksOptionFloorOfUTimesN() {
        Choice<Integer> c = new Choice<>(List.of(10, 20, 30, 40));
        double[] u = {0, 0.2499, 0.25, 0.5, 0.74, 0.75, 0.999, 1, -3, 7, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        int[] want = {0, 0, 1, 2, 2, 3, 3, 3, 0, 3, 2, 0, 3};
        for (int i = 0; i < u.length; i++) {
            assertEquals(want[i], c.index(u[i]), "u = " + u[i]);
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(i, c.index(c.coordinate(i)));
        }
    }

    @Test
    void theSameVectorAlwaysDecodesToTheSameDesign() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (ArchSpace s : Spaces.all()) {
            ArchSpace again = s.name().equals("tiny") ? Spaces.tiny() : Spaces.preset(s.name());
            for (int i = 0; i < 300; i++) {
                double[] u = Spaces.point(s.dimensions(), rnd);
                double[] original = u.clone();
                Candidate a = s.decode(u, TECH);
                Candidate b = again.decode(u.clone(), TECH);
                assertEquals(a, b);
                assertEquals(a.key(), b.key());
                assertArrayEquals(original, u, "decoding must not change the vector");
            }
        }
    }

    @Test
    void keysAreEqualExactlyForEqualAccelerators() {
        ArchSpace s = Spaces.tiny();
        SplittableRandom rnd = new SplittableRandom(13);
        Map<String, Architecture> byKey = new HashMap<>();
        Map<Architecture, String> byArch = new HashMap<>();
        int repeats = 0;
        double[] base = Spaces.point(s.dimensions(), rnd);
        for (int i = 0; i < 4000; i++) {
            // a few coordinates moved among a few values, so that designs repeat, often from different vectors
            double[] u = base.clone();
            for (int k = 0; k < 4; k++) {
                u[rnd.nextInt(u.length)] = rnd.nextInt(3) * 0.45 + 0.05;
            }
            Candidate c = s.decode(u, TECH);
            Architecture prev = byKey.putIfAbsent(c.key(), c.architecture());
            if (prev != null) {
                repeats++;
                assertEquals(prev, c.architecture(), "one key, two designs: " + c.key());
            }
            String prevKey = byArch.putIfAbsent(c.architecture(), c.key());
            if (prevKey != null) {
                assertEquals(prevKey, c.key(), "one design, two keys");
            }
        }
        assertTrue(repeats > 100, "the loop should revisit designs, revisited " + repeats);
    }

    @Test
    void eachSearchedAxisUnrollsItsTopKByImportance() {
        SplittableRandom rnd = new SplittableRandom(17);
        int checked = 0;
        for (ArchSpace s : Spaces.all()) {
            List<String> names = s.parameterNames();
            for (int i = 0; i < 500; i++) {
                double[] u = Spaces.point(s.dimensions(), rnd);
                if (rnd.nextBoolean()) {
                    // ties between importances are broken by declared order
                    for (int k = 0; k < u.length; k++) {
                        if (rnd.nextInt(3) == 0) {
                            u[k] = 0.5;
                        }
                    }
                }
                Architecture a = s.decode(u, TECH).architecture();
                for (FanoutSpec f : s.fanouts()) {
                    Fanout fo = a.level(a.levelIndex(f.from()).orElseThrow()).fanout();
                    for (int axis = 0; axis < 2; axis++) {
                        Connectivity c = axis == 0 ? f.onX() : f.onY();
                        int side = axis == 0 ? fo.x() : fo.y();
                        Optional<Set<String>> allowed = axis == 0 ? fo.allowedX() : fo.allowedY();
                        if (side == 1) {
                            assertEquals(Optional.empty(), allowed, "an axis of side 1 unrolls nothing, so it is left open");
                            continue;
                        }
                        if (!(c instanceof Connectivity.Searched sc)) {
                            assertEquals(c instanceof Connectivity.Fixed fx ? Optional.of(fx.dims()) : Optional.empty(), allowed);
                            continue;
                        }
                        String prefix = f.from() + ".fanout." + (axis == 0 ? "x" : "y");
                        int k = sc.k().get(0);
                        int ki = names.indexOf(prefix + ".k");
                        if (ki >= 0) {
                            k = sc.k().get((int) Math.min(sc.k().size() - 1, Math.floor(clamp(u[ki]) * sc.k().size())));
                        }
                        List<String> left = new ArrayList<>(sc.candidates());
                        Set<String> want = new HashSet<>();
                        for (int n = 0; n < k; n++) {
                            String best = null;
                            double bestImp = -1;
                            for (String d : left) {
                                int at = names.indexOf(prefix + "." + d);
                                double imp = at < 0 ? 0 : clamp(u[at]);
                                if (imp > bestImp) {
                                    best = d;
                                    bestImp = imp;
                                }
                            }
                            left.remove(best);
                            want.add(best);
                        }
                        assertEquals(Optional.of(want), allowed, prefix + " with k = " + k);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 1000, "checked " + checked + " searched axes");
    }

    private static double clamp(double u) {
        return Double.isNaN(u) ? 0.5 : Math.max(0, Math.min(1, u));
    }

    @Test
    void sizingOnlyFixesEveryAxisToTheReferenceDataflow() {
        SplittableRandom rnd = new SplittableRandom(19);
        for (ArchSpace full : Spaces.all()) {
            ArchSpace sizing = full.sizingOnly();
            List<String> names = full.parameterNames();
            List<String> kept = names.stream().filter(n -> !n.matches(".*\\.fanout\\.[xy]\\..*")).toList();
            assertEquals(kept, sizing.parameterNames(), "sizing only keeps every size coordinate and drops the connectivity");
            assertTrue(sizing.dimensions() < full.dimensions(), full.name());
            for (int i = 0; i < 300; i++) {
                Architecture a = sizing.decode(Spaces.point(sizing.dimensions(), rnd), TECH).architecture();
                for (FanoutSpec f : full.fanouts()) {
                    Fanout fo = a.level(a.levelIndex(f.from()).orElseThrow()).fanout();
                    check(f.onX(), fo.x(), fo.allowedX());
                    check(f.onY(), fo.y(), fo.allowedY());
                }
            }
        }
    }

    private static void check(Connectivity c, int side, Optional<Set<String>> allowed) {
        if (side == 1) {
            return;
        }
        if (c instanceof Connectivity.Searched s) {
            assertEquals(Optional.of(s.reference().orElse(Set.copyOf(s.candidates()))), allowed);
        }
    }

    @Test
    void eyerissSizingOnlyIsRowStationary() {
        ArchSpace s = Spaces.preset("eyeriss_resources").sizingOnly();
        Architecture a = s.decode(new double[s.dimensions()], TECH).architecture();
        assertEquals(Optional.of(Set.of("Q", "M")), a.level(1).fanout().allowedX());
        assertEquals(Optional.of(Set.of("S", "C", "M")), a.level(2).fanout().allowedY());
        assertEquals(9, s.dimensions());
        assertEquals(25, Spaces.preset("eyeriss_resources").dimensions());
    }

    @Test
    void encodingAChoiceDecodesBackToIt() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (ArchSpace s : Spaces.all()) {
            for (int i = 0; i < 300; i++) {
                Candidate c = s.decode(Spaces.point(s.dimensions(), rnd), TECH);
                double[] u = s.encode(c.choices()).orElseThrow(() -> new AssertionError("not encodable: " + c.key()));
                assertEquals(c.key(), s.decode(u, TECH).key());
                double[] v = s.encode(c.architecture()).orElseThrow(() -> new AssertionError("architecture not encodable: " + c.key()));
                assertEquals(c.key(), s.decode(v, TECH).key());
            }
        }
    }

    @Test
    void aDesignOutsideTheSpaceHasNoEncoding() {
        ArchSpace s = Spaces.tiny();
        Candidate c = s.decode(new double[s.dimensions()], TECH);
        Architecture a = c.architecture();
        Architecture bigger = a.withLevels(List.of(a.level(0), a.level(1).withFanout(Fanout.of(17, 1)), a.level(2), a.level(3)));
        assertEquals(Optional.empty(), s.encode(bigger));
        assertNotEquals(Optional.empty(), s.encode(a));
    }

    @Test
    void aVectorOfTheWrongLengthIsRefusedWithASentence() {
        ArchSpace s = Spaces.tiny();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.decode(new double[3], TECH));
        assertEquals("Space tiny has " + s.dimensions() + " coordinates, but the point has 3; pass one per parameter.", e.getMessage());
    }
}
