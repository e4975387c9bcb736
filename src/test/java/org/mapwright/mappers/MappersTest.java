package org.mapwright.mappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.ComputeUnit;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.StorageLevel;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.mapping.LevelMapping;
import org.mapwright.mapping.Loop;
import org.mapwright.mapping.Mapping;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.search.Budget;
import org.mapwright.search.Mappers;
import org.mapwright.search.Objective;
import org.mapwright.search.Outcome;
import org.mapwright.search.SearchDriver;
import org.mapwright.search.SearchResult;
import org.mapwright.testing.Tiny;
import org.mapwright.workload.Dim;
import org.mapwright.workload.TensorId;
import org.mapwright.workload.Workload;

class MappersTest {
    /** The mappers that search any mapspace (the gradient mapper needs a surrogate of the accelerator's family). */
    static final List<String> ALL = List.of("anneal", "default", "exhaustive", "genetic", "random");

    @Test
    void mappersAreFoundByName() {
        assertEquals(List.of("anneal", "default", "exhaustive", "genetic", "gradient", "random"),
                new ArrayList<>(Mappers.all().keySet()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mappers.byName("annealing"));
        assertEquals("Unknown mapper `annealing`; the mappers are anneal, default, exhaustive, genetic, gradient, random.",
                e.getMessage());
    }

    /** Brute force: every factor placement, loop order, keep choice and axis, each evaluated independently. */
    static double bruteForceBestEdp(Workload w, Architecture a, Set<Mapping> seen) {
        AnalyticalModel model = new AnalyticalModel(w, a);
        int nl = a.levelCount();
        List<List<long[]>> perDim = new ArrayList<>();
        for (Dim d : w.dims()) {
            List<long[]> splits = new ArrayList<>();
            split(w.bound(d), new long[2 * nl], 0, splits);
            perDim.add(splits);
        }
        double[] best = {Double.POSITIVE_INFINITY};
        placeDims(w, a, model, perDim, 0, new long[w.dims().size()][], best, seen);
        return best[0];
    }

    private static void split(long rest, long[] vals, int i, List<long[]> out) {
        if (i == vals.length - 1) {
            vals[i] = rest;
            out.add(vals.clone());
            return;
        }
        for (long f = 1; f <= rest; f++) {
            if (rest % f == 0) {
                vals[i] = f;
                split(rest / f, vals, i + 1, out);
            }
        }
    }

    private static void placeDims(Workload w, Architecture a, AnalyticalModel model, List<List<long[]>> perDim, int d,
                                  long[][] chosen, double[] best, Set<Mapping> seen) {
        if (d == perDim.size()) {
            for (List<List<Loop>> orders : orders(w, a, chosen)) {
                for (int keepCombo = 0; keepCombo < 1 << (3 * (a.levelCount() - 1)); keepCombo++) {
                    List<LevelMapping> levels = new ArrayList<>();
                    for (int l = 0; l < a.levelCount(); l++) {
                        Set<TensorId> keep = new LinkedHashSet<>();
                        for (int t = 0; t < 3; t++) {
                            if (l == 0 || (keepCombo >>> (3 * (l - 1) + t) & 1) != 0) {
                                keep.add(w.tensors().get(t).id());
                            }
                        }
                        List<Loop> x = new ArrayList<>();
                        for (int di = 0; di < w.dims().size(); di++) {
                            if (chosen[di][2 * l + 1] > 1) {
                                x.add(new Loop(w.dims().get(di), chosen[di][2 * l + 1]));
                            }
                        }
                        levels.add(new LevelMapping(a.level(l).id(), keep, orders.get(l), x, List.of()));
                    }
                    Mapping m = new Mapping(levels);
                    seen.add(m);
                    Evaluation e = model.evaluate(m);
                    if (e.valid()) {
                        best[0] = Math.min(best[0], e.edp());
                    }
                }
            }
            return;
        }
        for (long[] s : perDim.get(d)) {
            boolean ok = true;
            for (int l = 0; l < a.levelCount(); l++) {
                ok &= s[2 * l + 1] == 1 || a.level(l).fanout().size() > 1;
            }
            if (ok) {
                chosen[d] = s;
                placeDims(w, a, model, perDim, d + 1, chosen, best, seen);
            }
        }
    }

    /** Every combination of per-level orders of the loops with factors above 1. */
    private static List<List<List<Loop>>> orders(Workload w, Architecture a, long[][] chosen) {
        List<List<List<Loop>>> result = new ArrayList<>();
        result.add(new ArrayList<>());
        for (int l = 0; l < a.levelCount(); l++) {
            List<Loop> loops = new ArrayList<>();
            for (int d = 0; d < w.dims().size(); d++) {
                if (chosen[d][2 * l] > 1) {
                    loops.add(new Loop(w.dims().get(d), chosen[d][2 * l]));
                }
            }
            List<List<Loop>> perms = permutations(loops);
            if (l == a.levelCount() - 1) {
                perms = List.of(loops); // the innermost level's order changes no count
            }
            List<List<List<Loop>>> next = new ArrayList<>();
            for (List<List<Loop>> prefix : result) {
                for (List<Loop> p : perms) {
                    List<List<Loop>> c = new ArrayList<>(prefix);
                    c.add(p);
                    next.add(c);
                }
            }
            result = next;
        }
        return result;
    }

    private static List<List<Loop>> permutations(List<Loop> xs) {
        if (xs.isEmpty()) {
            return List.of(List.of());
        }
        List<List<Loop>> out = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            List<Loop> rest = new ArrayList<>(xs);
            Loop head = rest.remove(i);
            for (List<Loop> p : permutations(rest)) {
                List<Loop> c = new ArrayList<>();
                c.add(head);
                c.addAll(p);
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void exhaustiveEqualsBruteForceOnTinyLayers() {
        for (long[] dims : List.of(new long[] {2, 2, 2}, new long[] {4, 2, 1}, new long[] {2, 3, 2})) {
            Workload w = Tiny.conv(dims[0], dims[1], dims[2]);
            Architecture a = Tiny.arch();
            Set<Mapping> seen = new HashSet<>();
            double brute = bruteForceBestEdp(w, a, seen);
            for (int threads : new int[] {1, 2}) {
                SearchResult r = SearchDriver.run(new Mapspace(w, a, Constraints.NONE), Mappers.byName("exhaustive"),
                        SearchDriver.Settings.of(Objective.EDP, Budget.evaluations(10_000_000), 1).withThreads(threads));
                assertTrue(r.exhausted(), "the whole space was enumerated");
                assertEquals(brute, r.bestOutcome().orElseThrow().edp(), brute * 1e-12, java.util.Arrays.toString(dims));
                // every distinct mapping is visited once (the brute force also counts orders of the innermost level)
                assertTrue(r.evaluations() <= seen.size(), r.evaluations() + " > " + seen.size());
            }
        }
    }

    @Test
    void everyMapperFindsAValidMappingAndTheSameSeedGivesTheSameOne() {
        Workload w = Tiny.conv(8, 6, 3);
        Architecture a = Tiny.arch();
        Mapspace space = new Mapspace(w, a, Constraints.NONE);
        AnalyticalModel model = new AnalyticalModel(w, a);
        for (String m : ALL) {
            for (int threads : new int[] {1, 2}) {
                SearchDriver.Settings s = SearchDriver.Settings.of(Objective.EDP, Budget.evaluations(6000), 42).withThreads(threads);
                SearchResult r1 = SearchDriver.run(space, Mappers.byName(m), s);
                SearchResult r2 = SearchDriver.run(space, Mappers.byName(m), s);
                assertTrue(r1.found(), m);
                assertTrue(model.evaluate(r1.bestMapping().orElseThrow()).valid(), m);
                assertEquals(r1.bestMapping(), r2.bestMapping(), m + " with " + threads + " threads");
                assertEquals(r1.bestOutcome(), r2.bestOutcome(), m);
                assertEquals(r1.evaluations(), r2.evaluations(), m);
                assertEquals(model.evaluate(r1.bestMapping().orElseThrow()).edp(), r1.bestOutcome().orElseThrow().edp(), 0.0, m);
            }
        }
    }

    @Test
    void aSpaceWithNoValidMappingSaysWhyInsteadOfReturningOne() {
        // a 1-word buffer must hold all three tensors: no tiling fits
        Architecture a = new Architecture("cramped", List.of(
                Tiny.level("DRAM", StorageLevel.UNBOUNDED, 100, Fanout.NONE),
                Tiny.level("buf", 1, 2, Fanout.NONE)), new ComputeUnit("mac", 1, 0));
        Constraints keepAll = new Constraints(Map.of("buf", new org.mapwright.mapspace.LevelConstraints(Map.of(), Map.of(),
                Map.of(), false, java.util.Optional.empty(), Set.of("W", "In", "Out"), Set.of())), 0);
        for (String m : ALL) {
            SearchResult r = SearchDriver.run(new Mapspace(Tiny.conv(2, 2, 2), a, keepAll), Mappers.byName(m),
                    SearchDriver.Settings.of(Objective.EDP, Budget.evaluations(2000), 1));
            assertFalse(r.found(), m);
            assertEquals(Outcome.Status.CAPACITY, r.commonestRejection().orElseThrow(), m);
        }
    }
}
