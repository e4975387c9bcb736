package org.mapwright.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mapwright.mapspace.MapPoint;

/** A cancelled token stops a search on every thread; an uncancelled one changes nothing. */
class CancellationTest {

    /** A scripted mapper that cancels {@code token} at its {@code at}-th ask, counting every ask of all threads. */
    static MapperProvider cancelling(Cancellation token, int at, AtomicInteger asks) {
        return new MapperProvider() {
            @Override
            public String name() {
                return "cancelling";
            }

            @Override
            public String description() {
                return "test";
            }

            @Override
            public Mapper create() {
                Mapper random = new SearchDriverTest.Scripted(Integer.MAX_VALUE);
                return new Mapper() {
                    @Override
                    public void init(SearchContext ctx) {
                        random.init(ctx);
                    }

                    @Override
                    public MapPoint ask() {
                        if (asks.incrementAndGet() == at) {
                            token.cancel();
                        }
                        return random.ask();
                    }

                    @Override
                    public void tell(MapPoint p, Outcome o) {
                        random.tell(p, o);
                    }
                };
            }
        };
    }

    @Test
    void aCancelledSearchStopsSoonOnEveryThreadAndThrows() {
        for (int threads : new int[] {1, 2}) {
            Cancellation token = Cancellation.create();
            AtomicInteger asks = new AtomicInteger();
            SearchDriver.Settings s = SearchDriver.Settings.of(Objective.EDP, Budget.evaluations(1_000_000), 5)
                    .withThreads(threads);
            assertThrows(SearchCancelledException.class,
                    () -> token.call(() -> SearchDriver.run(SearchDriverTest.space(), cancelling(token, 300, asks), s)));
            // each thread notices at its next check, at most 128 candidates later
            assertTrue(asks.get() <= 300 + 128 * threads, threads + " threads asked " + asks.get());
            assertSame(Cancellation.NONE, Cancellation.current(), "the thread's token is restored");
        }
    }

    @Test
    void anUncancelledTokenGivesTheSameResultAsNone() {
        SearchDriver.Settings s = SearchDriver.Settings.of(Objective.EDP, Budget.evaluations(3000), 5).withThreads(2);
        SearchResult plain = SearchDriver.run(SearchDriverTest.space(), SearchDriverTest.provider(new ArrayList<>(),
                Integer.MAX_VALUE), s);
        SearchResult under = Cancellation.create().call(() -> SearchDriver.run(SearchDriverTest.space(),
                SearchDriverTest.provider(new ArrayList<>(), Integer.MAX_VALUE), s));
        assertEquals(plain.bestMapping(), under.bestMapping());
        assertEquals(plain.evaluations(), under.evaluations());
        assertEquals(plain.stopReasons(), under.stopReasons());
    }

    @Test
    void aTokenCancelledBeforehandRunsNothingAndNoneCannotBeCancelled() {
        Cancellation token = Cancellation.create();
        token.cancel();
        List<String> ran = new ArrayList<>();
        assertThrows(SearchCancelledException.class, () -> token.call(() -> ran.add("ran")));
        assertTrue(ran.isEmpty());
        assertTrue(token.cancelled());
        assertFalse(Cancellation.create().cancelled());
        assertThrows(UnsupportedOperationException.class, Cancellation.NONE::cancel);
    }
}
