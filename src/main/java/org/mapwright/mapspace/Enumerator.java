package org.mapwright.mapspace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.mapwright.workload.Workload;

/**
 * Enumerates every point of a (small) mapspace exactly once: factorizations, then axes of unrolled dimensions,
 * then keep choices, then loop orders. The first point of each (factorization, axes, keeps) combination uses the
 * canonical loop orders and is a probe: capacity and fan-out do not depend on loop order, so when the probe is
 * invalid {@link #skipOrders()} skips that combination's other orders. Only loops with factors above 1 at levels
 * whose order matters are permuted, so no two points describe the same mapping.
 */
public final class Enumerator {
    /** Largest number of factorizations enumerated for one dimension. */
    public static final int MAX_PER_DIMENSION = 2_000_000;

    private final Mapspace ms;
    private final long[][][] factorizations;
    private final int[] factIdx;
    private final MapPoint base;
    private boolean done;
    private int axisCombo;
    private int[] axisChoices = new int[0];
    private int keepCombo;
    private final int keepBits;
    private long orderIdx;
    private long orderCount;
    private boolean probe;
    private boolean probePending = true;

    public Enumerator(Mapspace ms) {
        this.ms = ms;
        factorizations = new long[ms.nd][][];
        for (int d = 0; d < ms.nd; d++) {
            List<long[]> out = new ArrayList<>();
            enumerate(d, 0, ms.primes[d], new long[ms.freeSlots[d].length], 1, out);
            if (out.isEmpty()) {
                throw new NoLegalMappingException("No factorization of " + ms.dimNames().get(d) + " meets the maximum factors.");
            }
            factorizations[d] = out.toArray(new long[0][]);
        }
        factIdx = new int[ms.nd];
        base = ms.newPoint();
        int bits = 0;
        for (int l = 0; l < ms.nl; l++) {
            bits += Integer.bitCount(ms.keepFree[l]);
        }
        keepBits = bits;
        if (keepBits > 30) {
            throw new IllegalArgumentException("The mapspace has " + keepBits + " free keep choices, too many to enumerate.");
        }
        applyFactorization();
    }

    /** log10 of the number of factorizations times axis and keep choices (an upper bound before orders). */
    public double log10Factorizations() {
        double s = 0;
        for (long[][] f : factorizations) {
            s += Math.log10(f.length);
        }
        return s + keepBits * Math.log10(2);
    }

    /** Every ordered split of what dimension d's free slots share, as values per free slot. */
    private void enumerate(int d, int slotPos, long[] primes, long[] vals, long used, List<long[]> out) {
        int k = vals.length;
        long rest = 1;
        for (long p : primes) {
            rest *= p;
        }
        rest /= used;
        if (slotPos == k - 1 || k == 0) {
            if (k > 0) {
                vals[k - 1] = rest;
                if (rest > ms.max[d * ms.ns + ms.freeSlots[d][k - 1]]) {
                    return;
                }
            } else if (rest != 1) {
                return;
            }
            if (out.size() >= MAX_PER_DIMENSION) {
                throw new IllegalArgumentException("Dimension " + ms.dimNames().get(d) + " alone has more than "
                        + MAX_PER_DIMENSION + " factorizations; the space is too large to enumerate, use another mapper.");
            }
            out.add(vals.clone());
            return;
        }
        long cap = ms.max[d * ms.ns + ms.freeSlots[d][slotPos]];
        for (long f = 1; f <= rest && f <= cap; f++) {
            if (rest % f == 0) {
                vals[slotPos] = f;
                enumerate(d, slotPos + 1, primes, vals, used * f, out);
            }
        }
    }

    /**
     * Fills {@code out} with the next point; false when every point has been produced. After a probe
     * ({@link #lastWasProbe()}), call {@link #skipOrders()} if it was invalid.
     */
    public boolean next(MapPoint out) {
        while (!done) {
            if (probePending) {
                probePending = false;
                probe = true;
                out.copyFrom(base);
                applyAxesAndKeeps(out);
                orderIdx = 0;
                orderCount = countOrders(out);
                return true;
            }
            probe = false;
            if (++orderIdx < orderCount) {
                out.copyFrom(base);
                applyAxesAndKeeps(out);
                applyOrder(out, orderIdx);
                return true;
            }
            advanceKeeps();
        }
        return false;
    }

