package org.mapwright.workload;

import java.util.Objects;

/** One term {@code coefficient * dim} of an affine index expression. */
public record Term(Dim dim, long coefficient) {
    public Term {
        Objects.requireNonNull(dim, "dim");
        if (coefficient <= 0) {
            throw new IllegalArgumentException("Index coefficients must be positive, got " + coefficient + " for " + dim + ".");
        }
    }

    public static Term of(Dim dim) {
        return new Term(dim, 1);
    }

    @Override
    public String toString() {
        return coefficient == 1 ? dim.name() : dim.name() + "*" + coefficient;
    }
}
