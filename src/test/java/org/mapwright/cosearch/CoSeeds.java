package org.mapwright.cosearch;

/** The co-search's seed rule, for tests outside the package that re-map its answers themselves. */
public final class CoSeeds {
    private CoSeeds() {
    }

    /** The seed of the co-search's exact and final mappers for a root seed ({@link CoExploration#seeds}). */
    public static long mapper(long root) {
        return CoExploration.seeds(root)[1];
    }
}
