package org.mapwright.search;

import org.mapwright.mapspace.MapPoint;

/**
 * Says what a mapping costs: the analytical model, Timeloop, a simulator, measured hardware. The search driver opens
 * one oracle per search thread ({@link CostOracleProvider#open}) and closes it when the search ends, so an oracle
 * need not be thread-safe; oracles of one search run in parallel, each on its own thread.
 *
 * <p>An oracle that is {@link #expensive()} gets more from the driver: an exact cache shared by all threads (a point
 * already evaluated by any thread is not evaluated again), and the evaluation and time budgets checked before every
 * call instead of every few hundred. A cheap oracle is called for every candidate and may keep a cache of its own,
 * whose hits it reports through {@link #cacheHits()}.
 */
public interface CostOracle extends AutoCloseable {

    /**
     * The cost of the mapping {@code p} describes, or the reason it cannot run. The oracle only reads {@code p},
     * and only during the call.
     *
     * @throws RuntimeException with a full sentence when the oracle itself fails (a crashed or hung tool); the
     *                          search then stops with that error
     */
    Outcome evaluate(MapPoint p);

    /** Whether a call costs far more than a cache lookup (milliseconds or more), so that the driver caches for it. */
    boolean expensive();

    /** Calls answered from the oracle's own cache so far (0 for an oracle without one). */
    default long cacheHits() {
        return 0;
    }

    /** Releases what the oracle holds (temporary files, processes); the default holds nothing. */
    @Override
    default void close() {
    }
}
