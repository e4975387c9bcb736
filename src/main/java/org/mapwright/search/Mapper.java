package org.mapwright.search;

import org.mapwright.mapspace.MapPoint;

/**
 * An ask/tell search strategy. The driver asks for a candidate, evaluates it and tells the mapper the outcome,
 * until its budget runs out or the mapper has nothing left to propose. One instance serves one thread.
 */
public interface Mapper {

    /** Prepares a search; called once before the first {@link #ask()}. */
    void init(SearchContext ctx);

    /**
     * The next candidate, or null when the mapper has proposed every point it will ever propose (an exhaustive
     * search that has finished). The mapper owns the point; the driver only reads it until {@link #tell}.
     */
    MapPoint ask();

    /** The outcome of the candidate last asked for. */
    void tell(MapPoint candidate, Outcome outcome);
}
