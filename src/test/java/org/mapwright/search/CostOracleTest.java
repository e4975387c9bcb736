package org.mapwright.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.Sampler;

/**
 * The driver's side of the cost-oracle protocol, with fake oracles: discovery by name, the analytical default, and
 * for expensive oracles the shared exact cache, budgets in true evaluations and seconds checked before every call,
 * parallel calls, and failures that stop the search.
 */
class CostOracleTest {

    /** An expensive oracle that answers with the analytical model after {@code millis}, counting calls per mapping. */
    static final class Slow implements CostOracle {
        final PointEvaluator model;
        final long millis;
        final Map<MapPoint.Key, AtomicInteger> calls;
        final Function<Integer, RuntimeException> failOnCall;
        final AtomicInteger total;
        boolean closed;

        Slow(Mapspace space, long millis, Map<MapPoint.Key, AtomicInteger> calls, AtomicInteger total,
             Function<Integer, RuntimeException> failOnCall) {
            this.model = new PointEvaluator(space, new AnalyticalModel(space.workload(), space.architecture()), 0);
            this.millis = millis;
            this.calls = calls;
            this.total = total;
            this.failOnCall = failOnCall;
        }

        @Override
        public Outcome evaluate(MapPoint p) {
            calls.computeIfAbsent(p.key(), k -> new AtomicInteger()).incrementAndGet();
            RuntimeException fail = failOnCall.apply(total.incrementAndGet());
            if (fail != null) {
                throw fail;
            }
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OracleException("interrupted", e);
            }
            return model.evaluate(p);
        }

