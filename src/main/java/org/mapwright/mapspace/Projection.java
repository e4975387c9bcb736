package org.mapwright.mapspace;

import java.util.Arrays;
import org.mapwright.workload.Workload;

/**
 * The nearest legal point to a continuous description of a mapping, for searches that move in a real space (the
 * gradient mapper) and must come back to mappings the hardware can run.
 *
 * <p>The description has four parts, indexed like {@link MapPoint}: a target natural-log factor per dimension and
 * slot ({@code [d * slots + s]}), an order score per level and dimension ({@code [l * dims + d]}; lower scores go
 * outside), a keep score per level and tensor ({@code [l * tensors + t]}; above 0.5 keeps) and an axis score per
 * level and dimension (above 0.5 unrolls on Y). Any real values are accepted: NaN counts as 0 and infinities as the
 * largest finite values.
 *
 * <p>Factors: each dimension's fixed slots keep their fixed factors; the primes the free slots share are handed out
 * largest first, each to the free slot whose current log factor falls furthest short of its target among the slots
 * the prime keeps within their maximum factor. That is the greedy nearest ordered factorization in log space; when
 * maximum factors leave no room for a prime it goes to the first slot with room, and if none has room, to the slot
 * with the most. Orders: the free loops by ascending score (ties by dimension index), then the loops the
 * constraints fix innermost. Keeps and axes: thresholds at 0.5, within what the space allows. The result always
 * satisfies {@link Mapspace#admits}, except when maximum factors cannot be met by any assignment.
 */
public final class Projection {
    private final Mapspace ms;
    private final double[] cur;
    private final Integer[] idx;
    private final double[] err;
    private double lastLog;
    private final long[] distinct = new long[64];
    private final double[] logDistinct = new double[64];

    public Projection(Mapspace ms) {
        this.ms = ms;
        this.cur = new double[ms.ns];
        this.idx = new Integer[ms.nd];
        this.err = new double[ms.ns];
    }

    /** Writes the nearest legal point to the description into {@code out}. */
    public void project(double[] logFactor, double[] orderScore, double[] keepScore, double[] axisScore, MapPoint out) {
        int nd = ms.nd;
        int ns = ms.ns;
        for (int d = 0; d < nd; d++) {
            factors(d, logFactor, out);
        }
        for (int l = 0; l < ms.nl; l++) {
            order(l, orderScore, out);
            int k = ms.keepFixed[l];
            for (int t = 0; t < ms.nt; t++) {
                if ((ms.keepFree[l] >>> t & 1) != 0 && clean(keepScore[l * ms.nt + t]) > 0.5) {
                    k |= 1 << t;
                }
            }
            out.keep[l] = k;
            for (int d = 0; d < nd; d++) {
                int mask = ms.axisMask[l * nd + d];
                out.axis[l * nd + d] = (byte) (mask == 3 ? (clean(axisScore[l * nd + d]) > 0.5 ? 1 : 0) : mask == 2 ? 1 : 0);
            }
        }
        assert ns == out.slots;
    }

    private void factors(int d, double[] target, MapPoint out) {
        int ns = ms.ns;
        int[] free = ms.freeSlots[d];
        for (int s = 0; s < ns; s++) {
            out.factor[d * ns + s] = ms.fixed[d * ns + s] == 0 ? 1 : ms.fixed[d * ns + s];
            cur[s] = 0;
        }
        long[] primes = ms.primes[d];
        if (free.length == 0 || primes.length == 0 || rounded(d, target, out)) {
            return;
        }
        for (int i = primes.length - 1; i >= 0; i--) {
            long pr = primes[i];
            double lp = i + 1 < primes.length && primes[i + 1] == pr ? lastLog : Math.log((double) pr);
            lastLog = lp;
            int bestSlot = -1;
            double bestGain = Double.NEGATIVE_INFINITY;
            for (int s : free) {
                if (out.factor[d * ns + s] > ms.max[d * ns + s] / pr) {
                    continue;
                }
                double gap = clean(target[d * ns + s]) - cur[s];
                double gain = gap * gap - (gap - lp) * (gap - lp);
                if (gain > bestGain) {
                    bestGain = gain;
                    bestSlot = s;
                }
            }
            int s = bestSlot >= 0 ? bestSlot : roomiest(d, free, out);
            out.factor[d * ns + s] *= pr;
            cur[s] += lp;
        }
        improve(d, target, out);
        for (int s : free) {
            if (out.factor[d * ns + s] > ms.max[d * ns + s]) {
                fillInOrder(d, out);
                return;
            }
        }
    }

    /** When the greedy assignment broke a maximum: fill the free slots in order up to their maxima. */
    private void fillInOrder(int d, MapPoint out) {
        int ns = ms.ns;
        for (int s : ms.freeSlots[d]) {
            out.factor[d * ns + s] = 1;
        }
        for (long pr : ms.primes[d]) {
            for (int s : ms.freeSlots[d]) {
                if (out.factor[d * ns + s] <= ms.max[d * ns + s] / pr) {
                    out.factor[d * ns + s] *= pr;
                    break;
                }
            }
        }
    }

