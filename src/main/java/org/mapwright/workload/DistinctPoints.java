package org.mapwright.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the distinct elements of a tensor that a whole layer touches, as opposed to the bounding box of its
 * indices ({@link Workload#tensorSize}). They differ when a stride skips elements: a 1x1 convolution with stride 2
 * reads {@code P} input columns, not {@code 2P - 1}. Lower bounds on traffic must use this count, since a mapping
 * whose tiles are single columns never moves the skipped ones.
 *
 * <p>Axes that share no dimension vary independently, so the count is the product over groups of axes connected by
 * shared dimensions. A group of one axis is counted exactly (the set of values of {@code sum c_i * x_i}); a group of
 * several axes, which no built-in layer has, gets a lower bound: the largest count among its axes, since projecting a
 * set onto one axis never makes it larger. The result is therefore exact for every einsum whose dimensions each index
 * one axis, and never more than the true count otherwise.
 */
public final class DistinctPoints {
    /** Beyond this many candidate values on one axis the count falls back to a lower bound. */
    static final long MAX_EXACT_RANGE = 1L << 24;

    private DistinctPoints() {
    }

    /** Distinct elements of {@code t} touched over the iteration space of {@code w}; never above the true count. */
    public static long of(Workload w, Tensor t) {
        List<IndexExpr> axes = t.index();
        int na = axes.size();
        int[] group = new int[na];
        for (int a = 0; a < na; a++) {
            group[a] = a;
        }
        for (int a = 0; a < na; a++) {
            for (int b = a + 1; b < na; b++) {
                if (shareDim(axes.get(a), axes.get(b))) {
                    relabel(group, group[b], group[a]);
                }
            }
        }
        long total = 1;
        for (int g = 0; g < na; g++) {
            long best = 0;
            boolean any = false;
            for (int a = 0; a < na; a++) {
                if (group[a] == g) {
                    any = true;
                    best = Math.max(best, axisValues(w, axes.get(a)));
                }
            }
            if (any) {
                total = Math.multiplyExact(total, best);
            }
        }
        return total;
    }

    /** Number of distinct values {@code sum c_i * x_i} takes for {@code x_i} in {@code [0, bound_i)}. */
    static long axisValues(Workload w, IndexExpr e) {
        List<long[]> terms = new ArrayList<>();
        long range = 1;
        long largest = 1;
        for (Term term : e.terms()) {
            long n = w.bound(term.dim());
            largest = Math.max(largest, n);
            if (n > 1) {
                terms.add(new long[] {term.coefficient(), n});
                range = Workload.saturatingAdd(range, Workload.saturatingMultiply(term.coefficient(), n - 1));
            }
        }
        if (terms.size() <= 1) {
            return largest;
        }
        if (range > MAX_EXACT_RANGE) {
            // Each term alone already takes `bound` distinct values.
            return largest;
        }
        int words = (int) ((range + 63) >>> 6);
        long[] values = new long[words];
        values[0] = 1;
        for (long[] term : terms) {
            long[] next = new long[words];
            for (long k = 0; k < term[1]; k++) {
                shiftOr(next, values, term[0] * k);
            }
            values = next;
        }
        long count = 0;
        for (long v : values) {
            count += Long.bitCount(v);
        }
        return count;
    }

    /** {@code dst |= src << shift} over bit arrays of equal length, dropping bits shifted past the end. */
    private static void shiftOr(long[] dst, long[] src, long shift) {
        int wordShift = (int) (shift >>> 6);
        int bitShift = (int) (shift & 63);
        for (int i = dst.length - 1; i >= wordShift; i--) {
            long v = src[i - wordShift] << bitShift;
            if (bitShift != 0 && i - wordShift - 1 >= 0) {
                v |= src[i - wordShift - 1] >>> (64 - bitShift);
            }
            dst[i] |= v;
        }
    }

    private static boolean shareDim(IndexExpr a, IndexExpr b) {
        for (Term t : a.terms()) {
            if (b.coefficient(t.dim()) != 0) {
                return true;
            }
        }
        return false;
    }

    private static void relabel(int[] group, int from, int to) {
        for (int i = 0; i < group.length; i++) {
            if (group[i] == from) {
                group[i] = to;
            }
        }
    }
}