        @Override
        public boolean expensive() {
            return true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Makes {@link Slow} oracles and remembers them. */
    static final class SlowProvider implements CostOracleProvider {
        final long millis;
        final Function<Integer, RuntimeException> failOnCall;
        final Map<MapPoint.Key, AtomicInteger> calls = new ConcurrentHashMap<>();
        final AtomicInteger total = new AtomicInteger();
        final List<Slow> opened = Collections.synchronizedList(new ArrayList<>());

        SlowProvider(long millis, Function<Integer, RuntimeException> failOnCall) {
            this.millis = millis;
            this.failOnCall = failOnCall;
        }

        @Override
        public String name() {
            return "slow";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public CostOracle open(Mapspace space, OracleOptions options) {
            Slow s = new Slow(space, millis, calls, total, failOnCall);
            opened.add(s);
            return s;
        }
    }

    /** Proposes, in a cycle, the distinct points of a small pool, each several times in a row. */
    static MapperProvider pool(int size, int repeats) {
        return new MapperProvider() {
            @Override
            public String name() {
                return "pool";
            }

            @Override
            public String description() {
                return "test";
            }

            @Override
            public Mapper create() {
                return new Mapper() {
                    final List<MapPoint> points = new ArrayList<>();
                    int asked;

                    @Override
                    public void init(SearchContext ctx) {
                        Sampler s = new Sampler(ctx.space());
                        SplittableRandom rnd = new SplittableRandom(42); // every thread proposes the same pool
                        java.util.Set<MapPoint.Key> seen = new java.util.HashSet<>();
                        for (int i = 0; i < 100 * size && points.size() < size; i++) {
                            MapPoint p = ctx.space().newPoint();
                            s.uniform(p, rnd);
                            if (seen.add(p.key())) {
                                points.add(p);
                            }
                        }
                    }

                    @Override
                    public MapPoint ask() {
                        return points.get(asked++ / repeats % size);
                    }

                    @Override
                    public void tell(MapPoint candidate, Outcome outcome) {
                    }
                };
            }
        };
    }

    private static SearchDriver.Settings settings(Budget b, int threads, CostOracleProvider o) {
        return SearchDriver.Settings.of(Objective.EDP, b, 3).withThreads(threads).withOracle(o, OracleOptions.DEFAULT);
    }

    @Test
    void oraclesAreFoundByNameAndAnUnknownNameListsThem() {
        assertEquals(List.of("analytical", "timeloop"), List.copyOf(CostOracles.all().keySet()));
        assertEquals("analytical", CostOracles.byName("analytical").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostOracles.byName("spice"));
        assertEquals("Unknown cost oracle `spice`; the oracles are analytical, timeloop.", e.getMessage());
        assertSame(CostOracles.analytical(), SearchDriver.Settings.of(Objective.EDP, Budget.evaluations(1), 1).oracle());
    }

    @Test
    void theAnalyticalOracleByNameGivesTheDefaultSearch() {
        Mapspace space = SearchDriverTest.space();
        SearchResult byDefault = SearchDriver.run(space, Mappers.byName("anneal"),
                SearchDriver.Settings.of(Objective.EDP, Budget.evaluations(3000), 9).withThreads(2));
        SearchResult named = SearchDriver.run(space, Mappers.byName("anneal"), SearchDriver.Settings.of(Objective.EDP,
                Budget.evaluations(3000), 9).withThreads(2).withOracle(CostOracles.byName("analytical"), OracleOptions.DEFAULT));
        assertEquals(byDefault.best(), named.best());
        assertEquals(byDefault.evaluations(), named.evaluations());
        assertEquals(byDefault.cacheHits(), named.cacheHits());
        assertTrue(byDefault.cacheHits() > 0, "the analytical oracle's own cache answered nothing");
    }

    @Test
    void cacheHitsAreNotTrueEvaluationsAndTheBudgetCountsTrueOnes() {
        SlowProvider slow = new SlowProvider(0, n -> null);
        SearchResult r = SearchDriver.run(SearchDriverTest.space(), pool(100, 3), settings(Budget.evaluations(7), 1, slow));
        assertEquals(7, r.trueEvaluations());
        assertEquals(7, slow.total.get());
        // each point is asked three times in a row: the budget of 7 calls stops the search before the 7th point's repeats
        assertEquals(19, r.evaluations());
        assertEquals(12, r.cacheHits());
        assertEquals(List.of("evaluation budget"), r.stopReasons());
        assertTrue(r.trace().stream().allMatch(t -> t.evaluations() <= 7), "the trace counts true evaluations");
    }

    @Test
    void threadsShareOneExactCacheAndNeverEvaluateAPointTwice() {
        SlowProvider slow = new SlowProvider(3, n -> null);
        SearchResult r = SearchDriver.run(SearchDriverTest.space(), pool(40, 1), settings(Budget.evaluations(1000), 2, slow));
        assertEquals(2, slow.opened.size());
        assertEquals(0, slow.calls.values().stream().filter(c -> c.get() > 1).count(), "points evaluated twice");
        assertEquals(slow.calls.size(), r.trueEvaluations());
        assertEquals(r.evaluations() - slow.calls.size(), r.cacheHits());
        // the pool repeats forever, so both threads end on the hit streak, not the budget
        assertEquals(List.of("no new candidates", "no new candidates"), r.stopReasons());
        assertTrue(slow.opened.stream().allMatch(o -> o.closed));
    }

    @Test
    void theTimeBudgetIsCheckedBeforeEveryCall() {
        SlowProvider slow = new SlowProvider(40, n -> null);
        SearchResult r = SearchDriver.run(SearchDriverTest.space(), pool(100, 1), settings(Budget.seconds(0.2), 1, slow));
        assertEquals(List.of("time budget"), r.stopReasons());
        // 0.2 s of 40 ms calls is 5 calls, one more at most if the clock is read just before the deadline
        assertTrue(r.trueEvaluations() <= 6, () -> r.trueEvaluations() + " calls");
        assertTrue(r.seconds() < 1, () -> r.seconds() + " s");
    }

    @Test
    void anOracleFailureStopsTheSearchWithItsMessageAndClosesEveryOracle() {
        SlowProvider slow = new SlowProvider(2, n -> n == 5 ? new OracleException("The tool fell over.") : null);
        OracleException e = assertThrows(OracleException.class, () -> SearchDriver.run(SearchDriverTest.space(),
                pool(100, 1), settings(Budget.evaluations(100), 2, slow)));
        assertEquals("The tool fell over.", e.getMessage());
        assertEquals(2, slow.opened.size());
        assertTrue(slow.opened.stream().allMatch(o -> o.closed));
    }

    @Test
    void optionsRefuseNonsense() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OracleOptions.DEFAULT.withCallTimeout(0));
        assertEquals("The call timeout must be a positive number of seconds, got 0.0.", e.getMessage());
    }
}
