package org.mapwright.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.mapwright.search.CostOracleProvider;
import org.mapwright.search.CostOracles;
import org.mapwright.search.OracleOptions;
import org.mapwright.search.Budget;

/**
 * What a benchmark compares and how: every mapper, at its default settings, on every layer and seed, with the same
 * budget and thread count.
 *
 * @param mappers  the mappers' names, in the order reports list them
 * @param budget   each search's budget; it must count evaluations so that every mapper gets the same number of
 *                 true evaluations (a time limit may be added: then they also get the same wall time)
 * @param seeds    searches per (mapper, layer), each with its own seed
 * @param rootSeed the seed every search's seed derives from
 * @param threads  threads per search
 */
public record BenchConfig(List<String> mappers, Budget budget, int seeds, long rootSeed, int threads,
                          CostOracleProvider oracle, OracleOptions oracleOptions) {

    /** With the analytical model as the oracle. */
    public BenchConfig(List<String> mappers, Budget budget, int seeds, long rootSeed, int threads) {
        this(mappers, budget, seeds, rootSeed, threads, CostOracles.analytical(), OracleOptions.DEFAULT);
    }

    /** This configuration with another list of mappers. */
    public BenchConfig withMappers(List<String> names) {
        return new BenchConfig(names, budget, seeds, rootSeed, threads, oracle, oracleOptions);
    }

    public BenchConfig {
        mappers = List.copyOf(mappers);
        Objects.requireNonNull(budget, "budget");
        if (mappers.isEmpty()) {
            throw new IllegalArgumentException("A benchmark needs at least one mapper.");
        }
        if (new HashSet<>(mappers).size() != mappers.size()) {
            throw new IllegalArgumentException("A benchmark lists a mapper twice: " + mappers + "; give each once.");
        }
        if (budget.evaluations() < 1) {
            throw new IllegalArgumentException("A benchmark needs an evaluation budget, so that every mapper gets the "
                    + "same number of true evaluations.");
        }
        if (budget.victory() != 0 || budget.invalidStreak() != 0) {
            throw new IllegalArgumentException("A benchmark stops searches only at its evaluation or time budget, so "
                    + "that no mapper stops early; the budget has a victory condition or an invalid streak.");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("A benchmark needs at least one seed, got " + seeds + ".");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("A search needs at least one thread, got " + threads + ".");
        }
    }
}
