package org.mapwright.search;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mapwright.mapping.Mapping;
import org.mapwright.mapspace.MapPoint;

/**
 * The outcome of a search: the best mapping (if any valid one was found), how it was found, and the counts a
 * researcher needs to compare mappers.
 *
 * @param mapper       the mapper's name
 * @param objective    what was minimised
 * @param seed         the root seed
 * @param threads      threads that searched
 * @param best         the best point, if a valid one was found
 * @param bestOutcome  its cost
 * @param bestMapping  the best point as a mapping record
 * @param evaluations  candidates evaluated (cache hits included)
 * @param valid        of which valid
 * @param cacheHits    of which answered from a cache without evaluating them: the cheap oracle's own per-thread
 *                     cache, or the shared cache the driver keeps for an expensive oracle (see
 *                     {@link #trueEvaluations()})
 * @param rejected     invalid candidates by reason
 * @param seconds      wall-clock seconds of the search (model set-up excluded)
 * @param trace        improvements of the best-so-far, counted over all threads in what the evaluation budget counts:
 *                     candidates for a cheap oracle, true evaluations for an expensive one
 * @param stopReasons  why each thread stopped
 * @param exhausted    whether every thread's mapper ran out of candidates (an exhaustive search that finished)
 */
public record SearchResult(String mapper, Objective objective, long seed, int threads, Optional<MapPoint> best,
                           Optional<Outcome> bestOutcome, Optional<Mapping> bestMapping, long evaluations, long valid,
                           long cacheHits, Map<Outcome.Status, Long> rejected, double seconds, List<TracePoint> trace,
                           List<String> stopReasons, boolean exhausted) {

    public SearchResult {
        EnumMap<Outcome.Status, Long> copy = new EnumMap<>(Outcome.Status.class);
        copy.putAll(rejected);
        rejected = java.util.Collections.unmodifiableMap(copy);
        trace = List.copyOf(trace);
        stopReasons = List.copyOf(stopReasons);
    }

    /**
     * Candidates the oracle actually evaluated: {@code evaluations - cacheHits}. For an expensive oracle this is
     * what the evaluation budget counts; for a cheap one the budget counts every candidate, cache hits included.
     */
    public long trueEvaluations() {
        return evaluations - cacheHits;
    }

    public boolean found() {
        return best.isPresent();
    }

    /** The best primary metric reached within the first {@code evaluations} evaluations, or infinity. */
    public double bestWithin(long evaluations) {
        double b = Double.POSITIVE_INFINITY;
        for (TracePoint t : trace) {
            if (t.evaluations() <= evaluations) {
                b = Math.min(b, t.best());
            }
        }
        return b;
    }

    /** The best primary metric reached within the first {@code valid} valid evaluations, or infinity. */
    public double bestWithinValid(long valid) {
        double b = Double.POSITIVE_INFINITY;
        for (TracePoint t : trace) {
            if (t.valid() <= valid) {
                b = Math.min(b, t.best());
            }
        }
        return b;
    }

    /** The most frequent reason candidates were rejected, or empty when none was. */
    public Optional<Outcome.Status> commonestRejection() {
        return rejected.entrySet().stream().filter(e -> e.getValue() > 0).max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }
}
