package org.mapwright.api;

import java.util.Objects;
import org.mapwright.mapspace.Constraints;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.search.Budget;
import org.mapwright.search.Defaults;
import org.mapwright.search.Mappers;
import org.mapwright.search.Objective;

/**
 * How to map: the mapper, its budget of evaluations per layer, the root seed, the search threads, the objective and
 * the constraints every layer is mapped under. {@link #defaults()} are {@code mapwright map}'s.
 *
 * @param mapper      a mapper's name ({@code default}, {@code anneal}, {@code random}, {@code genetic},
 *                    {@code exhaustive}, {@code gradient})
 * @param evaluations evaluations per layer (at least 1)
 * @param seed        the root seed; each layer's seed is split from it by the layer's place in the network
 * @param threads     search threads per layer (results depend on it, as in {@code map})
 * @param objective   what the search minimises, such as {@code edp} or {@code energy,delay}
 * @param constraints the constraints of every layer ({@link Constraints#NONE}: the accelerator's own only)
 */
public record MapOptions(String mapper, long evaluations, long seed, int threads, String objective,
                         Constraints constraints) {
    public MapOptions {
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(constraints, "constraints");
        if (evaluations < 1) {
            throw new IllegalArgumentException("Give at least one evaluation per layer, got " + evaluations + ".");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("Give at least one thread, got " + threads + ".");
        }
        Mappers.byName(mapper);
        Objective.parse(objective);
    }

    /** {@code mapwright map}'s defaults: the default mapper and budget, seed 1, EDP, no constraints, one thread. */
    public static MapOptions defaults() {
        return new MapOptions(Defaults.MAPPER, Defaults.budget().evaluations(), Defaults.SEED, 1, "edp",
                Constraints.NONE);
    }

    public MapOptions withMapper(String m) {
        return new MapOptions(m, evaluations, seed, threads, objective, constraints);
    }

    public MapOptions withEvaluations(long n) {
        return new MapOptions(mapper, n, seed, threads, objective, constraints);
    }

    public MapOptions withSeed(long s) {
        return new MapOptions(mapper, evaluations, s, threads, objective, constraints);
    }

    public MapOptions withThreads(int t) {
        return new MapOptions(mapper, evaluations, seed, t, objective, constraints);
    }

    public MapOptions withObjective(String o) {
        return new MapOptions(mapper, evaluations, seed, threads, o, constraints);
    }

    public MapOptions withConstraints(Constraints c) {
        return new MapOptions(mapper, evaluations, seed, threads, objective, c);
    }

    /** The network mapper's settings for these options (analytical cost model). */
    public NetworkMapper.Settings settings() {
        return NetworkMapper.Settings.defaults().withMapper(Mappers.byName(mapper))
                .withBudget(Budget.evaluations(evaluations)).withSeed(seed).withThreads(threads)
                .withObjective(Objective.parse(objective));
    }
}
