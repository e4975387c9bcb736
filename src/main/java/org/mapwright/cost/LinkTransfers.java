package org.mapwright.cost;

import java.util.Arrays;

/**
 * Neighbour forwarding between the spatial instances under one parent ("link transfers"), as Timeloop v3.0.3 models
 * it by default (its {@code TIMELOOP_DISABLE_LINK_TRANSFERS} switch turns it off).
 *
 * <p>At every step of the temporal loops above a fan-out, each child needs a delta: the part of its next tile it does
 * not hold. A child whose delta equals the delta one of its mesh neighbours needed at the previous step gets it
 * from that neighbour instead of from the parent. Timeloop keeps the forwarding for a step only when it lowers the
 * parent's accesses; then the parent reads fewer words (one per distinct delta among the children that are not
 * served by a neighbour), each forwarded word costs the sending child a read, and the receiving child's fill comes
 * from the link instead of the parent (its fill count stays the same when the parent is a single instance).
 *
 * <p>The rule below restates Timeloop's (its nest analysis and tiling code), for read-only tensors kept at the level
 * just inside the fan-out; when the level that unrolls bypasses the tensor, the saving falls on the next level out
 * that keeps it. When the level just inside the fan-out bypasses the tensor, Timeloop still chooses the forwarding
 * (it compares the parent's accesses with and without), but then drops the child level by rescaling the parent's
 * accesses until the words they deliver equal what the child's own children consume; as forwarded words are no
 * longer delivered, the parent ends up reading more than without links, and nothing is forwarded or charged to the
 * children (see {@link #rescale}):
 * <ul>
 *   <li>All children move together, so a child's delta is the first child's delta shifted by its spatial offset, and
 *       child s receives from neighbour s' exactly when the step's translation of the delta equals
 *       {@code offset(s') - offset(s)}.</li>
 *   <li>Neighbours are the children one apart in Timeloop's row-major mesh: the spatial loops are numbered Y outer,
 *       X inner (in the mapping's loop order, {@link LoopNest#spatialOrder}), and rows are
 *       {@code max(physical X fan-out, used X)} wide, as Timeloop lays them out, even when fewer columns are used.</li>
 *   <li>Timeloop simulates only iterations 0 and 1 of every temporal loop and scales the second (temporal
 *       extrapolation, its default). With k the innermost temporal loop above the children, relevant to the tensor,
 *       the consecutive deltas that can match are: a step of k after a reload when k's tiles do not overlap
 *       (translation {@code u_k}, one per step of k after its first); the first step of an outer loop c after k's
 *       simulated iteration 1, when the tiles do not overlap (translation {@code u_c - sum of u_i inside c}); and,
 *       when that translation equals {@code u_k}, the slide continues across the wrap, so the c step and the k steps
 *       after it match with the overlapping delta. An irrelevant innermost loop leaves empty deltas between, so
 *       nothing matches.</li>
 *   <li>The sending child reads {@code words / (all child instances)} more, rounded, as Timeloop divides the
 *       per-parent count by every instance of the child level; for the same reason, when the parent has several
 *       instances the receiving child's fills change by {@code words / (child instances) - words / (children per
 *       parent)}, and the sum is truncated (Timeloop keeps a read-only tensor's fills in an integer without
 *       rounding, while it rounds reads).</li>
 * </ul>
 * Timeloop charges link traffic to the network (zero energy here, as in the reference ERT setting). Read-write
 * tensors (outputs) are left out: with Timeloop's reduction handling their forwarding would need its own rule, and
 * for outputs indexed by one dimension per axis (every built-in workload) no delta can match anyway (see
 * {@link #apply}). With Timeloop's temporal extrapolation disabled, overlapping sliding windows do forward; this
 * class follows the default.
 */
final class LinkTransfers {
    private LinkTransfers() {
    }

