package org.mapwright.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;
import org.mapwright.dsl.BoundMapping;
import org.mapwright.dsl.Frontend;
import org.mapwright.mapping.Mapping;
import org.mapwright.testing.RandomMappings;
import org.mapwright.workload.Workload;

/**
 * The on-chip network model ({@link NetworkEnergy}) on a matrix-vector product Out[M] += W[M, K] * In[K]: each PE of a
 * fan-out takes one row of W (scatter), all of In (multicast) and drains one output (reduction-free here, M is
 * unrolled). Every expected value is worked out by hand in the comments.
 */
class NetworkEnergyTest {

    private static final String DESIGN = """
            workload mv {
              dims M, K
              Out[M] += W[M, K] * In[K]
            }
            layer l = mv(M = 8, K = 8)
            accelerator a {
              level DRAM { word 16 bits  energy 1 pJ }
              fanout %s { hop 1 pJ }
              level spad { capacity 64 words  word 16 bits  energy 1 pJ }
              compute mac { energy 1 pJ }
            }
            mapping m for l on a {
              DRAM { keep W, In, Out  %s }
              spad { keep W, In, Out  temporal K=8 }
            }
            """;

    private static BoundMapping load(String mesh, String dramLoops) {
        return Frontend.loadText("net.mw", DESIGN.formatted(mesh, dramLoops)).mappings().get("m");
    }

    private static Evaluation evaluate(BoundMapping m) {
        Evaluation e = new AnalyticalModel(m.workload(), m.architecture()).evaluate(m.mapping());
        assertTrue(e.valid(), e.reason());
        return e;
    }

    private static double hops(BoundMapping m, String tensor) {
        ModelSpec s = new ModelSpec(m.workload(), m.architecture());
        int t = m.workload().tensors().stream().map(x -> x.name()).toList().indexOf(tensor);
        return NetworkEnergy.hops(s, LoopNest.of(m.mapping(), s), 0, t);
    }

    /**
     * M unrolled m ways on X of an 8 x 1 mesh, the rest of M in DRAM's temporal loop. Per PE: W 8 words per step of
     * the 8/m steps (64/m), In 8 words once, Out 1 word per step. W goes to each PE alone: m x 64/m = 64 words, (m-1)/2
     * hops on average; In is one multicast of 8 words to m PEs, m - 1 hops; Out drains m x 8/m = 8 words,
     * (m - 1)/2 hops. At 1 pJ a hop: 32 (m-1) + 8 (m-1) + 4 (m-1) = 44 (m - 1) pJ.
     */
    @Test
    void energyGrowsWithTheMulticastWidthAsWorkedOutByHand() {
        double previous = -1;
        for (int m : new int[] {1, 2, 4, 8}) {
            String loops = (m < 8 ? "temporal M=" + 8 / m + "  " : "") + "spatial x M=" + m;
            Evaluation e = evaluate(load("8 x 1", loops));
            assertEquals(44.0 * (m - 1), e.networkEnergyPj(), 1e-9, "M unrolled " + m + " ways");
            assertEquals(e.networkEnergyPj(), e.level("DRAM").orElseThrow().networkEnergyPj());
            assertTrue(e.networkEnergyPj() > previous);
            previous = e.networkEnergyPj();
        }
    }

    /** The same on a column (1 x 8, port beside row 3.5): W and Out average |row - 3.5| = 2 hops, In spans 7. */
    @Test
    void aColumnIsFedFromItsMiddle() {
        Evaluation e = evaluate(load("1 x 8", "spatial y M=8"));
        assertEquals(64 * 2 + 8 * 7 + 8 * 2, e.networkEnergyPj(), 1e-9);
    }

    /** The energy is words x hops x energy per hop, on top of an otherwise unchanged evaluation. */
    @Test
    void networkEnergyAddsToTheRestUnchanged() {
        BoundMapping m = load("8 x 1", "spatial x M=8");
        Evaluation with = evaluate(m);
        Architecture free = m.architecture().withoutNetworkEnergy();
        Evaluation without = new AnalyticalModel(m.workload(), free).evaluate(m.mapping());
        assertEquals(308, with.networkEnergyPj(), 1e-9);
        assertEquals(0, without.networkEnergyPj());
        assertEquals(without.energyPj() + 308, with.energyPj(), 1e-9);
        assertEquals(without.levels().get(1), with.levels().get(1));
        assertEquals(without.levels().get(0).tensors(), with.levels().get(0).tensors());
        assertEquals(without.cycles(), with.cycles());
    }

