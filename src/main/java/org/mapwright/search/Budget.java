package org.mapwright.search;

/**
 * When a search stops; the first limit reached wins, and 0 means no limit.
 *
 * @param evaluations  candidates evaluated in all, over all threads (each thread gets an equal share); with an
 *                     expensive cost oracle, true evaluations (cache hits are free: {@link SearchDriver})
 * @param seconds      wall-clock seconds
 * @param victory      per thread, consecutive valid evaluations that do not improve its best (Timeloop's
 *                     victory condition)
 * @param invalidStreak per thread, consecutive invalid candidates (Timeloop's timeout)
 */
public record Budget(long evaluations, double seconds, long victory, long invalidStreak) {
    public Budget {
        if (evaluations < 0 || seconds < 0 || victory < 0 || invalidStreak < 0) {
            throw new IllegalArgumentException("Budget limits must not be negative.");
        }
        if (evaluations == 0 && seconds == 0 && victory == 0) {
            throw new IllegalArgumentException("A search needs a budget: evaluations, seconds or a victory condition.");
        }
    }

    public static Budget evaluations(long n) {
        return new Budget(n, 0, 0, 0);
    }

    public static Budget seconds(double s) {
        return new Budget(0, s, 0, 0);
    }
}