    /**
     * Adjusts the read counts in {@code ws} for forwarding, and records the forwarded words per level and tensor.
     * Only tensors with an axis that sums several dimensions (a sliding window) are examined: when every axis follows
     * one dimension, a step of the loops above moves a tile by at least the unrolled extent of that dimension, more
     * than any two children's offsets differ, so no delta can match a neighbour's.
     */
    static void apply(ModelSpec s, LoopNest n, Workspace ws) {
        Arrays.fill(ws.linkIn, 0);
        if (!s.linkTransfers) {
            return;
        }
        for (int l = 0; l + 1 < s.nl; l++) {
            if (ws.spatialProd[l] <= 1) {
                continue;
            }
            int k = n.levelStart[l + 1] - 1;
            while (k >= 0 && n.loopFactor[k] == 1) {
                k--;
            }
            if (k < 0) {
                continue;
            }
            for (int t = 0; t < s.nt; t++) {
                if (s.mayForward[t] && !s.output[t] && s.isRelevant(t, n.loopDim[k]) && kept(n, l, t)) {
                    forward(s, n, ws, l, t, k);
                }
            }
        }
    }

    /** Whether some level at or above {@code l} keeps tensor {@code t}, so that a parent serves the children. */
    private static boolean kept(LoopNest n, int l, int t) {
        for (int a = l; a >= 0; a--) {
            if ((n.keep[a] >>> t & 1) != 0) {
                return true;
            }
        }
        return false;
    }

    private static void forward(ModelSpec s, LoopNest n, Workspace ws, int l, int t, int k) {
        final int nd = s.nd;
        final int na = s.axisStart[t].length - 1;
        final int row = (l + 1) * nd;
        final long[] ext = ws.linkExt;
        final long[] span = ws.linkSpan;
        final long[] u = ws.linkU;
        final long[] w = ws.linkW;
        final int[] termDim = s.termDim[t];
        final long[] termCoef = s.termCoef[t];
        for (int a = 0; a < na; a++) {
            long e = 1;
            long sp = 0;
            for (int i = s.axisStart[t][a], end = s.axisStart[t][a + 1]; i < end; i++) {
                int d = termDim[i];
                long c = termCoef[i];
                e += c * (ws.extBelow[row + d] - 1);
                sp += Math.abs(c) * (n.spatialX[l * nd + d] * n.spatialY[l * nd + d] - 1) * ws.extBelow[row + d];
            }
            ext[a] = e;
            span[a] = sp;
        }
        int lk = l;
        while (n.levelStart[lk] > k) {
            lk--;
        }
        translation(s, n, ws, t, k, lk, u);
        long overlap = 1;
        for (int a = 0; a < na; a++) {
            overlap *= Math.max(0, ext[a] - Math.abs(u[a]));
        }
        final boolean masked = (n.keep[l + 1] >>> t & 1) == 0;
        long tile = ws.tile[(l + 1) * s.nt + t];
        if (masked) {
            tile = 1;
            for (int a = 0; a < na; a++) {
                tile *= ext[a];
            }
        }
        final long delta = tile - overlap;
        final long nk = n.loopFactor[k];
        final long runs = ws.aboveProd[l + 1] / nk;
        long[] acc = ws.linkAcc;
        acc[0] = 0;
        acc[1] = 0;
        acc[2] = 0;
        if (overlap == 0) {
            match(s, n, ws, l, t, u, runs * (nk - 1), tile, acc);
        }
        // Outer loops c, inner to outer; inside[] sums the translations of the loops inside c, which wrap back
        // from their simulated iteration 1 when c steps.
        final long[] inside = ws.linkV;
        System.arraycopy(u, 0, inside, 0, na);
        long insideProd = nk;
        for (int c = k - 1; c >= 0; c--) {
            long nc = n.loopFactor[c];
            if (nc == 1) {
                continue;
            }
            while (n.levelStart[lk] > c) {
                lk--;
            }
            long count = ws.aboveProd[l + 1] / (insideProd * nc) * (nc - 1);
            insideProd *= nc;
            translation(s, n, ws, t, c, lk, w);
            for (int a = 0; a < na; a++) {
                long uc = w[a];
                w[a] -= inside[a];
                inside[a] += uc;
            }
            if (overlap == 0) {
                match(s, n, ws, l, t, w, count, tile, acc);
            } else if (Arrays.equals(w, 0, na, u, 0, na)) {
                match(s, n, ws, l, t, u, count * nk, delta, acc);
            }
        }
        long linked = acc[0];
        if (linked == 0) {
            return;
        }
        int a = l;
        while ((n.keep[a] >>> t & 1) == 0) {
            a--;
        }
        int parent = a * s.nt + t;
        if (masked) {
            rescale(ws, parent, ws.spatialProd[l], acc[2], runs * (tile + (nk - 1) * delta), linked, acc[1]);
            return;
        }
        int child = (l + 1) * s.nt + t;
        // A parent that bypasses the tensor passes its saving up: the keeping ancestor serves each of the parent's
        // distinct tiles, so it saves as many times over.
        long copies = ws.reads[parent] / (acc[2] * ws.loads[child]);
        ws.reads[parent] -= copies * acc[1];
        ws.reads[child] += Math.round((double) linked / ws.util[l + 1]);
        if (ws.util[l] > 1) {
            // Timeloop averages the parent's share over its own children but the forwarded words over all instances,
            // and stores a read-only tensor's fills in an integer without rounding: the count is truncated.
            ws.fills[child] = fillsWithLinks(ws.fills[child], linked, ws.spatialProd[l], ws.util[l + 1]);
        }
        ws.linkIn[child] = linked * ws.util[l];
    }

