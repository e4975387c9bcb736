package org.mapwright.archsearch;

/**
 * What the search needs of a space of accelerators: a length of the real encoding and a decoding of any point of
 * the unit cube into a {@link Design}.
 */
public interface DesignSpace {

    /** The space's name, for reports. */
    String name();

    /** Coordinates of a point. */
    int dimensions();

    /** The design at {@code point} (every coordinate in [0, 1]); deterministic. */
    Design decode(double[] point);
}
