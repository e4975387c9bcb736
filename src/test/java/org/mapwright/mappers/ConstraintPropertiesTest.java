package org.mapwright.mappers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.mapping.LevelMapping;
import org.mapwright.mapping.Mapping;
import org.mapwright.mapspace.Axis;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.FactorRule;
import org.mapwright.mapspace.LevelConstraints;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.NoLegalMappingException;
import org.mapwright.search.Budget;
import org.mapwright.search.Mapper;
import org.mapwright.search.MapperProvider;
import org.mapwright.search.Mappers;
import org.mapwright.search.Objective;
import org.mapwright.search.Outcome;
import org.mapwright.search.SearchContext;
import org.mapwright.search.SearchDriver;
import org.mapwright.search.SearchResult;
import org.mapwright.workload.Dim;
import org.mapwright.workload.Workload;

/**
 * Over random, self-consistent constraint sets on the Eyeriss-like design, every candidate any mapper proposes is
 * inside the space, and every best mapping obeys every constraint, checked on the mapping record independently of
 * the mapspace's own bookkeeping. Seeded; a failure names its trial.
 */
class ConstraintPropertiesTest {
    static final long SEED = 77;
    static final int TRIALS = 40;

    @Test
    void constraintsAreNeverViolated() {
        Library lib = Frontend.load(List.of(Path.of("workloads/resnet50.mw"), Path.of("workloads/eyeriss_like.mw")));
        Architecture a = lib.accelerators().get("eyeriss_like");
        List<Workload> layers = List.of(lib.networks().get("resnet50").layer("res3a_branch2b").orElseThrow().workload(),
                lib.networks().get("resnet50").layer("res4a_branch1").orElseThrow().workload(),
                lib.networks().get("resnet50").layer("conv1").orElseThrow().workload());
        SplittableRandom root = new SplittableRandom(SEED);
        int searched = 0;
        int checked = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            SplittableRandom rnd = root.split();
            Workload w = layers.get(trial % layers.size());
            Constraints c = randomConstraints(w, a, rnd);
            Mapspace space;
            try {
                space = new Mapspace(w, a, c);
            } catch (NoLegalMappingException e) {
                continue;
            }
            for (String m : List.of("random", "anneal", "genetic", "default")) {
                SearchResult r = SearchDriver.run(space, checking(space, m), SearchDriver.Settings.of(Objective.EDP,
                        Budget.evaluations(1500), trial));
                if (r.found()) {
                    check(r.bestMapping().orElseThrow(), w, a, c, "trial " + trial + " (seed " + SEED + "), " + m + ": " + c);
                    checked++;
                }
            }
            searched++;
        }
        assertTrue(searched >= TRIALS / 2, "too few satisfiable constraint sets: " + searched);
        assertTrue(checked >= TRIALS, "too few searches found a mapping to check: " + checked);
    }

    /** Wraps a mapper so that every candidate it asks to evaluate is checked to be inside the space. */
    static MapperProvider checking(Mapspace space, String name) {
        MapperProvider inner = Mappers.byName(name);
        return new MapperProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "checked " + name;
            }

            @Override
            public Mapper create() {
                Mapper m = inner.create();
                return new Mapper() {
                    @Override
                    public void init(SearchContext ctx) {
                        m.init(ctx);
                    }

                    @Override
                    public MapPoint ask() {
                        MapPoint p = m.ask();
                        assertTrue(p == null || space.admits(p), name + " proposed a point outside the space");
                        return p;
                    }

                    @Override
                    public void tell(MapPoint p, Outcome o) {
                        m.tell(p, o);
                    }
                };
            }
        };
    }

    static Constraints randomConstraints(Workload w, Architecture a, SplittableRandom rnd) {
        Map<String, Map<String, FactorRule>> temporal = new HashMap<>();
        Map<String, Map<String, FactorRule>> spatial = new HashMap<>();
        for (Dim d : w.dims()) {
            long rest = w.bound(d);
            for (int k = 0; k < 2 && rest > 1; k++) {
                int l = rnd.nextInt(a.levelCount());
                boolean sp = rnd.nextBoolean() && a.level(l).fanout().size() > 1;
                Map<String, FactorRule> target = (sp ? spatial : temporal).computeIfAbsent(a.level(l).name(), x -> new HashMap<>());
                if (target.containsKey(d.name())) {
                    continue;
                }
                int kind = rnd.nextInt(4);
                if (kind == 0) {
                    long f = divisor(rest, rnd);
                    target.put(d.name(), FactorRule.fixed(f));
                    rest /= f;
                } else if (kind == 1) {
                    target.put(d.name(), FactorRule.atMost(1 + rnd.nextInt(8)));
                }
            }
        }
        Map<String, LevelConstraints> levels = new LinkedHashMap<>();
        for (int l = 0; l < a.levelCount(); l++) {
            String name = a.level(l).name();
            Map<String, Axis> axes = new HashMap<>();
            if (a.level(l).fanout().x() > 1 && a.level(l).fanout().y() > 1) {
                for (Dim d : w.dims()) {
                    if (rnd.nextInt(3) == 0) {
                        axes.put(d.name(), rnd.nextBoolean() ? Axis.X : Axis.Y);
                    }
                }
            }
            Optional<List<String>> order = Optional.empty();
            if (rnd.nextInt(3) == 0) {
                List<String> dims = new ArrayList<>(w.dims().stream().map(Dim::name).toList());
                java.util.Collections.shuffle(dims, new java.util.Random(rnd.nextLong()));
                order = Optional.of(dims.subList(0, 1 + rnd.nextInt(3)));
            }
            Set<String> keep = new LinkedHashSet<>();
            Set<String> bypass = new LinkedHashSet<>();
            if (l > 0) {
                for (var t : w.tensors()) {
                    int choice = rnd.nextInt(4);
                    if (choice == 0 && a.level(l).mayKeep(t.name())) {
                        keep.add(t.name());
                    } else if (choice == 1) {
                        bypass.add(t.name());
                    }
                }
            }
            levels.put(name, new LevelConstraints(temporal.getOrDefault(name, Map.of()), spatial.getOrDefault(name, Map.of()),
                    axes, false, order, keep, bypass));
        }
        return new Constraints(levels, rnd.nextInt(4) == 0 ? 0.05 : 0);
    }

    private static long divisor(long n, SplittableRandom rnd) {
        List<Long> ds = new ArrayList<>();
        for (long f = 1; f <= n; f++) {
            if (n % f == 0) {
                ds.add(f);
            }
        }
        return ds.get(rnd.nextInt(ds.size()));
    }

    /** Checks a mapping against the constraints directly. */
    static void check(Mapping m, Workload w, Architecture a, Constraints c, String where) {
        Evaluation e = new AnalyticalModel(w, a).evaluate(m);
        assertTrue(e.valid(), where);
        assertTrue(e.utilizedComputeInstances() >= c.minUtilization() * a.computeInstances() - 1e-9, where);
        for (int l = 0; l < a.levelCount(); l++) {
            StorageLevel s = a.level(l);
            LevelConstraints lc = c.level(s.name());
            LevelMapping lm = m.level(l);
            for (Dim d : w.dims()) {
                rule(lc.temporal().get(d.name()), lm.temporalFactor(d), w.bound(d), where + " temporal " + d + " at " + s.name());
                long sp = lm.spatialXFactor(d) * lm.spatialYFactor(d);
                rule(lc.spatial().get(d.name()), sp, w.bound(d), where + " spatial " + d + " at " + s.name());
                Axis ax = lc.axes().get(d.name());
                if (ax == Axis.X) {
                    assertTrue(lm.spatialYFactor(d) == 1, where + ": " + d + " must use X at " + s.name());
                }
                if (ax == Axis.Y) {
                    assertTrue(lm.spatialXFactor(d) == 1, where + ": " + d + " must use Y at " + s.name());
                }
            }
            for (String t : lc.keep()) {
                assertTrue(lm.keep().stream().anyMatch(x -> x.name().equals(t)), where + ": " + s.name() + " must keep " + t);
            }
            for (String t : lc.bypass()) {
                assertTrue(lm.keep().stream().noneMatch(x -> x.name().equals(t)), where + ": " + s.name() + " must bypass " + t);
            }
            if (lc.innerOrder().isPresent()) {
                List<String> inner = lc.innerOrder().get();
                List<String> loops = lm.temporal().stream().filter(x -> x.factor() > 1).map(x -> x.dim().name()).toList();
                // listed dims with factors above 1 are the innermost loops, innermost first in the listed order
                List<String> listed = inner.stream().filter(loops::contains).toList();
                for (int i = 0; i < listed.size(); i++) {
                    assertTrue(loops.get(loops.size() - 1 - i).equals(listed.get(i)), where + ": order at " + s.name() + " " + loops);
                }
            }
        }
    }

    private static void rule(FactorRule r, long actual, long bound, String where) {
        if (r instanceof FactorRule.Fixed f) {
            assertTrue(actual == Math.min(f.value(), bound), where + " must be " + f.value() + ", is " + actual);
        } else if (r instanceof FactorRule.Whole) {
            assertTrue(actual == bound, where + " must be whole, is " + actual);
        } else if (r instanceof FactorRule.AtMost mx) {
            assertTrue(actual <= mx.value(), where + " must be at most " + mx.value() + ", is " + actual);
        }
    }

}
