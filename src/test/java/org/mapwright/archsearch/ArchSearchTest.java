package org.mapwright.archsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.arch.Architecture;
import org.mapwright.diag.InputException;
import org.mapwright.dsl.Frontend;

/** The outer loop on a synthetic space whose designs are cells of a grid and whose "EDP" is a known function. */
class ArchSearchTest {
    private static final Architecture ANY = Frontend.loadBuiltin("simple_ws.mw").accelerators().get("simple_ws");
    private static final int CELLS = 16;

    /** Four coordinates, each cut into 16 cells; cell sums above 40 break a "limit". */
    private static final DesignSpace GRID = new DesignSpace() {
        @Override
        public String name() {
            return "grid";
        }

        @Override
        public int dimensions() {
            return 4;
        }

        @Override
        public Design decode(double[] u) {
            int[] c = new int[4];
            int sum = 0;
            for (int i = 0; i < 4; i++) {
                c[i] = Math.min(CELLS - 1, (int) Math.floor(u[i] * CELLS));
                sum += c[i];
            }
            double violation = Math.max(0, (sum - 40) / 40.0);
            return new Design(java.util.Arrays.toString(c), ANY, violation,
                    violation > 0 ? List.of("cell sum " + sum + " > 40") : List.of(), sum, sum, sum);
        }
    };

    /** EDP minimal at cells (3, 12, 7, 9), one cell type unmappable. */
    private static final Function<Design, Scored> COSTER = d -> {
        int[] c = java.util.Arrays.stream(d.key().replaceAll("[\\[\\] ]", "").split(",")).mapToInt(Integer::parseInt).toArray();
        if (c[0] == 15) {
            return new Scored(d.key(), 0, List.of("layer x has no legal mapping"), Double.NaN, 0, Double.NaN,
                    d.areaMm2(), d.computeUnits(), d.onChipBytes());
        }
        double e = 1 + Math.pow(c[0] - 3, 2) + Math.pow(c[1] - 12, 2) + Math.pow(c[2] - 7, 2) + Math.pow(c[3] - 9, 2);
        return new Scored(d.key(), 0, List.of(), e * 1e6, 1000, e * 1e-3, d.areaMm2(), d.computeUnits(), d.onChipBytes());
    };

    private static ArchSearch.Settings settings(String strategy, long budget) {
        return new ArchSearch.Settings(Strategies.byName(strategy), 10, budget, 0, 7);
    }

    @Test
    void cmaesFindsTheOptimumCellAndBeatsRandomSearch() {
        ArchSearch.Run es = ArchSearch.run(GRID, COSTER, settings("cmaes", 600), new LocalExecutor(1), Optional.empty(),
                "f", ArchSearch.Listener.NONE);
        ArchSearch.Run rnd = ArchSearch.run(GRID, COSTER, settings("random", 600), new LocalExecutor(1), Optional.empty(),
                "f", ArchSearch.Listener.NONE);
        assertEquals("[3, 12, 7, 9]", es.best().orElseThrow().key());
        assertTrue(es.best().get().edp() < rnd.best().orElseThrow().edp() || rnd.best().get().key().equals("[3, 12, 7, 9]"));
        assertEquals(600, es.evaluated());
        assertTrue(es.distinct() < 600, "repeated cells are scored once: " + es.distinct());
        double[] curve = es.bestPerGeneration();
        for (int g = 1; g < curve.length; g++) {
            assertTrue(!(curve[g] > curve[g - 1]), "best-so-far never rises");
        }
    }

    @Test
    void threadsDoNotChangeTheResult() {
        ArchSearch.Run one = ArchSearch.run(GRID, COSTER, settings("cmaes", 200), new LocalExecutor(1), Optional.empty(),
                "f", ArchSearch.Listener.NONE);
        ArchSearch.Run two = ArchSearch.run(GRID, COSTER, settings("cmaes", 200), new LocalExecutor(2), Optional.empty(),
                "f", ArchSearch.Listener.NONE);
        assertEquals(keys(one), keys(two));
    }

