package org.mapwright.search;

/**
 * One improvement of the best-so-far, for convergence plots.
 *
 * @param evaluations candidates evaluated by then, over all threads; with an expensive cost oracle, true evaluations
 *                    (oracle calls), as the budget counts them
 * @param valid       of which valid
 * @param seconds     wall-clock seconds since the search began
 * @param best        the primary metric of the new best
 */
public record TracePoint(long evaluations, long valid, double seconds, double best) {
}