    /**
     * A receiving child's fills when the parent has several instances: {@code fills - linked / children +
     * linked / instances}, rounded down as Timeloop's integer conversion does, computed exactly (the value is
     * often a whole number, which a floating-point sum could land just below).
     */
    static long fillsWithLinks(long fills, long linked, long children, long instances) {
        try {
            long den = Math.multiplyExact(children, instances);
            long less = Math.multiplyExact(linked, instances - children);
            return Math.subtractExact(fills, -Math.floorDiv(-less, den));
        } catch (ArithmeticException overflow) {
            return (long) Math.floor(fills - (double) linked / children + (double) linked / instances);
        }
    }

    /**
     * Timeloop drops a bypassing child level by rescaling the parent's access counts so that the words they deliver
     * match what the child's own children consume, which undoes the forwarded words as well: the parent's reads
     * become {@code reads * (T - saved) / (W - linked) * W / T}, with T the distinct words sent (one per distinct
     * delta, {@code distinct * perChild}) and W the words delivered ({@code children * perChild}) without links.
     */
    private static void rescale(Workspace ws, int parent, long children, long distinct, long perChild, long linked,
                                long saved) {
        double t = (double) distinct * perChild;
        double w = (double) children * perChild;
        ws.reads[parent] = Math.round(ws.reads[parent] * ((t - saved) / (w - linked)) * (w / t));
    }

    /** Translation of tensor {@code t}'s tile, per axis, when temporal loop {@code k} of level {@code lk} advances. */
    private static void translation(ModelSpec s, LoopNest n, Workspace ws, int t, int k, int lk, long[] out) {
        final int nd = s.nd;
        final int dk = n.loopDim[k];
        long step = ws.extBelow[(lk + 1) * nd + dk] * n.spatialX[lk * nd + dk] * n.spatialY[lk * nd + dk];
        for (int i = k + 1, e = n.levelStart[lk + 1]; i < e; i++) {
            if (n.loopDim[i] == dk) {
                step *= n.loopFactor[i];
            }
        }
        for (int a = 0, na = s.axisStart[t].length - 1; a < na; a++) {
            out[a] = s.coefOnAxis[t][a * nd + dk] * step;
        }
    }

