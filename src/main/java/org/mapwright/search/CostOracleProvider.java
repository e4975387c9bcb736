package org.mapwright.search;

import org.mapwright.mapspace.Mapspace;

/**
 * Opens cost oracles of one kind; found through {@link java.util.ServiceLoader}, so new oracles plug in by listing
 * their provider in {@code META-INF/services/org.mapwright.search.CostOracleProvider}.
 */
public interface CostOracleProvider {

    /** The name users give, such as {@code timeloop}. */
    String name();

    /** One line for {@code --help} and errors. */
    String description();

    /**
     * An oracle for the points of {@code space}, for one thread.
     *
     * @throws IllegalArgumentException with a full sentence when the options do not let it run (a tool it needs is
     *                                  missing, say) or the mapspace's accelerator cannot be expressed to it
     */
    CostOracle open(Mapspace space, OracleOptions options);
}
