package org.mapwright.netsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.netcost.CostMetric;
import org.mapwright.netcost.CostModel;
import org.mapwright.netcost.NetCost;
import org.mapwright.netcost.Target;
import org.mapwright.netspace.AccuracyModel;
import org.mapwright.netspace.NetCandidate;
import org.mapwright.netspace.NetSpace;
import org.mapwright.netspace.OfaAccuracy;
import org.mapwright.netspace.OfaSpace;
import org.mapwright.testing.Tiny;
import org.mapwright.workload.Network;

class NetSearchTest {
    static final Target TARGET = Target.of(Tiny.arch());

    /** Energy = MACs pJ, cycles = MACs / 100, times a factor: a cost model that needs no mapping. */
    record MacCost(double factor) implements CostModel {
        @Override
        public String name() {
            return "macs";
        }

        @Override
        public NetCost cost(Network n, Target t) {
            return NetCost.of(factor * n.macs(), factor * n.macs() / 100.0);
        }
    }

    static final NetSpace SPACE = new OfaSpace();
    static final AccuracyModel ACC = OfaAccuracy.shared();

    static double largestEdp() {
        NetCandidate largest = SPACE.named().get(0);
        return new MacCost(1).cost(largest.network("l"), TARGET).edp();
    }

    @Test
    void underAHardLimitTheAnswerKeepsItAndBeatsTheFirstGeneration() {
        Objective o = Objective.maxAccuracy(CostMetric.EDP, 0.3 * largestEdp());
        NetSearch.Result r = NetSearch.run(SPACE, List.of(), ACC, new MacCost(1), new MacCost(1), TARGET, o,
                new NetSearch.Settings(20, 200, 0.25, 0.1, 0.5, 5, 3), NetSearch.Listener.NONE);
        assertTrue(r.best().isPresent());
        NetSearch.Rechecked best = r.best().get();
        assertTrue(best.exact().edp() <= 0.3 * largestEdp());
        double firstGen = r.scored().stream().filter(s -> s.generation() == 0 && o.meets(s.accuracy(), s.cost()))
                .mapToDouble(NetSearch.Scored::accuracy).max().orElse(0);
        assertTrue(best.screened().accuracy() > firstGen, best.screened().accuracy() + " vs " + firstGen);
        assertEquals(200, r.scored().size());
        assertEquals(200, r.scored().stream().map(s -> s.net().key()).distinct().count(), "no candidate scored twice");
        // no scored candidate that keeps the limit is more accurate than the answer
        for (NetSearch.Scored s : r.scored()) {
            if (o.meets(s.accuracy(), s.cost())) {
                assertTrue(s.accuracy() <= best.screened().accuracy() + 1e-12);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSearchAndAnotherSeedAnother() {
        Objective o = Objective.maxAccuracy(CostMetric.EDP, 0.3 * largestEdp());
        NetSearch.Settings s = new NetSearch.Settings(10, 60, 0.25, 0.1, 0.5, 3, 7);
        List<String> a = keys(NetSearch.run(SPACE, List.of(), ACC, new MacCost(1), new MacCost(1), TARGET, o, s,
                NetSearch.Listener.NONE));
        List<String> b = keys(NetSearch.run(SPACE, List.of(), ACC, new MacCost(1), new MacCost(1), TARGET, o, s,
                NetSearch.Listener.NONE));
        List<String> c = keys(NetSearch.run(SPACE, List.of(), ACC, new MacCost(1), new MacCost(1), TARGET, o,
                new NetSearch.Settings(10, 60, 0.25, 0.1, 0.5, 3, 8), NetSearch.Listener.NONE));
        assertEquals(a, b);
        assertFalse(a.equals(c));
    }

    @Test
    void aScreenThatUnderestimatesIsCaughtByTheExactRecheck() {
        double limit = 0.3 * largestEdp();
        Objective o = Objective.maxAccuracy(CostMetric.EDP, limit);
        // the screen sees half the true cost (a quarter of the EDP): many screened winners break the true limit
        NetSearch.Result r = NetSearch.run(SPACE, List.of(), ACC, new MacCost(0.5), new MacCost(1), TARGET, o,
                new NetSearch.Settings(20, 200, 0.25, 0.1, 0.5, 20, 3), NetSearch.Listener.NONE);
        assertTrue(r.rechecked().stream().anyMatch(x -> !x.meets()), "some screened winners must fail the re-check");
        r.best().ifPresent(b -> assertTrue(b.exact().edp() <= limit));
        for (NetSearch.Rechecked x : r.rechecked()) {
            assertEquals(x.meets(), x.exact().edp() <= limit);
        }
    }

    @Test
    void thePenaltyPullsTheCostTowardsTheTargetFromBothSides() {
        double target = 0.3 * largestEdp();
        Objective o = Objective.maxAccuracy(CostMetric.EDP, target).withPenalty(0.5);
        // EDP is in J x cycles: energy (pJ) x 1e-12 x cycles
        NetCost at = NetCost.of(target * 1e12 / 1000, 1000);
        assertEquals(target, at.edp(), 1e-9 * target);
        assertTrue(o.fitness(0.8, at) > o.fitness(0.8, NetCost.of(0.5 * target * 1e12 / 1000, 1000)));
        assertTrue(o.fitness(0.8, at) > o.fitness(0.8, NetCost.of(1.5 * target * 1e12 / 1000, 1000)));
        NetSearch.Result r = NetSearch.run(SPACE, List.of(), ACC, new MacCost(1), new MacCost(1), TARGET, o,
                new NetSearch.Settings(20, 200, 0.25, 0.1, 0.5, 5, 3), NetSearch.Listener.NONE);
        double ratio = r.rechecked().get(0).exact().edp() / target;
        assertTrue(ratio > 0.7 && ratio < 1.3, "the best penalised network should sit near the target: " + ratio);
    }

    @Test
    void theCheapestNetworkAboveAFloorIsFound() {
        List<NetCandidate> probe = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            probe.add(SPACE.random(rnd));
        }
        double[] acc = ACC.predict(probe);
        double floor = java.util.Arrays.stream(acc).sorted().toArray()[150];
        Objective o = Objective.minCost(CostMetric.EDP, floor);
        NetSearch.Result r = NetSearch.run(SPACE, List.of(), ACC, new MacCost(1), new MacCost(1), TARGET, o,
                new NetSearch.Settings(20, 300, 0.25, 0.1, 0.5, 5, 3), NetSearch.Listener.NONE);
        NetSearch.Rechecked best = r.best().orElseThrow();
        assertTrue(best.screened().accuracy() >= floor);
        double randomBest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < probe.size(); i++) {
            if (acc[i] >= floor) {
                randomBest = Math.min(randomBest, new MacCost(1).cost(probe.get(i).network("p"), TARGET).edp());
            }
        }
        assertTrue(best.exact().edp() < randomBest, "evolution should beat 200 random draws: " + best.exact().edp()
                + " vs " + randomBest);
    }

    private static List<String> keys(NetSearch.Result r) {
        return r.scored().stream().map(s -> s.net().key()).toList();
    }
}
