package org.mapwright.bench;

import java.util.List;
import java.util.Objects;
import org.mapwright.search.TracePoint;

/**
 * One search of a benchmark: one mapper on one layer with one seed.
 *
 * @param layer       the layer's name
 * @param mapper      the mapper's name
 * @param seedIndex   which of the benchmark's seeds, from 0
 * @param seed        the search's own seed (derived from the root seed, the seed index and the layer's place in the
 *                    network; see {@link MapperBench#searchSeed})
 * @param bestEdp     the best EDP found in J x cycles, +infinity when no valid mapping was found
 * @param evaluations true evaluations, as the budget counts them (over all threads, cache hits included)
 * @param valid       of which valid
 * @param cacheHits   of which answered from the search's evaluation cache
 * @param seconds     wall-clock seconds of the search
 * @param trace       the improvements of the best EDP during the search
 */
public record Run(String layer, String mapper, int seedIndex, long seed, double bestEdp, long evaluations, long valid,
                  long cacheHits, double seconds, List<TracePoint> trace) {
    public Run {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(mapper, "mapper");
        trace = List.copyOf(trace);
        if (!(bestEdp >= 0)) {
            throw new IllegalArgumentException("A run's best EDP must be non-negative or infinite, got " + bestEdp + ".");
        }
        if (seedIndex < 0 || evaluations < 0 || valid < 0 || valid > evaluations || cacheHits < 0 || !(seconds >= 0)) {
            throw new IllegalArgumentException("A run's counts and seconds must be non-negative (valid at most "
                    + "evaluations), got seed index " + seedIndex + ", " + evaluations + " evaluations, " + valid
                    + " valid, " + cacheHits + " cache hits, " + seconds + " s.");
        }
    }

    /** Whether the search found a valid mapping. */
    public boolean found() {
        return bestEdp < Double.POSITIVE_INFINITY;
    }
}