    /**
     * Hops per word on a 4 x 4 mesh with M on X and K on Y (port west of row 1.5). W: one PE each, the average
     * Manhattan distance 1.5 + 1 = 2.5. In (K on Y): a row of 4 PEs per word, trunk to column 3 and a branch of
     * |row - 1.5| (1 on average) in each of the 4 columns: 3 + 4 = 7. Out (M on X): a column per word, trunk 1.5 on
     * average and the whole column, 3: 4.5.
     */
    @Test
    void hopsOfUnicastMulticastAndReductionOnAGrid() {
        String loops = "spatial x M=4  spatial y K=4  temporal M=2";
        String text = DESIGN.formatted("4 x 4", loops).replace("temporal K=8", "temporal K=2");
        BoundMapping m = Frontend.loadText("grid.mw", text).mappings().get("m");
        assertEquals(2.5, hops(m, "W"), 1e-12);
        assertEquals(7, hops(m, "In"), 1e-12);
        assertEquals(4.5, hops(m, "Out"), 1e-12);
        // a broadcast to all n PEs is a spanning tree of n - 1 hops; a unicast costs the average distance
        BoundMapping line = load("8 x 1", "spatial x M=8");
        assertEquals(7, hops(line, "In"), 1e-12);
        assertEquals(3.5, hops(line, "W"), 1e-12);
        assertEquals(2, NetworkEnergy.averageOffset(8), 1e-12);
        assertEquals((49 - 1) / 28.0, NetworkEnergy.averageOffset(7), 1e-12);
    }

    /**
     * With no energy per hop the model is the one the Timeloop reference cases check, and a design whose hops are
     * set to 0 ({@code --no-network-energy}) evaluates exactly as without them, mapping after mapping.
     */
    @Test
    void noHopEnergyMeansExactlyTheEvaluationsOfBefore() {
        var lib = Frontend.load(List.of(java.nio.file.Path.of("workloads/resnet50.mw"), java.nio.file.Path.of("workloads/eyeriss_like.mw")));
        Workload w = lib.networks().get("resnet50").layer("res2a_branch2b").orElseThrow().workload();
        Architecture a = lib.accelerators().get("eyeriss_like");
        List<StorageLevel> hopped = new ArrayList<>();
        for (StorageLevel l : a.levels()) {
            hopped.add(l.withFanout(l.fanout().withHopEnergy(0.75)));
        }
        Architecture withHops = a.withLevels(hopped);
        assertEquals(a, withHops.withoutNetworkEnergy());
        AnalyticalModel base = new AnalyticalModel(w, a);
        AnalyticalModel net = new AnalyticalModel(w, withHops);
        SplittableRandom rnd = new SplittableRandom(3);
        int valid = 0;
        int charged = 0;
        for (int i = 0; i < 4000; i++) {
            Mapping m = RandomMappings.sample(w, a, rnd);
            Evaluation e = base.evaluate(m);
            Evaluation f = net.evaluate(m);
            assertEquals(e, new AnalyticalModel(w, withHops.withoutNetworkEnergy()).evaluate(m));
            if (!e.valid()) {
                continue;
            }
            valid++;
            assertEquals(0, e.networkEnergyPj());
            assertEquals(e.cycles(), f.cycles());
            assertEquals(e.energyPj() + f.networkEnergyPj(), f.energyPj(), 1e-9 * f.energyPj());
            if (e.utilizedComputeInstances() > 1) {
                assertTrue(f.networkEnergyPj() > 0, "a mapping that uses several PEs moves words across a mesh");
                assertNotEquals(e.energyPj(), f.energyPj());
                charged++;
            }
        }
        assertTrue(valid > 20 && charged > 10, valid + " valid, " + charged + " with network traffic");
    }
}