    /**
     * Accounts {@code steps} steps whose deltas ({@code size} words each) moved by {@code w}: counts the children a
     * neighbour can serve and, when that lowers the parent's accesses, adds the forwarded words to {@code acc[0]} and
     * the parent reads saved to {@code acc[1]}.
     */
    private static void match(ModelSpec s, LoopNest n, Workspace ws, int l, int t, long[] w, long steps, long size,
                              long[] acc) {
        final int na = s.axisStart[t].length - 1;
        if (steps == 0 || size == 0) {
            return;
        }
        for (int a = 0; a < na; a++) {
            if (Math.abs(w[a]) > ws.linkSpan[a]) {
                return;
            }
        }
        final int nd = s.nd;
        final int f = Math.toIntExact(ws.spatialProd[l]);
        final long[] off = ws.linkOffsets(f * na);
        final long[] all = ws.linkCodes(2 * f);
        // Children in Timeloop's order: Y loops outer, X loops inner; number the unrolled dims innermost first.
        final int base = l * nd;
        final int[] dims = ws.linkDims;
        int nu = 0;
        long lx = 1;
        long ly = 1;
        for (int d = 0; d < nd; d++) {
            lx *= n.spatialX[base + d];
            ly *= n.spatialY[base + d];
        }
        if (n.spatialOrder[base] == -1) {
            for (int pass = 0; pass < 2; pass++) {
                long[] fac = pass == 0 ? n.spatialX : n.spatialY;
                for (int d = nd - 1; d >= 0; d--) {
                    if (fac[base + d] > 1) {
                        dims[nu++] = d;
                    }
                }
            }
        } else {
            int last = 0;
            while (last < nd && n.spatialOrder[base + last] != -1) {
                last++;
            }
            for (int i = last - 1; i >= 0; i--) {
                int d = n.spatialOrder[base + i];
                if (n.spatialX[base + d] * n.spatialY[base + d] > 1) {
                    dims[nu++] = d;
                }
            }
        }
        for (int key = 0; key < f; key++) {
            long rest = key;
            for (int a = 0; a < na; a++) {
                off[key * na + a] = 0;
            }
            for (int i = 0; i < nu; i++) {
                int d = dims[i];
                long fd = n.spatialX[base + d] * n.spatialY[base + d];
                long stepD = rest % fd * ws.extBelow[(l + 1) * nd + d];
                rest /= fd;
                for (int a = 0; a < na; a++) {
                    off[key * na + a] += s.coefOnAxis[t][a * nd + d] * stepD;
                }
            }
        }
        final long h = Math.max(s.fanX[l], lx);
        final long v = Math.max(s.fanY[l], ly);
        int linked = 0;
        int unlinked = 0;
        for (int key = 0; key < f; key++) {
            long hid = key % h;
            long vid = key / h;
            boolean served = (hid > 0 && same(off, key - 1, key, w, na))
                    || (hid + 1 < h && key + 1 < f && same(off, key + 1, key, w, na))
                    || (v > 1 && vid > 0 && same(off, (int) (key - h), key, w, na))
                    || (v > 1 && vid + 1 < v && key + h < f && same(off, (int) (key + h), key, w, na));
            long code = code(off, key, na, ws.linkSpan);
            all[key] = code;
            if (served) {
                linked++;
            } else {
                all[f + unlinked++] = code;
            }
        }
        long distinctAll = distinct(all, 0, f);
        acc[2] = distinctAll;
        long distinctLeft = distinct(all, f, f + unlinked);
        if (distinctLeft < distinctAll) {
            acc[0] += steps * linked * size;
            acc[1] += steps * (distinctAll - distinctLeft) * size;
        }
    }

    /** Whether child {@code from}'s offset minus child {@code to}'s equals {@code w}. */
    private static boolean same(long[] off, int from, int to, long[] w, int na) {
        for (int a = 0; a < na; a++) {
            if (off[from * na + a] - off[to * na + a] != w[a]) {
                return false;
            }
        }
        return true;
    }

    private static long code(long[] off, int key, int na, long[] span) {
        long c = 0;
        for (int a = 0; a < na; a++) {
            c = c * (2 * span[a] + 1) + off[key * na + a] + span[a];
        }
        return c;
    }

    private static long distinct(long[] values, int from, int to) {
        if (to <= from) {
            return 0;
        }
        Arrays.sort(values, from, to);
        long unique = 1;
        for (int i = from + 1; i < to; i++) {
            if (values[i] != values[i - 1]) {
                unique++;
            }
        }
        return unique;
    }
}
