package org.mapwright.workload;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One index of a tensor: an affine sum of dimensions with positive coefficients,
 * such as {@code P*stride + R*dilation}. A constant offset shifts the index but never changes a tile's size.
 */
public record IndexExpr(List<Term> terms, long offset) {
    public IndexExpr {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("An index expression needs at least one dimension.");
        }
        if (terms.stream().map(Term::dim).distinct().count() != terms.size()) {
            throw new IllegalArgumentException("A dimension appears twice in index " + terms + "; add its coefficients instead.");
        }
    }

    public static IndexExpr of(Term... terms) {
        return new IndexExpr(List.of(terms), 0);
    }

    public static IndexExpr of(Dim dim) {
        return new IndexExpr(List.of(Term.of(dim)), 0);
    }

    /** Coefficient of {@code d} in this index, 0 if absent. */
    public long coefficient(Dim d) {
        for (Term t : terms) {
            if (t.dim().equals(d)) {
                return t.coefficient();
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        String s = terms.stream().map(Term::toString).collect(Collectors.joining(" + "));
        return offset == 0 ? s : s + " + " + offset;
    }
}
