package org.mapwright.search;

import org.mapwright.mapspace.MapPoint;

/**
 * A direct-mapped cache of recent outcomes, keyed by a 128-bit fingerprint of the mapping a point describes
 * (factors, the order of loops with factors above 1, keeps, and axes of unrolled dimensions). Two different
 * mappings share a fingerprint with probability about 2^-128 per pair, far below any other error in the model, so
 * hits are not re-verified. Allocation-free; one per thread.
 */
final class OutcomeCache {
    private static final long M1 = 0x9E3779B97F4A7C15L;
    private static final long M2 = 0xC2B2AE3D27D4EB4FL;
    private static final Outcome.Status[] STATUSES = Outcome.Status.values();

    private final int mask;
    private final long[] h1;
    private final long[] h2;
    private final double[] energy;
    private final long[] cycles;
    private final int[] statusLevel;
    private final int dims;
    private final int levels;
    private long key1;
    private long key2;

    OutcomeCache(int size, int dims, int levels) {
        int cap = Integer.highestOneBit(Math.max(2, size - 1)) << 1;
        mask = cap - 1;
        h1 = new long[cap];
        h2 = new long[cap];
        energy = new double[cap];
        cycles = new long[cap];
        statusLevel = new int[cap];
        java.util.Arrays.fill(statusLevel, -1);
        this.dims = dims;
        this.levels = levels;
    }

    /** The cached outcome of p, or null; remembers p's fingerprint for a following {@link #put}. */
    Outcome get(MapPoint p) {
        fingerprint(p);
        int i = (int) key1 & mask;
        if (statusLevel[i] >= 0 && h1[i] == key1 && h2[i] == key2) {
            int sl = statusLevel[i];
            return new Outcome(STATUSES[sl & 0xff], (sl >>> 8) - 1, energy[i], cycles[i], true);
        }
        return null;
    }

    /** Stores the outcome of the point last passed to {@link #get}. */
    void put(Outcome o) {
        int i = (int) key1 & mask;
        h1[i] = key1;
        h2[i] = key2;
        energy[i] = o.energyPj();
        cycles[i] = o.cycles();
        statusLevel[i] = o.status().ordinal() | (o.level() + 1) << 8;
    }

    private void fingerprint(MapPoint p) {
        long a = 0x243F6A8885A308D3L;
        long b = 0x13198A2E03707344L;
        for (long f : p.factor) {
            a = mix(a ^ f, M1);
            b = mix(b + f, M2);
        }
        int ns = 2 * levels;
        for (int l = 0; l < levels; l++) {
            long axes = 0;
            for (int d = 0; d < dims; d++) {
                if (p.factor[d * ns + 2 * l + 1] > 1 && p.axis[l * dims + d] != 0) {
                    axes |= 1L << d;
                }
            }
            long lk = axes << 32 | (p.keep[l] & 0xffffffffL);
            a = mix(a ^ lk, M1);
            b = mix(b + lk, M2);
            for (int j = 0; j < dims; j++) {
                int d = p.order[l * dims + j];
                if (p.factor[d * ns + 2 * l] > 1) {
                    a = mix(a ^ (d + 1), M1);
                    b = mix(b + (d + 1), M2);
                }
            }
            a = mix(a ^ 0x5bd1e995L, M1);
            b = mix(b + 0x5bd1e995L, M2);
        }
        key1 = a;
        key2 = b;
    }

    private static long mix(long x, long m) {
        x *= m;
        x ^= x >>> 29;
        x *= 0xBF58476D1CE4E5B9L;
        return x ^ (x >>> 32);
    }
}
