package org.mapwright.archsearch;

/**
 * Makes {@link Strategy} instances; providers are found with {@link java.util.ServiceLoader} (see
 * {@link Strategies}), so a new search strategy plugs in without changing the driver.
 */
public interface StrategyProvider {

    /** The name users select the strategy by, such as {@code cmaes}. */
    String name();

    /** One line on what the strategy does, for help texts. */
    String description();

    /**
     * A new strategy.
     *
     * @param dimensions length of every point
     * @param population points per generation
     * @param seed       the seed of every random choice the strategy makes
     */
    Strategy create(int dimensions, int population, long seed);

    /** A population size suited to this strategy for a space of {@code dimensions} coordinates. */
    default int defaultPopulation(int dimensions) {
        return CmaEs.defaultPopulation(dimensions);
    }
}
