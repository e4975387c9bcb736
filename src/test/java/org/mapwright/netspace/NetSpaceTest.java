package org.mapwright.netspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.workload.Network;

/** The genome protocol, for both spaces: seeded property loops. */
class NetSpaceTest {
    private static final List<NetSpace> SPACES = List.of(NetSpace.forName("ofa-mbv3"), NetSpace.forName("nb201"));

    @Test
    void decodeEncodeRoundTripsAndValidates() {
        for (NetSpace s : SPACES) {
            SplittableRandom rnd = new SplittableRandom(11);
            int[] a = s.arity();
            for (int i = 0; i < 300; i++) {
                NetCandidate c = s.random(rnd);
                int[] g = s.encode(c);
                assertEquals(a.length, g.length);
                for (int j = 0; j < g.length; j++) {
                    assertTrue(g[j] >= 0 && g[j] < a[j]);
                }
                NetCandidate d = s.decode(g);
                assertEquals(c, d);
                assertEquals(c.key(), d.key());
                assertEquals(s.name(), c.spaceName());
            }
            int[] bad = new int[a.length];
            bad[a.length - 1] = a[a.length - 1];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.decode(bad));
            assertTrue(e.getMessage().startsWith("Gene " + (a.length - 1) + " of a genome of space " + s.name() + " is "),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.decode(new int[a.length + 1]));
        }
    }

    /** The gene layout: kernels, expansions, depths, resolution, each an index into its choice list. */
    @Test
    void ofaGenesIndexTheChoiceLists() {
        int[] g = new int[OfaSpace.GENES];
        g[0] = 2;
        g[1] = 1;
        g[OfaSubnet.SLOTS] = 1;
        g[OfaSubnet.SLOTS + 1] = 2;
        g[2 * OfaSubnet.SLOTS] = 2;
        g[2 * OfaSubnet.SLOTS + 4] = 1;
        g[OfaSpace.GENES - 1] = 3;
        OfaSubnet s = new OfaSpace().decode(g).subnet();
        int[] k = new int[OfaSubnet.SLOTS];
        int[] e = new int[OfaSubnet.SLOTS];
        int[] d = {4, 2, 2, 2, 3};
        java.util.Arrays.fill(k, 3);
        java.util.Arrays.fill(e, 3);
        k[0] = 7;
        k[1] = 5;
        e[0] = 4;
        e[1] = 6;
        OfaSubnet want = new OfaSubnet(k, e, d, 208).canonical();
        assertEquals(want, s);
        assertArrayEquals(g, OfaCandidate.of(want).genes());
    }

    /** OFA genes of slots a stage does not run change neither the key nor the network. */
    @Test
    void inactiveOfaSlotsDoNotMatter() {
        OfaSpace s = new OfaSpace();
        int[] g = new int[OfaSpace.GENES];
        g[0] = 2;
        int[] h = g.clone();
        h[3] = 2;
        h[OfaSubnet.SLOTS + 3] = 1;
        OfaCandidate a = s.decode(g);
        OfaCandidate b = s.decode(h);
        assertEquals(a, b);
        assertEquals(a.key(), b.key());
        assertEquals(a.network("n"), b.network("n"));
        h[2 * OfaSubnet.SLOTS] = 2;
        assertNotEquals(a.key(), s.decode(h).key());
    }

    @Test
    void mutantsDifferAndFollowTheRate() {
        for (NetSpace s : SPACES) {
            SplittableRandom rnd = new SplittableRandom(5);
            int changed = 0;
            int n = 400;
            for (int i = 0; i < n; i++) {
                NetCandidate c = s.random(rnd);
                NetCandidate m = s.mutate(c, 0.0, rnd);
                assertNotEquals(c.key(), m.key(), "rate 0 still changes the network");
                NetCandidate all = s.mutate(c, 1.0, rnd);
                int[] gc = s.encode(c);
                int[] ga = s.encode(all);
                for (int j = 0; j < gc.length; j++) {
                    assertNotEquals(gc[j], ga[j], "rate 1 changes every gene");
                }
                int[] gm = s.encode(s.mutate(c, 0.5, rnd));
                for (int j = 0; j < gc.length; j++) {
                    changed += gc[j] != gm[j] ? 1 : 0;
                }
            }
            double frac = changed / (double) (n * s.arity().length);
            assertTrue(frac > 0.45 && frac < 0.56, s.name() + " rate 0.5 changed " + frac);
        }
    }

    @Test
    void crossoverTakesEachGeneFromAParent() {
        for (NetSpace s : SPACES) {
            SplittableRandom rnd = new SplittableRandom(9);
            int fromA = 0;
            int differing = 0;
            for (int i = 0; i < 300; i++) {
                NetCandidate a = s.random(rnd);
                NetCandidate b = s.random(rnd);
                int[] ga = s.encode(a);
                int[] gb = s.encode(b);
                int[] gc = s.encode(s.crossover(a, b, rnd));
                for (int j = 0; j < gc.length; j++) {
                    assertTrue(gc[j] == ga[j] || gc[j] == gb[j]);
                    if (ga[j] != gb[j]) {
                        differing++;
                        fromA += gc[j] == ga[j] ? 1 : 0;
                    }
                }
            }
            double frac = fromA / (double) differing;
            assertTrue(frac > 0.45 && frac < 0.55, s.name() + " took " + frac + " of differing genes from a");
        }
    }

    @Test
    void sameSeedSameCandidates() {
        for (NetSpace s : SPACES) {
            SplittableRandom r1 = new SplittableRandom(42);
            SplittableRandom r2 = new SplittableRandom(42);
            for (int i = 0; i < 20; i++) {
                assertArrayEquals(s.encode(s.mutate(s.random(r1), 0.1, r1)), s.encode(s.mutate(s.random(r2), 0.1, r2)));
            }
        }
    }

    @Test
    void unknownSpaceListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetSpace.forName("darts"));
        assertEquals("Unknown network space: darts; known spaces: ofa-mbv3, nb201.", e.getMessage());
    }

    /** After warm-up a network builds in well under a millisecond (a search builds thousands). */
    @Test
    void networksBuildFastOnceWarm() {
        NetSpace s = SPACES.get(0);
        SplittableRandom rnd = new SplittableRandom(1);
        List<NetCandidate> cs = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            cs.add(s.random(rnd));
        }
        for (NetCandidate c : cs) {
            c.network("warm");
        }
        long t0 = System.nanoTime();
        long layers = 0;
        for (NetCandidate c : cs) {
            Network n = c.network("net");
            layers += n.layers().size();
        }
        double msPerNet = (System.nanoTime() - t0) / 1e6 / cs.size();
        System.out.printf("ofa-mbv3: %.4f ms per network (warm), %.1f layers on average%n", msPerNet,
                layers / (double) cs.size());
        assertTrue(msPerNet < 0.5, msPerNet + " ms per network");
    }
}
