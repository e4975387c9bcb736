package org.mapwright.bench;

import java.util.Arrays;

/**
 * The summary statistics of a benchmark. A search that found no valid mapping scores +infinity, so that it ranks
 * last: a median over seeds is infinite when at least half the seeds found nothing (with an even count, when the
 * upper middle one did), and a geometric mean over layers is infinite when any layer's median is.
 */
public final class Stats {
    private Stats() {
    }

    /**
     * The median: the middle value, or the mean of the two middle values of an even count.
     *
     * @throws IllegalArgumentException for no values or a NaN
     */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("The median of no values is undefined; give at least one value.");
        }
        double[] v = values.clone();
        for (double x : v) {
            if (Double.isNaN(x)) {
                throw new IllegalArgumentException("Cannot take the median of a NaN: " + Arrays.toString(values) + ".");
            }
        }
        Arrays.sort(v);
        int n = v.length;
        if (n % 2 == 1) {
            return v[n / 2];
        }
        double lo = v[n / 2 - 1];
        double hi = v[n / 2];
        // the mean of two equal infinities is that infinity, not the NaN that lo / 2 + hi / 2 would give for -inf, inf
        return lo == hi ? lo : lo / 2 + hi / 2;
    }

    /**
     * The geometric mean of non-negative values: +infinity if any is infinite, else 0 if any is 0.
     *
     * @throws IllegalArgumentException for no values, a negative value or a NaN
     */
    public static double geomean(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("The geometric mean of no values is undefined; give at least one value.");
        }
        double logs = 0;
        boolean zero = false;
        for (double x : values) {
            if (!(x >= 0)) {
                throw new IllegalArgumentException("The geometric mean needs non-negative values, got " + x + ".");
            }
            if (x == Double.POSITIVE_INFINITY) {
                return Double.POSITIVE_INFINITY;
            }
            if (x == 0) {
                zero = true;
            } else {
                logs += Math.log(x);
            }
        }
        // through logs, so that the product of many EDPs (1e-9 each) cannot underflow
        return zero ? 0 : Math.exp(logs / values.length);
    }

    /**
     * An EDP over its lower bound: +infinity for no mapping (infinite EDP), NaN when the bound is 0 (a design whose
     * accesses cost no energy), where the ratio says nothing.
     */
    public static double overBound(double edp, double lowerBound) {
        if (edp == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        return lowerBound > 0 ? edp / lowerBound : Double.NaN;
    }
}