    public boolean lastWasProbe() {
        return probe;
    }

    /** Skips the loop orders of the combination whose probe was just produced. */
    public void skipOrders() {
        orderCount = 0;
    }

    private void advanceKeeps() {
        probePending = true;
        if (++keepCombo < (1 << keepBits)) {
            return;
        }
        keepCombo = 0;
        if (++axisCombo < (1 << axisChoices.length)) {
            return;
        }
        axisCombo = 0;
        for (int d = ms.nd - 1; d >= 0; d--) {
            if (++factIdx[d] < factorizations[d].length) {
                applyFactorization();
                return;
            }
            factIdx[d] = 0;
        }
        done = true;
    }

    private void applyFactorization() {
        for (int d = 0; d < ms.nd; d++) {
            long[] vals = factorizations[d][factIdx[d]];
            for (int i = 0; i < vals.length; i++) {
                base.factor[d * ms.ns + ms.freeSlots[d][i]] = vals[i];
            }
        }
        IntArrayList choices = new IntArrayList();
        for (int l = 0; l < ms.nl; l++) {
            for (int d = 0; d < ms.nd; d++) {
                if (ms.axisMask[l * ms.nd + d] == 3 && base.factor[d * ms.ns + 2 * l + 1] > 1) {
                    choices.add(l * ms.nd + d);
                }
            }
        }
        axisChoices = choices.toArray();
    }

    private void applyAxesAndKeeps(MapPoint p) {
        for (int i = 0; i < axisChoices.length; i++) {
            p.axis[axisChoices[i]] = (byte) (axisCombo >>> i & 1);
        }
        int bit = 0;
        for (int l = 0; l < ms.nl; l++) {
            int k = ms.keepFixed[l];
            for (int t = 0; t < ms.nt; t++) {
                if ((ms.keepFree[l] >>> t & 1) != 0) {
                    if ((keepCombo >>> bit & 1) != 0) {
                        k |= 1 << t;
                    }
                    bit++;
                }
            }
            p.keep[l] = k;
        }
    }

    /** Number of distinct loop-order combinations: product over levels of (active free loops)!. */
    private long countOrders(MapPoint p) {
        long n = 1;
        for (int l = 0; l < ms.nl; l++) {
            if (ms.orderMatters[l]) {
                int k = active(p, l);
                for (int i = 2; i <= k; i++) {
                    n = Workload.saturatingMultiply(n, i);
                }
            }
        }
        return n;
    }

    private int active(MapPoint p, int l) {
        int k = 0;
        for (int j = 0; j < ms.freeOrder[l].length; j++) {
            if (p.factor[p.order[l * ms.nd + j] * ms.ns + 2 * l] > 1) {
                k++;
            }
        }
        return k;
    }

    /** Permutes each level's active loops by the mixed-radix digits of {@code index} (Lehmer codes). */
    private void applyOrder(MapPoint p, long index) {
        for (int l = 0; l < ms.nl; l++) {
            if (!ms.orderMatters[l]) {
                continue;
            }
            int base0 = l * ms.nd;
            int[] pos = new int[ms.nd];
            int k = 0;
            for (int j = 0; j < ms.freeOrder[l].length; j++) {
                if (p.factor[p.order[base0 + j] * ms.ns + 2 * l] > 1) {
                    pos[k++] = j;
                }
            }
            long radix = 1;
            for (int i = 2; i <= k; i++) {
                radix *= i;
            }
            long digit = index % radix;
            index /= radix;
            int[] dims = new int[k];
            for (int i = 0; i < k; i++) {
                dims[i] = p.order[base0 + pos[i]];
            }
            IntArrayList pool = IntArrayList.newListWith(dims);
            long f = radix;
            for (int i = 0; i < k; i++) {
                f /= (k - i);
                int sel = (int) (digit / f);
                digit %= f;
                p.order[base0 + pos[i]] = pool.removeAtIndex(sel);
            }
        }
        assert Arrays.stream(p.order).allMatch(x -> x >= 0);
    }
}
