package org.mapwright.mapspace;

import java.util.SplittableRandom;
import org.mapwright.workload.Workload;

/**
 * Random points of a mapspace. {@link #uniform} draws every free choice uniformly: each dimension's factorization
 * uniformly among the ordered factorizations of what its free slots share (per prime power, a uniform composition
 * of the exponent: stars and bars), loop orders uniformly among permutations of the free loops, keeps and axes by
 * fair coins. Maximum factors are met by redrawing that dimension.
 */
public final class Sampler {
    private final Mapspace ms;

    public Sampler(Mapspace ms) {
        this.ms = ms;
    }

    /** Overwrites {@code p} with a uniform random point. */
    public void uniform(MapPoint p, SplittableRandom rnd) {
        for (int d = 0; d < ms.nd; d++) {
            factorization(p, d, rnd);
        }
        for (int l = 0; l < ms.nl; l++) {
            order(p, l, rnd);
            keep(p, l, rnd);
            axes(p, l, rnd);
        }
    }

    /** Redraws dimension d's factorization (fixed slots keep their values). */
    public void factorization(MapPoint p, int d, SplittableRandom rnd) {
        final int ns = ms.ns;
        int[] free = ms.freeSlots[d];
        for (int attempt = 0; ; attempt++) {
            for (int s = 0; s < ns; s++) {
                p.factor[d * ns + s] = ms.fixed[d * ns + s] == 0 ? 1 : ms.fixed[d * ns + s];
            }
            long[] primes = ms.primes[d];
            int k = free.length;
            for (int i = 0; i < primes.length; ) {
                long pr = primes[i];
                int a = 0;
                while (i < primes.length && primes[i] == pr) {
                    a++;
                    i++;
                }
                composeExponent(p, d, free, pr, a, k, rnd);
            }
            if (withinMax(p, d) || attempt > 1000) {
                if (!withinMax(p, d)) {
                    greedyWithinMax(p, d);
                }
                return;
            }
        }
    }

    /** Splits exponent a of prime pr over the k free slots uniformly (stars and bars). */
    private void composeExponent(MapPoint p, int d, int[] free, long pr, int a, int k, SplittableRandom rnd) {
        // choose k-1 bar positions among a+k-1 places; the stars between bars are the exponents
        int places = a + k - 1;
        int stars = 0;
        int slot = 0;
        int barsLeft = k - 1;
        for (int pos = 0; pos < places; pos++) {
            int remaining = places - pos;
            if (rnd.nextInt(remaining) < barsLeft) {
                barsLeft--;
                slot++;
            } else {
                p.factor[d * ms.ns + free[slot]] *= pr;
                stars++;
            }
        }
        assert stars == a;
    }

    boolean withinMax(MapPoint p, int d) {
        for (int s : ms.freeSlots[d]) {
            if (p.factor[d * ms.ns + s] > ms.max[d * ms.ns + s]) {
                return false;
            }
        }
        return true;
    }

    /** Deterministic fallback when maxima make random draws rare: fill slots in order up to their maxima. */
    private void greedyWithinMax(MapPoint p, int d) {
        for (int s : ms.freeSlots[d]) {
            p.factor[d * ms.ns + s] = 1;
        }
        for (long pr : ms.primes[d]) {
            for (int s : ms.freeSlots[d]) {
                if (Workload.saturatingMultiply(p.factor[d * ms.ns + s], pr) <= ms.max[d * ms.ns + s]) {
                    p.factor[d * ms.ns + s] *= pr;
                    break;
                }
            }
        }
    }

    /** A uniform permutation of level l's free loops outside its fixed innermost loops. */
    public void order(MapPoint p, int l, SplittableRandom rnd) {
        ms.canonicalOrder(p, l);
        if (!ms.orderMatters[l]) {
            return;
        }
        int n = ms.freeOrder[l].length;
        int base = l * ms.nd;
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p.order[base + i];
            p.order[base + i] = p.order[base + j];
            p.order[base + j] = t;
        }
    }

    public void keep(MapPoint p, int l, SplittableRandom rnd) {
        int free = ms.keepFree[l];
        int k = ms.keepFixed[l];
        for (int t = 0; t < ms.nt; t++) {
            if ((free >>> t & 1) != 0 && rnd.nextBoolean()) {
                k |= 1 << t;
            }
        }
        p.keep[l] = k;
    }

    public void axes(MapPoint p, int l, SplittableRandom rnd) {
        for (int d = 0; d < ms.nd; d++) {
            int mask = ms.axisMask[l * ms.nd + d];
            p.axis[l * ms.nd + d] = (byte) (mask == 3 ? rnd.nextInt(2) : mask == 2 ? 1 : 0);
        }
    }
}
