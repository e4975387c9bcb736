package org.mapwright.archspace;

import java.util.Objects;

/**
 * The fan-out below one level of an architecture space: a choice of mesh sides and the connectivity of each axis.
 *
 * @param from the level it fans out from (to the next level inward, or to the compute units below the last level)
 * @param x    mesh width choices
 * @param y    mesh height choices
 * @param onX  the dimensions the X axis may unroll
 * @param onY  the dimensions the Y axis may unroll
 */
public record FanoutSpec(String from, Choice<Integer> x, Choice<Integer> y, Connectivity onX, Connectivity onY) {

    /** Largest mesh side. */
    public static final int MAX_SIDE = 1 << 16;

    public FanoutSpec {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(onX, "onX");
        Objects.requireNonNull(onY, "onY");
        for (Choice<Integer> c : java.util.List.of(x, y)) {
            for (int v : c.options()) {
                if (v < 1 || v > MAX_SIDE) {
                    throw new IllegalArgumentException("The fan-out below " + from + " needs mesh sides of 1 to " + MAX_SIDE + ", got " + v + ".");
                }
            }
        }
    }

    /** This fan-out with each searched axis fixed to its reference dataflow (or to all its candidates when none). */
    FanoutSpec sizingOnly() {
        return new FanoutSpec(from, x, y, fix(onX), fix(onY));
    }

    private static Connectivity fix(Connectivity c) {
        if (c instanceof Connectivity.Searched s) {
            return new Connectivity.Fixed(s.reference().orElse(new java.util.LinkedHashSet<>(s.candidates())));
        }
        return c;
    }
}