    /** The free slot with the most room below its maximum factor. */
    private int roomiest(int d, int[] free, MapPoint out) {
        int best = free[0];
        double most = Double.NEGATIVE_INFINITY;
        for (int s : free) {
            double room = Math.log((double) ms.max[d * ms.ns + s]) - Math.log((double) out.factor[d * ms.ns + s]);
            if (room > most) {
                most = room;
                best = s;
            }
        }
        return best;
    }

    /** Takes the targets rounded to integers when they already form a legal factorization. */
    private boolean rounded(int d, double[] target, MapPoint out) {
        int ns = ms.ns;
        long rest = 1;
        for (long pr : ms.primes[d]) {
            rest *= pr;
        }
        long prod = 1;
        for (int s : ms.freeSlots[d]) {
            double t = clean(target[d * ns + s]);
            long f = t <= 0 ? 1 : t >= Math.log(rest) + 1 ? rest + 1 : Math.max(1, Math.round(Math.exp(t)));
            if (f > ms.max[d * ns + s] || f > rest || rest % f != 0) {
                prod = -1;
                break;
            }
            prod = Workload.saturatingMultiply(prod, f);
            out.factor[d * ns + s] = f;
        }
        if (prod == rest) {
            return true;
        }
        for (int s : ms.freeSlots[d]) {
            out.factor[d * ns + s] = 1;
        }
        return false;
    }

    /**
     * Local improvement of a greedy factorization: moves one prime from one free slot to another, or swaps two
     * primes between slots, while that lowers the squared log error and keeps maximum factors.
     */
    private void improve(int d, double[] target, MapPoint out) {
        int ns = ms.ns;
        int[] free = ms.freeSlots[d];
        long[] primes = ms.primes[d];
        int k = 0;
        for (int i = 0; i < primes.length; i++) {
            if (i == 0 || primes[i] != primes[i - 1]) {
                distinct[k] = primes[i];
                logDistinct[k++] = Math.log((double) primes[i]);
            }
        }
        for (int s : free) {
            err[s] = clean(target[d * ns + s]) - Math.log((double) out.factor[d * ns + s]);
        }
        for (int iter = 0; iter < primes.length; iter++) {
            double bestDelta = -1e-9;
            int bs = -1;
            int bt = -1;
            int bp = -1;
            int bq = -1;
            for (int s : free) {
                long fs = out.factor[d * ns + s];
                double es = err[s];
                for (int t : free) {
                    if (s == t) {
                        continue;
                    }
                    long ft = out.factor[d * ns + t];
                    double et = err[t];
                    for (int pi = 0; pi < k; pi++) {
                        long p = distinct[pi];
                        if (fs % p != 0) {
                            continue;
                        }
                        // move p from s to t, optionally taking q (another prime of t) back
                        for (int qi = -1; qi < k; qi++) {
                            long q = qi < 0 ? 1 : distinct[qi];
                            if (qi == pi || (qi >= 0 && ft % q != 0)) {
                                continue;
                            }
                            if (ft / q > ms.max[d * ns + t] / p || fs / p * q > ms.max[d * ns + s]) {
                                continue;
                            }
                            double shift = logDistinct[pi] - (qi < 0 ? 0 : logDistinct[qi]);
                            double a = es + shift;
                            double b = et - shift;
                            double delta = a * a + b * b - es * es - et * et;
                            if (delta < bestDelta) {
                                bestDelta = delta;
                                bs = s;
                                bt = t;
                                bp = pi;
                                bq = qi;
                            }
                        }
                    }
                }
            }
            if (bs < 0) {
                return;
            }
            long p = distinct[bp];
            long q = bq < 0 ? 1 : distinct[bq];
            double shift = logDistinct[bp] - (bq < 0 ? 0 : logDistinct[bq]);
            out.factor[d * ns + bs] = out.factor[d * ns + bs] / p * q;
            out.factor[d * ns + bt] = out.factor[d * ns + bt] / q * p;
            err[bs] += shift;
            err[bt] -= shift;
        }
    }

    private void order(int l, double[] score, MapPoint out) {
        int nd = ms.nd;
        int[] freeDims = ms.freeOrder[l];
        int n = freeDims.length;
        for (int i = 0; i < n; i++) {
            idx[i] = freeDims[i];
        }
        Arrays.sort(idx, 0, n, (a, b) -> {
            int c = Double.compare(clean(score[l * nd + a]), clean(score[l * nd + b]));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int k = 0;
        for (int i = 0; i < n; i++) {
            out.order[l * nd + k++] = idx[i];
        }
        for (int i = ms.innerOrder[l].length - 1; i >= 0; i--) {
            out.order[l * nd + k++] = ms.innerOrder[l][i];
        }
    }

    private static double clean(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        return Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, v));
    }
}
