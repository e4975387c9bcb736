package org.mapwright.mapspace;

import java.util.SplittableRandom;
import org.mapwright.workload.Workload;

/**
 * Neighbourhood moves on mapspace points, all of which keep a point inside its space: move a prime factor between
 * two free slots of one dimension, swap two loops of a level, flip a free keep/bypass choice, flip the axis of an
 * unrolled dimension; plus the crossover of genetic search and the repairs that pull a point back from a capacity
 * or fan-out violation. Not thread-safe: one instance per thread.
 */
public final class Moves {
    private final Mapspace ms;
    private final int[] movableDims;
    private final int[] scratch;

    public Moves(Mapspace ms) {
        this.ms = ms;
        int n = 0;
        int[] tmp = new int[ms.nd];
        for (int d = 0; d < ms.nd; d++) {
            if (ms.freeSlots[d].length >= 2 && ms.primes[d].length > 0) {
                tmp[n++] = d;
            }
        }
        movableDims = java.util.Arrays.copyOf(tmp, n);
        scratch = new int[ms.nd];
    }

    /** Applies one random applicable move; returns false only when the space has a single point. */
    public boolean mutate(MapPoint p, SplittableRandom rnd) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int r = rnd.nextInt(100);
            boolean done = r < 60 ? moveFactor(p, rnd) : r < 85 ? swapLoops(p, rnd) : r < 95 ? flipKeep(p, rnd) : flipAxis(p, rnd);
            if (done) {
                return true;
            }
        }
        return moveFactor(p, rnd) || swapLoops(p, rnd) || flipKeep(p, rnd) || flipAxis(p, rnd);
    }

    /** Moves one prime factor of a random dimension from one free slot to another. */
    public boolean moveFactor(MapPoint p, SplittableRandom rnd) {
        if (movableDims.length == 0) {
            return false;
        }
        int d = movableDims[rnd.nextInt(movableDims.length)];
        int[] free = ms.freeSlots[d];
        int from = pickSlotAbove1(p, d, free, rnd);
        if (from < 0) {
            return false;
        }
        int to = free[rnd.nextInt(free.length - 1)];
        if (to == from) {
            to = free[free.length - 1];
        }
        return move(p, d, from, to, rnd);
    }

    /** Moves one prime factor of dimension d from slot {@code from} to slot {@code to}, if the maximum allows. */
    boolean move(MapPoint p, int d, int from, int to, SplittableRandom rnd) {
        final int ns = ms.ns;
        long f = p.factor[d * ns + from];
        long prime = randomPrimeOf(d, f, rnd);
        if (prime == 0 || Workload.saturatingMultiply(p.factor[d * ns + to], prime) > ms.max[d * ns + to]) {
            return false;
        }
        p.factor[d * ns + from] = f / prime;
        boolean newlyUnrolled = to % 2 == 1 && p.factor[d * ns + to] == 1;
        p.factor[d * ns + to] *= prime;
        if (newlyUnrolled) {
            int mask = ms.axisMask[(to / 2) * ms.nd + d];
            p.axis[(to / 2) * ms.nd + d] = (byte) (mask == 3 ? rnd.nextInt(2) : mask == 2 ? 1 : 0);
        }
        return true;
    }

    private int pickSlotAbove1(MapPoint p, int d, int[] free, SplittableRandom rnd) {
        int count = 0;
        for (int s : free) {
            if (p.factor[d * ms.ns + s] > 1) {
                count++;
            }
        }
        if (count == 0) {
            return -1;
        }
        int k = rnd.nextInt(count);
        for (int s : free) {
            if (p.factor[d * ms.ns + s] > 1 && k-- == 0) {
                return s;
            }
        }
        return -1;
    }

    /** A random prime of dimension d's free part that divides f (weighted by multiplicity), or 0. */
    private long randomPrimeOf(int d, long f, SplittableRandom rnd) {
        long[] primes = ms.primes[d];
        long chosen = 0;
        int seen = 0;
        long rest = f;
        for (long pr : primes) {
            if (rest % pr == 0) {
                rest /= pr;
                seen++;
                if (rnd.nextInt(seen) == 0) {
                    chosen = pr;
                }
            }
        }
        return chosen;
    }

    /** Swaps two loops with factors above 1 among a level's freely ordered loops. */
    public boolean swapLoops(MapPoint p, SplittableRandom rnd) {
        int l = rnd.nextInt(ms.nl);
        for (int tries = 0; tries < ms.nl; tries++, l = (l + 1) % ms.nl) {
            if (!ms.orderMatters[l]) {
                continue;
            }
            int base = l * ms.nd;
            int active = 0;
            for (int i = 0; i < ms.freeOrder[l].length; i++) {
                if (p.factor[p.order[base + i] * ms.ns + 2 * l] > 1) {
                    scratch[active++] = i;
                }
            }
            if (active < 2) {
                continue;
            }
            int i = rnd.nextInt(active);
            int j = rnd.nextInt(active - 1);
            if (j >= i) {
                j++;
            }
            int a = base + scratch[i];
            int b = base + scratch[j];
            int t = p.order[a];
            p.order[a] = p.order[b];
            p.order[b] = t;
            return true;
        }
        return false;
    }

    /** Flips one free keep/bypass choice. */
    public boolean flipKeep(MapPoint p, SplittableRandom rnd) {
        int l = rnd.nextInt(ms.nl);
        for (int tries = 0; tries < ms.nl; tries++, l = (l + 1) % ms.nl) {
            int free = ms.keepFree[l];
            if (free == 0) {
                continue;
            }
            int k = rnd.nextInt(Integer.bitCount(free));
            for (int t = 0; t < ms.nt; t++) {
                if ((free >>> t & 1) != 0 && k-- == 0) {
                    p.keep[l] ^= 1 << t;
                    return true;
                }
            }
        }
        return false;
    }

    /** Moves an unrolled dimension to the other axis of its fan-out, where both are allowed. */
    public boolean flipAxis(MapPoint p, SplittableRandom rnd) {
        int start = rnd.nextInt(ms.nl * ms.nd);
        for (int i = 0; i < ms.nl * ms.nd; i++) {
            int idx = (start + i) % (ms.nl * ms.nd);
            int l = idx / ms.nd;
            int d = idx % ms.nd;
            if (ms.axisMask[idx] == 3 && p.factor[d * ms.ns + 2 * l + 1] > 1) {
                p.axis[idx] ^= 1;
                return true;
            }
        }
        return false;
    }

    /**
     * Shrinks the tiles of level l: moves one prime factor from a free slot at or inside l to a free temporal slot
     * above it. Returns false when nothing can move.
     */
    public boolean relieveCapacity(MapPoint p, int l, SplittableRandom rnd) {
        final int ns = ms.ns;
        for (int attempt = 0; attempt < 4 * ms.nd; attempt++) {
            int d = rnd.nextInt(ms.nd);
            int from = -1;
            int seen = 0;
            for (int s : ms.freeSlots[d]) {
                if (s / 2 >= l && p.factor[d * ns + s] > 1 && rnd.nextInt(++seen) == 0) {
                    from = s;
                }
            }
            if (from < 0) {
                continue;
            }
            int to = -1;
            seen = 0;
            for (int s : ms.freeSlots[d]) {
                if (s % 2 == 0 && s / 2 < l && rnd.nextInt(++seen) == 0) {
                    to = s;
                }
            }
            if (to >= 0 && move(p, d, from, to, rnd)) {
                return true;
            }
        }
        return false;
    }

    /** Shrinks level l's unrolling on one axis: moves one prime of an unrolled dimension to a temporal slot. */
    public boolean relieveFanout(MapPoint p, int l, Axis axis, SplittableRandom rnd) {
        final int ns = ms.ns;
        int s = 2 * l + 1;
        for (int attempt = 0; attempt < 4 * ms.nd; attempt++) {
            int d = rnd.nextInt(ms.nd);
            if (p.factor[d * ns + s] <= 1 || p.axis[l * ms.nd + d] != axis.ordinal() || ms.fixed[d * ns + s] != 0) {
                continue;
            }
            int to = -1;
            int seen = 0;
            for (int t : ms.freeSlots[d]) {
                if (t % 2 == 0 && rnd.nextInt(++seen) == 0) {
                    to = t;
                }
            }
            if (to >= 0 && move(p, d, s, to, rnd)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Uniform crossover: each dimension's factors and axes, each level's loop order and each level's keeps come
     * from one parent or the other. The child is always inside the space.
     */
    public void crossover(MapPoint a, MapPoint b, MapPoint child, SplittableRandom rnd) {
        final int ns = ms.ns;
        for (int d = 0; d < ms.nd; d++) {
            MapPoint src = rnd.nextBoolean() ? a : b;
            System.arraycopy(src.factor, d * ns, child.factor, d * ns, ns);
            for (int l = 0; l < ms.nl; l++) {
                child.axis[l * ms.nd + d] = src.axis[l * ms.nd + d];
            }
        }
        for (int l = 0; l < ms.nl; l++) {
            MapPoint src = rnd.nextBoolean() ? a : b;
            System.arraycopy(src.order, l * ms.nd, child.order, l * ms.nd, ms.nd);
            child.keep[l] = (rnd.nextBoolean() ? a : b).keep[l];
        }
    }
}
