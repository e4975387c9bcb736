package org.mapwright.search;

/** Receives periodic progress of a running search (from the thread that runs the search's first worker). */
public interface ProgressListener {

    ProgressListener NONE = (evaluations, budget, seconds, best) -> { };

    /**
     * @param evaluations evaluated so far (first worker's count times the thread count, an estimate), in what the
     *                    budget counts: candidates, or true evaluations with an expensive cost oracle
     * @param budget      the evaluation budget, 0 when there is none
     * @param seconds     elapsed seconds
     * @param best        best primary metric so far (infinity before the first valid mapping)
     */
    void progress(long evaluations, long budget, double seconds, double best);
}
