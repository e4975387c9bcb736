package org.mapwright.archspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.StorageLevel;
import org.mapwright.dsl.Frontend;
import org.mapwright.surrogate.Family;

/** The built-in spaces: what they contain, their limits, and that they keep their designs' structure. */
class PresetsTest {
    static final TestTechnology TECH = TestTechnology.INSTANCE;

    static Architecture builtin(String name) {
        return Frontend.loadBuiltin(name + ".mw").accelerators().get(name);
    }

    @Test
    void eyerissLimitsAreTheResourcesOfTheDesignAsBuilt() {
        ArchSpace s = Spaces.preset("eyeriss_resources");
        Usage built = Usage.of(builtin("eyeriss_like"));
        assertEquals(168, built.computeUnits());
        // 108 KiB of global buffer, 14 x 16 words of column buffers, 168 x (12 + 192 + 16) words of scratchpads
        assertEquals(110592 + 14 * 32 + 168 * 440, built.onChipBytes());
        assertEquals(168, s.limits().computeUnits().getAsLong());
        assertEquals((long) built.onChipBytes(), s.limits().onChipBytes().getAsLong());
        assertTrue(s.limits().areaMm2().isEmpty());
    }

    @Test
    void eyerissLikeAsBuiltIsAPointOfItsSpace() {
        ArchSpace s = Spaces.preset("eyeriss_resources");
        Architecture built = builtin("eyeriss_like");
        // eyeriss_like declares no banks; its 16 words/cycle at block 4 are 4 banks in the space's terms
        assertEquals(1, built.level(1).banks());
        StorageLevel glb = built.level(1);
        Architecture banked = built.withLevels(java.util.List.of(built.level(0),
                StorageLevel.builder(glb.name()).capacityWords(glb.capacityWords()).wordBits(glb.wordBits())
                        .blockSize(glb.blockSize()).banks(4).bandwidth(16, 16, Double.POSITIVE_INFINITY)
                        .fanout(glb.fanout()).build(),
                built.level(2), built.level(3), built.level(4), built.level(5)));
        assertEquals(Optional.empty(), s.encode(built), "one bank would give 4 words/cycle, not 16");
        double[] u = s.encode(banked).orElseThrow(() -> new AssertionError("eyeriss_like is not in eyeriss_resources"));
        Candidate c = s.decode(u, TECH);
        Architecture a = c.architecture();
        assertEquals(built.levelCount(), a.levelCount());
        for (int l = 0; l < a.levelCount(); l++) {
            StorageLevel x = a.level(l);
            StorageLevel y = built.level(l);
            assertEquals(y.name(), x.name());
            assertEquals(y.capacityWords(), x.capacityWords(), y.name());
            assertEquals(y.wordBits(), x.wordBits(), y.name());
            assertEquals(y.blockSize(), x.blockSize(), y.name());
            assertEquals(y.mayKeep(), x.mayKeep(), y.name());
            if (!y.mayKeep().equals(Optional.of(Set.of()))) {
                assertEquals(y.readBandwidth(), x.readBandwidth(), y.name());
                assertEquals(y.writeBandwidth(), x.writeBandwidth(), y.name());
            }
            assertEquals(y.fanout().x(), x.fanout().x(), y.name());
            assertEquals(y.fanout().y(), x.fanout().y(), y.name());
            // eyeriss_like unrolls any dimension: the decoded axes allow every dimension of a convolution
            assertTrue(x.fanout().allowedX().map(d -> d.containsAll(Connectivity.CONV_DIMS)).orElse(true), y.name());
            assertTrue(x.fanout().allowedY().map(d -> d.containsAll(Connectivity.CONV_DIMS)).orElse(true), y.name());
        }
        assertTrue(c.feasible(), c.violatedLimits().toString());
        assertEquals(Usage.of(built).onChipBytes(), c.usage().onChipBytes());
    }

    @Test
    void decodedDesignsStayInTheirSurrogateFamily() {
        SplittableRandom rnd = new SplittableRandom(29);
        Family eyeriss = Family.byName("eyeriss").orElseThrow();
        Family simple = Family.byName("simple").orElseThrow();
        ArchSpace e = Spaces.preset("eyeriss_resources");
        ArchSpace es = e.sizingOnly();
        ArchSpace w = Spaces.preset("edge_resources");
        for (int i = 0; i < 1000; i++) {
            assertTrue(eyeriss.admits(e.decode(Spaces.point(e.dimensions(), rnd), TECH).architecture()));
            assertTrue(eyeriss.admits(es.decode(Spaces.point(es.dimensions(), rnd), TECH).architecture()));
            assertTrue(simple.admits(w.decode(Spaces.point(w.dimensions(), rnd), TECH).architecture()));
        }
    }

    @Test
    void edgeAndCloudBudgetsHoldTheirModelDesigns() {
        ArchSpace edge = Spaces.preset("edge_resources");
        assertEquals(256, edge.limits().computeUnits().getAsLong());
        assertEquals(256 * 1024, edge.limits().onChipBytes().getAsLong());
        Usage ws = Usage.of(builtin("simple_ws"));
        assertEquals(0, edge.limits().violation(ws), "simple_ws fits the edge budget");
        ArchSpace cloud = Spaces.preset("cloud_resources");
        assertEquals(4096, cloud.limits().computeUnits().getAsLong());
        assertEquals(8L << 20, cloud.limits().onChipBytes().getAsLong());
        Usage simba = Usage.of(builtin("simba_like"));
        assertEquals(1024, simba.computeUnits());
        assertEquals(755712, simba.onChipBytes());
        // the space reaches 4096 MACs and more, so the compute limit binds
        assertTrue(SpaceBounds.maxComputeUnits(cloud.fanouts()) > 4096);
        assertTrue(SpaceBounds.maxComputeUnits(edge.fanouts()) > 256);
    }

    @Test
    void eyerissArrayShapesRangeOverTwoToThirtyTwo() {
        ArchSpace s = Spaces.preset("eyeriss_resources");
        Set<Integer> xs = Set.copyOf(s.fanouts().get(0).x().options());
        Set<Integer> ys = Set.copyOf(s.fanouts().get(1).y().options());
        assertEquals(31, xs.size());
        assertTrue(xs.contains(2) && xs.contains(14) && xs.contains(32));
        assertEquals(xs, ys);
        Fanout first = builtin("eyeriss_like").level(1).fanout();
        assertTrue(xs.contains(first.x()));
    }
}