    @Test
    void aKilledSearchResumesToTheSameResult(@TempDir Path dir) {
        Path cp = dir.resolve("checkpoint.json");
        ArchSearch.Run whole = ArchSearch.run(GRID, COSTER, settings("cmaes", 300), new LocalExecutor(1), Optional.empty(),
                "f", ArchSearch.Listener.NONE);
        ArchSearch.Listener killer = new ArchSearch.Listener() {
            @Override
            public void generation(int g, List<Scored> s, Optional<Scored> b, long n, double sec, boolean replayed) {
                if (g == 12) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> ArchSearch.run(GRID, COSTER, settings("cmaes", 300),
                new LocalExecutor(1), Optional.of(cp), "f", killer));
        assertTrue(Files.exists(cp));
        AtomicInteger scoredAgain = new AtomicInteger();
        Function<Design, Scored> counting = d -> {
            scoredAgain.incrementAndGet();
            return COSTER.apply(d);
        };
        ArchSearch.Run resumed = ArchSearch.run(GRID, counting, settings("cmaes", 300), new LocalExecutor(2),
                Optional.of(cp), "f", ArchSearch.Listener.NONE);
        assertEquals(13, resumed.resumed());
        assertEquals(keys(whole), keys(resumed));
        assertEquals(whole.best().orElseThrow(), resumed.best().orElseThrow());
        assertTrue(scoredAgain.get() < whole.distinct(), "replayed generations are not scored again");
    }

    @Test
    void aCheckpointOfAnotherSearchIsRefused(@TempDir Path dir) throws Exception {
        Path cp = dir.resolve("checkpoint.json");
        ArchSearch.run(GRID, COSTER, settings("cmaes", 50), new LocalExecutor(1), Optional.of(cp), "f",
                ArchSearch.Listener.NONE);
        InputException other = assertThrows(InputException.class, () -> ArchSearch.run(GRID, COSTER,
                settings("cmaes", 50), new LocalExecutor(1), Optional.of(cp), "another", ArchSearch.Listener.NONE));
        assertTrue(other.getMessage().contains("another search"), other.getMessage());
        ArchSearch.Settings otherSeed = new ArchSearch.Settings(Strategies.byName("cmaes"), 10, 50, 0, 8);
        InputException replay = assertThrows(InputException.class, () -> ArchSearch.run(GRID, COSTER, otherSeed,
                new LocalExecutor(1), Optional.of(cp), "f", ArchSearch.Listener.NONE));
        assertTrue(replay.getMessage().contains("not what this search asks for"), replay.getMessage());
        Files.writeString(cp, "{ not json");
        InputException bad = assertThrows(InputException.class, () -> ArchSearch.run(GRID, COSTER,
                settings("cmaes", 50), new LocalExecutor(1), Optional.of(cp), "f", ArchSearch.Listener.NONE));
        assertTrue(bad.getMessage().contains("delete it"), bad.getMessage());
    }

    @Test
    void infeasibleDesignsAreNeverBestAndRankBelowFeasibleOnes() {
        ArchSearch.Run r = ArchSearch.run(GRID, COSTER, settings("random", 400), new LocalExecutor(1), Optional.empty(),
                "f", ArchSearch.Listener.NONE);
        assertTrue(r.all().stream().anyMatch(s -> s.violation() > 0), "the grid has cells beyond the limit");
        assertTrue(r.all().stream().anyMatch(s -> s.violation() == 0 && !s.feasible()), "and unmappable cells");
        double worstFeasible = r.all().stream().filter(Scored::feasible).mapToDouble(Scored::fitness).max().orElseThrow();
        double bestInfeasible = r.all().stream().filter(s -> !s.feasible()).mapToDouble(Scored::fitness).min().orElseThrow();
        assertTrue(worstFeasible < bestInfeasible);
        assertTrue(r.best().orElseThrow().feasible());
    }

    @Test
    void paretoFrontIsMutuallyNonDominated() {
        ArchSearch.Run r = ArchSearch.run(GRID, COSTER, settings("random", 300), new LocalExecutor(1), Optional.empty(),
                "f", ArchSearch.Listener.NONE);
        List<Scored> front = Pareto.front(r.all());
        assertTrue(front.size() >= 2);
        for (Scored s : r.all()) {
            if (!s.feasible()) {
                continue;
            }
            for (Scored f : front) {
                assertTrue(!(s.areaMm2() < f.areaMm2() && s.edp() < f.edp()), s.key() + " dominates front point " + f.key());
            }
        }
    }

    private static List<String> keys(ArchSearch.Run r) {
        return r.all().stream().map(Scored::key).toList();
    }
}
