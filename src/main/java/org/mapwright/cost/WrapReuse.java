package org.mapwright.cost;

/**
 * Timeloop's temporal delta rule in full, for sliding windows whose reuse survives a loop wrap.
 *
 * <p>Timeloop (v3.0.3, {@code NestAnalysis::ComputeDeltas} with {@code OperationSpace::SaveAndSubtractIfSameStride})
 * visits the tiles one instance of a level holds in temporal order and charges each the part of its bounding box
 * that the previous tile did not cover, provided the tile moved by the same translation as at the previous step (or
 * the previous translation was reset); on any other translation it reloads the whole tile and resets. With the loops
 * above the level numbered from the innermost, 1..m (factor-one loops take no steps), a step of type k advances loop
 * k and wraps loops 1..k-1. In data space it translates the tile by
 * <pre>  T_k = s_k c(d_k) - sum over j &lt; k of (f_j - 1) s_j c(d_j)</pre>
 * where s_j is the extent of d_j inside loop j and c(d) the projection of dim d onto the tensor's axes. Type-1 steps
 * happen between any two steps of higher type, so the translation remembered before a step of type k &ge; 2 is T_1,
 * and the whole run costs
 * <pre>  tile + sum over k of N_k (T_k == T_1 ? |B + T_1 \ B| : tile),   N_k = (f_k - 1) f_{k+1} ... f_m.</pre>
 * This is Timeloop's exact mode ({@code TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION=1}). Its default mode simulates only
 * iterations #0 and #1 of each loop, so it compares with {@code s_k c(d_k) - sum over j < k of s_j c(d_j)} instead;
 * the two agree whenever every wrapped loop relevant to the tensor has factor 2 or the comparison gives the same
 * answer, and where they differ this class follows the exact mode, as the reference set's specification asks.
 *
 * <p>{@link AnalyticalModel} keeps its cheap rule (only the innermost relevant loop slides) and calls this class only
 * when a windowed axis and a second relevant loop make reuse across a wrap possible; see {@link #mayDiffer}.
 */
final class WrapReuse {
    private WrapReuse() {
    }

    /** Whether tensor {@code t} has an axis indexed by two or more dims (a sliding window). */
    static boolean windowed(ModelSpec s, int t) {
        int[] start = s.axisStart[t];
        for (int a = 0; a + 1 < start.length; a++) {
            if (start[a + 1] - start[a] >= 2) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the full rule can give another answer than the innermost-loop rule: only when {@code t} is windowed
     * and a relevant loop with factor &gt; 1 lies outside loop {@code j}, the innermost relevant one. Otherwise every
     * T_k of a higher type has a strictly negative component (wraps of relevant loops, positive coefficients) or, on
     * windowless axes, a step no smaller than the tile, so it never equals a T_1 that leaves any overlap.
     */
    static boolean mayDiffer(ModelSpec s, LoopNest n, int t, int j) {
        final long relevant = s.relevant[t];
        for (int k = j - 1; k >= 0; k--) {
            if (n.loopFactor[k] > 1 && (relevant >>> n.loopDim[k] & 1L) != 0) {
                return windowed(s, t);
            }
        }
        return false;
    }

    /**
     * Words of tensor {@code t} one instance of level {@code l} (not the outermost) loads over the run: by the exact
     * rule, or with {@code extrapolate} by the comparison Timeloop's default mode makes (each wrapped loop goes back
     * one step, from its simulated iteration #1).
     */
    static long loads(ModelSpec s, LoopNest n, Workspace ws, int l, int t, boolean extrapolate) {
        final int nd = s.nd;
        final int[] axisStart = s.axisStart[t];
        final int na = axisStart.length - 1;
        final int[] termDim = s.termDim[t];
        final long[] termCoef = s.termCoef[t];
        final long tile = ws.tile[l * s.nt + t];
        // scratch: [0, nd) extent of each dim inside the current loop, [nd, 2nd) summed wrap offsets of the loops
        // inside it, [2nd, 2nd + na) T_1 per axis, [2nd + na, 2nd + 2na) the tile's extent per axis.
        final long[] sc = ws.wrapScratch;
        final int wrap = nd;
        final int first = 2 * nd;
        final int extent = first + na;
        for (int d = 0; d < nd; d++) {
            sc[d] = ws.extBelow[l * nd + d];
            sc[wrap + d] = 0;
        }
        for (int a = 0; a < na; a++) {
            long e = 1;
            for (int k = axisStart[a]; k < axisStart[a + 1]; k++) {
                e += termCoef[k] * (sc[termDim[k]] - 1);
            }
            sc[extent + a] = e;
        }
        final long above = ws.aboveProd[l];
        long innerProd = 1;
        long total = tile;
        long firstDelta = -1;
        int level = l;
        for (int k = n.levelStart[l] - 1; k >= 0; k--) {
            while (n.levelStart[level] > k) {
                level--;
                for (int d = 0; d < nd; d++) {
                    sc[d] *= n.spatialX[level * nd + d] * n.spatialY[level * nd + d];
                }
            }
            final long f = n.loopFactor[k];
            if (f == 1) {
                continue;
            }
            final int dk = n.loopDim[k];
            final long step = sc[dk];
            innerProd *= f;
            final long count = (f - 1) * (above / innerProd);
            if (firstDelta < 0) {
                long overlap = 1;
                for (int a = 0; a < na; a++) {
                    long tr = translation(axisStart, termDim, termCoef, sc, wrap, a, dk, step);
                    sc[first + a] = tr;
                    overlap *= Math.max(0, sc[extent + a] - Math.abs(tr));
                }
                firstDelta = tile - overlap;
                total += count * firstDelta;
            } else {
                boolean same = true;
                for (int a = 0; a < na && same; a++) {
                    same = translation(axisStart, termDim, termCoef, sc, wrap, a, dk, step) == sc[first + a];
                }
                total += count * (same ? firstDelta : tile);
            }
            sc[wrap + dk] += (extrapolate ? 1 : f - 1) * step;
            sc[dk] = step * f;
        }
        return total;
    }

    /** Component on axis {@code a} of the translation of a step of loop {@code dk} (by {@code step}) with wraps. */
    private static long translation(int[] axisStart, int[] termDim, long[] termCoef, long[] sc, int wrap, int a,
            int dk, long step) {
        long tr = 0;
        for (int k = axisStart[a]; k < axisStart[a + 1]; k++) {
            int d = termDim[k];
            tr += termCoef[k] * ((d == dk ? step : 0) - sc[wrap + d]);
        }
        return tr;
    }
}
