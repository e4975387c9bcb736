package org.mapwright.cost;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The slow path of multicast detection: counting distinct child tile offsets when two unrolled dimensions move a
 * tensor along the same axis (for instance P and R both on an input's width), so that some children's tiles
 * coincide. Rare in practice; it enumerates offsets.
 */
final class Offsets {
    private Offsets() {
    }

    static long distinct(ModelSpec s, LoopNest n, Workspace ws, int level, int t) {
        final int nd = s.nd;
        final int base = level * nd;
        int count = 0;
        int[] dims = new int[nd];
        long[] factors = new long[nd];
        boolean multiAxis = false;
        for (int d = 0; d < nd; d++) {
            long f = n.spatialX[base + d] * n.spatialY[base + d];
            if (f > 1 && (s.relevant[t] >>> d & 1L) != 0) {
                dims[count] = d;
                factors[count] = f;
                count++;
                if (s.axisOfDim[t][d] < 0) {
                    multiAxis = true;
                }
            }
        }
        int axes = s.axisStart[t].length - 1;
        if (!multiAxis) {
            long result = 1;
            for (int a = 0; a < axes; a++) {
                result *= distinctOnAxis(s, ws, level, t, a, dims, factors, count);
            }
            return result;
        }
        return distinctVectors(s, ws, level, t, dims, factors, count, axes);
    }

    /** Distinct values of sum(coef_d * step_d * i_d) over the unrolled dims d that move axis {@code a}. */
    private static long distinctOnAxis(ModelSpec s, Workspace ws, int level, int t, int a, int[] dims, long[] factors,
                                       int count) {
        final int nd = s.nd;
        int m = 0;
        long total = 1;
        long[] stride = new long[count];
        long[] fac = new long[count];
        for (int k = 0; k < count; k++) {
            long c = s.coefOnAxis[t][a * nd + dims[k]];
            if (c != 0) {
                stride[m] = c * ws.extBelow[(level + 1) * nd + dims[k]];
                fac[m] = factors[k];
                total *= factors[k];
                m++;
            }
        }
        if (m <= 1) {
            return total;
        }
        long[] values = ws.enumScratch(Math.toIntExact(total));
        int size = 1;
        values[0] = 0;
        for (int k = 0; k < m; k++) {
            int prev = size;
            for (long i = 1; i < fac[k]; i++) {
                for (int v = 0; v < prev; v++) {
                    values[size++] = values[v] + i * stride[k];
                }
            }
        }
        return countUnique(values, size);
    }

    private static long distinctVectors(ModelSpec s, Workspace ws, int level, int t, int[] dims, long[] factors,
                                        int count, int axes) {
        final int nd = s.nd;
        Set<String> seen = new HashSet<>();
        long[] idx = new long[count];
        long[] vec = new long[axes];
        while (true) {
            Arrays.fill(vec, 0);
            for (int k = 0; k < count; k++) {
                long step = ws.extBelow[(level + 1) * nd + dims[k]];
                for (int a = 0; a < axes; a++) {
                    vec[a] += s.coefOnAxis[t][a * nd + dims[k]] * step * idx[k];
                }
            }
            seen.add(Arrays.toString(vec));
            int k = 0;
            while (k < count && ++idx[k] == factors[k]) {
                idx[k] = 0;
                k++;
            }
            if (k == count) {
                break;
            }
        }
        return seen.size();
    }

    private static long countUnique(long[] values, int size) {
        Arrays.sort(values, 0, size);
        long unique = size > 0 ? 1 : 0;
        for (int i = 1; i < size; i++) {
            if (values[i] != values[i - 1]) {
                unique++;
            }
        }
        return unique;
    }
}
