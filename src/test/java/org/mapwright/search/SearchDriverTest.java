package org.mapwright.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.Sampler;
import org.mapwright.testing.Tiny;

/** The driver's side of the ask/tell protocol, tested with a scripted mapper. */
class SearchDriverTest {

    /** Proposes random points; records what it is told; stops after {@code limit} asks. */
    static final class Scripted implements Mapper {
        final int limit;
        final List<Outcome> told = new ArrayList<>();
        int asked;
        Sampler sampler;
        MapPoint p;
        SplittableRandom rnd;

        Scripted(int limit) {
            this.limit = limit;
        }

        @Override
        public void init(SearchContext ctx) {
            sampler = new Sampler(ctx.space());
            p = ctx.space().newPoint();
            rnd = ctx.random();
        }

        @Override
        public MapPoint ask() {
            if (asked == limit) {
                return null;
            }
            asked++;
            sampler.uniform(p, rnd);
            return p;
        }

        @Override
        public void tell(MapPoint c, Outcome o) {
            told.add(o);
        }
    }

    static MapperProvider provider(List<Scripted> made, int limit) {
        return new MapperProvider() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public String description() {
                return "test";
            }

            @Override
            public Mapper create() {
                Scripted s = new Scripted(limit);
                made.add(s);
                return s;
            }
        };
    }

    static Mapspace space() {
        return new Mapspace(Tiny.conv(8, 6, 3), Tiny.arch(), Constraints.NONE);
    }

    @Test
    void evaluationBudgetIsSplitAcrossThreadsExactly() {
        List<Scripted> made = new ArrayList<>();
        SearchResult r = SearchDriver.run(space(), provider(made, Integer.MAX_VALUE),
                SearchDriver.Settings.of(Objective.EDP, Budget.evaluations(1001), 5).withThreads(2));
        assertEquals(1001, r.evaluations());
        assertEquals(2, made.size());
        assertEquals(501, made.get(0).asked);
        assertEquals(500, made.get(1).asked);
        assertEquals(1001, made.get(0).told.size() + made.get(1).told.size());
        assertEquals(List.of("evaluation budget", "evaluation budget"), r.stopReasons());
        long invalid = r.rejected().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(r.evaluations(), r.valid() + invalid);
    }

    @Test
    void aMapperThatRunsOutEndsTheSearchAsExhausted() {
        List<Scripted> made = new ArrayList<>();
        SearchResult r = SearchDriver.run(space(), provider(made, 37), SearchDriver.Settings.of(Objective.EDP, Budget.evaluations(1000), 5));
        assertEquals(37, r.evaluations());
        assertTrue(r.exhausted());
    }

    @Test
    void victoryConditionStopsAfterThatManyValidNonImprovingEvaluations() {
        List<Scripted> made = new ArrayList<>();
        SearchResult r = SearchDriver.run(space(), provider(made, Integer.MAX_VALUE),
                SearchDriver.Settings.of(Objective.EDP, new Budget(0, 0, 50, 0), 5));
        assertEquals(List.of("victory condition"), r.stopReasons());
        List<Outcome> told = made.get(0).told;
        int sinceBest = 0;
        double best = Double.POSITIVE_INFINITY;
        for (Outcome o : told) {
            if (o.valid()) {
                if (o.edp() < best) {
                    best = o.edp();
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
            }
        }
        assertEquals(50, sinceBest);
        assertEquals(best, r.bestOutcome().orElseThrow().edp(), 0.0);
    }

    @Test
    void traceImprovesMonotonicallyAndEndsAtTheBest() {
        SearchResult r = SearchDriver.run(space(), provider(new ArrayList<>(), Integer.MAX_VALUE),
                SearchDriver.Settings.of(Objective.EDP, Budget.evaluations(3000), 5).withThreads(2));
        assertFalse(r.trace().isEmpty());
        for (int i = 1; i < r.trace().size(); i++) {
            assertTrue(r.trace().get(i).best() < r.trace().get(i - 1).best());
            assertTrue(r.trace().get(i).evaluations() >= r.trace().get(i - 1).evaluations());
        }
        assertEquals(r.bestOutcome().orElseThrow().edp(), r.trace().get(r.trace().size() - 1).best(), 0.0);
        assertEquals(r.bestOutcome().orElseThrow().edp(), r.bestWithin(r.evaluations()), 0.0);
    }

    @Test
    void objectivesParseAndRankLexicographically() {
        assertEquals(List.of(Metric.DELAY, Metric.ENERGY), Objective.parse("delay, energy").metrics());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Objective.parse("edp,latency"));
        assertEquals("Unknown metric `latency`; the metrics are edp, energy and delay.", e.getMessage());
        Objective o = Objective.parse("delay,energy");
        Outcome fastCostly = new Outcome(Outcome.Status.VALID, -1, 10, 5, false);
        Outcome fastCheap = new Outcome(Outcome.Status.VALID, -1, 8, 5, false);
        Outcome slow = new Outcome(Outcome.Status.VALID, -1, 1, 6, false);
        Outcome invalid = new Outcome(Outcome.Status.CAPACITY, 1, 0, 0, false);
        assertTrue(o.compare(fastCheap, fastCostly) < 0);
        assertTrue(o.compare(fastCostly, slow) < 0);
        assertTrue(o.compare(slow, invalid) < 0);
        assertTrue(Objective.EDP.compare(slow, fastCheap) < 0);
        assertEquals(Double.POSITIVE_INFINITY, Objective.EDP.score(invalid));
    }
}
