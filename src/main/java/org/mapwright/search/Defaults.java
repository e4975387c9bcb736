package org.mapwright.search;

/** Settings a search uses when the user gives none; the reference comparison in bench/ is run with these. */
public final class Defaults {
    private Defaults() {
    }

    /** The default mapper. */
    public static final String MAPPER = "default";

    /** The default root seed. */
    public static final long SEED = 1;

    /**
     * The default budget for one layer: stop after this many evaluations in all, or when each thread has gone
     * this many valid evaluations without improving, or after this many invalid ones in a row.
     */
    public static Budget budget() {
        return new Budget(400_000, 0, 10_000, 100_000);
    }

    /**
     * The default budget for one layer with an expensive cost oracle, such as Timeloop at tens of milliseconds a
     * call: 1,000 true evaluations in all, or 100,000 invalid candidates in a row on a thread.
     */
    public static Budget expensiveBudget() {
        return new Budget(1_000, 0, 0, 100_000);
    }

    /** Threads: every available processor. */
    public static int threads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
