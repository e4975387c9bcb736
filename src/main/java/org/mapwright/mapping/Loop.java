package org.mapwright.mapping;

import java.util.Objects;
import org.mapwright.workload.Dim;

/** One loop of a mapping: {@code factor} iterations over dimension {@code dim}. */
public record Loop(Dim dim, long factor) {
    public Loop {
        Objects.requireNonNull(dim, "dim");
        if (factor < 1) {
            throw new IllegalArgumentException("Loop over " + dim + " needs a positive factor, got " + factor + ".");
        }
    }

    public static Loop of(String dim, long factor) {
        return new Loop(Dim.of(dim), factor);
    }

    @Override
    public String toString() {
        return dim + "=" + factor;
    }
}
