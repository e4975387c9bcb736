package org.mapwright.search;

/**
 * One improvement of the best-so-far, for convergence plots.
 *
 * @param evaluations candidates evaluated by then, over all threads
 * @param seconds     wall-clock seconds since the search began
 * @param best        the primary metric of the new best
 */
public record TracePoint(long evaluations, double seconds, double best) {
}
