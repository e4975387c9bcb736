package org.mapwright.archsearch;

import java.util.List;

/**
 * An ask/tell search over the unit cube: the driver asks for a generation of points, evaluates them (in parallel,
 * or on another executor) and tells the strategy their fitness. A strategy is deterministic given its seed and the
 * fitness values it is told, so a run can be replayed from recorded fitness values (which is how a search resumes
 * from its checkpoint).
 */
public interface Strategy {

    /** The next generation: points with every coordinate in [0, 1]. */
    List<double[]> ask();

    /**
     * The fitness of each point of the last {@link #ask}, in the same order; lower is better and only the order of
     * the values matters.
     */
    void tell(List<double[]> asked, double[] fitness);
}
