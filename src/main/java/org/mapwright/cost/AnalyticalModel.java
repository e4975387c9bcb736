package org.mapwright.cost;

import java.util.List;
import java.util.stream.Collectors;
import org.mapwright.mapping.Mapping;
import org.mapwright.mapping.MappingChecker;
import org.mapwright.mapping.MappingProblem;

/**
 * Timeloop-style analytical model of dense tensor accesses, energy and cycles.
 *
 * <p>The counting rules follow Timeloop v3's defaults, so that the same mapping gives the same numbers:
 * <ul>
 *   <li>Tiles are bounding boxes of each tensor's indices over the loops at and below a level.</li>
 *   <li>A level reloads a tensor per the delta rule: only the innermost loop above it that is relevant to the
 *       tensor, and only when nothing irrelevant iterates inside that loop, slides the tile and fetches just the
 *       new part; every other step of a relevant loop reloads the whole tile ({@link #loads}), except where an
 *       outer step moves a sliding window by the same translation as that loop does ({@link WrapReuse}).</li>
 *   <li>A parent serves each distinct child tile once per step (multicast); children whose tiles differ
 *       (scatter) are served separately. Distinctness is judged per spatial level ({@link #distinctChildren}).</li>
 *   <li>Unless the accelerator turns them off, children take data a mesh neighbour needed one step earlier from
 *       that neighbour instead of the parent ({@link LinkTransfers}).</li>
 *   <li>Outputs follow the read-modify-write model with first-read elision: updates minus partition size are
 *       reads, refills are loads minus partition size; children's drains are spatially reduced.</li>
 *   <li>Energy is charged per vector access (block), rounded up per tensor, action and instance.</li>
 *   <li>Each level's cycles are compute cycles stretched by its bandwidth shortfall; the slowest level wins.</li>
 *   <li>Fan-outs with an energy per hop charge the words they carry across their mesh, down to the children and
 *       (partial outputs) back up, times the hops each word travels ({@link NetworkEnergy}). Timeloop's reference
 *       designs have none, and then nothing changes.</li>
 * </ul>
 *
 * <p>{@link #evaluateWellFormed(LoopNest, Workspace)} is the allocation-free hot path for mappers; {@link #evaluate(Mapping)}
 * adds the structural check and builds a full {@link Evaluation}.
 */
public final class AnalyticalModel implements CostModel {
    private final ModelSpec spec;
    private final boolean extrapolate;

    public AnalyticalModel(ModelSpec spec) {
        this(spec, false);
    }

    private AnalyticalModel(ModelSpec spec, boolean extrapolate) {
        this.spec = spec;
        this.extrapolate = extrapolate;
    }

    /**
     * The model with the approximation of Timeloop's default mode, which simulates only iterations #0 and #1 of each
     * loop: where a sliding window could be reused across a loop wrap, it compares with the position after
     * iteration #1 instead of the last one ({@link WrapReuse}). Only for comparing with timeloop-model runs made
     * without {@code TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION}; the exact rule of the usual constructor is preferred.
     */
    public static AnalyticalModel timeloopDefaultMode(ModelSpec spec) {
        return new AnalyticalModel(spec, true);
    }

    public AnalyticalModel(org.mapwright.workload.Workload w, org.mapwright.arch.Architecture a) {
        this(new ModelSpec(w, a));
    }

    public ModelSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return "analytical";
    }

    /** A new scratch area for this model's workload and accelerator; one per thread. */
    public Workspace newWorkspace() {
        return new Workspace(spec);
    }

    @Override
    public Evaluation evaluate(Mapping mapping) {
        List<MappingProblem> problems = MappingChecker.check(mapping, spec.workload, spec.arch);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("The mapping is malformed: "
                    + problems.stream().map(MappingProblem::message).collect(Collectors.joining(" ")));
        }
        Workspace ws = newWorkspace();
        if (evaluateWellFormed(LoopNest.of(mapping, spec), ws)) {
            reportPartitions(ws);
        }
        return Evaluations.of(spec, ws);
    }

    /**
     * Evaluates an encoded mapping into {@code ws}; returns whether it is valid. A nest that is not well formed
     * ({@link LoopNest#requireWellFormed}: factors of at least 1 that multiply to the bounds) is rejected with an
     * {@link IllegalArgumentException}. Mappers, whose nests come from mapspace points and are well formed by
     * construction, call {@link #evaluateWellFormed} instead.
     */
    public boolean evaluate(LoopNest n, Workspace ws) {
        n.requireWellFormed(spec);
        return evaluateWellFormed(n, ws);
    }

    /**
     * The allocation-free hot path: {@link #evaluate(LoopNest, Workspace)} without the well-formedness check, which
     * costs about as much as the evaluation itself (measured with {@code bench/run.sh}). The caller guarantees a
     * well-formed nest; with assertions on (as in the tests) the check runs anyway.
     */
    public boolean evaluateWellFormed(LoopNest n, Workspace ws) {
        assert wellFormed(n);
        final ModelSpec s = spec;
        final int nd = s.nd;
        final int nl = s.nl;
        final int nt = s.nt;
        ws.violationCount = 0;

        // Fan-out, spatial dimensions and keep legality.
        ws.util[0] = 1;
        for (int l = 0; l < nl; l++) {
            long px = 1;
            long py = 1;
            int base = l * nd;
            for (int d = 0; d < nd; d++) {
                long x = n.spatialX[base + d];
                long y = n.spatialY[base + d];
                px *= x;
                py *= y;
                if (x > 1 && (s.allowedX[l] >>> d & 1L) == 0) {
                    ws.addViolation(Violation.Kind.SPATIAL_DIM, l, d, x, 0);
                }
                if (y > 1 && (s.allowedY[l] >>> d & 1L) == 0) {
                    ws.addViolation(Violation.Kind.SPATIAL_DIM, l, nd + d, y, 0);
                }
            }
            if (px > s.fanX[l]) {
                ws.addViolation(Violation.Kind.FANOUT_X, l, -1, px, s.fanX[l]);
            }
            if (py > s.fanY[l]) {
                ws.addViolation(Violation.Kind.FANOUT_Y, l, -1, py, s.fanY[l]);
            }
            int illegal = n.keep[l] & ~s.mayKeep[l];
            if (illegal != 0) {
                ws.addViolation(Violation.Kind.KEEP, l, Integer.numberOfTrailingZeros(illegal), 0, 0);
            }
            ws.spatialProd[l] = px * py;
            ws.util[l + 1] = ws.util[l] * ws.spatialProd[l];
        }

        // Extent of every dim at and below each level (temporal and spatial), and temporal products above.
        final long[] ext = ws.extBelow;
        for (int d = 0; d < nd; d++) {
            ext[nl * nd + d] = 1;
        }
        for (int l = nl - 1; l >= 0; l--) {
            int row = l * nd;
            int below = row + nd;
            for (int d = 0; d < nd; d++) {
                ext[row + d] = ext[below + d] * n.spatialX[row + d] * n.spatialY[row + d];
            }
            for (int k = n.levelStart[l], e = n.levelStart[l + 1]; k < e; k++) {
                ext[row + n.loopDim[k]] *= n.loopFactor[k];
            }
        }
        final long[] tAbove = ws.tAbove;
        for (int d = 0; d < nd; d++) {
            tAbove[d] = 1;
        }
        ws.aboveProd[0] = 1;
        for (int l = 0; l < nl; l++) {
            System.arraycopy(tAbove, l * nd, tAbove, (l + 1) * nd, nd);
            long p = ws.aboveProd[l];
            for (int k = n.levelStart[l], e = n.levelStart[l + 1]; k < e; k++) {
                tAbove[(l + 1) * nd + n.loopDim[k]] *= n.loopFactor[k];
                p *= n.loopFactor[k];
            }
            ws.aboveProd[l + 1] = p;
        }
        final long cc = ws.aboveProd[nl];
        ws.computeCycles = cc;

        // Tiles and capacity.
        for (int l = 0; l < nl; l++) {
            int kept = n.keep[l];
            long used = 0;
            for (int t = 0; t < nt; t++) {
                if ((kept >>> t & 1) != 0) {
                    long tl = footprint(t, ext, l * nd, null, 0);
                    ws.tile[l * nt + t] = tl;
                    used += tl;
                } else {
                    ws.tile[l * nt + t] = 0;
                }
            }
            if (used > s.effectiveCapacity[l]) {
                ws.addViolation(Violation.Kind.CAPACITY, l, -1, used, (long) s.effectiveCapacity[l]);
            }
        }
        if (ws.violationCount > 0) {
            ws.valid = false;
            ws.energy = 0;
            ws.cycles = 0;
            return false;
        }

        // Accesses, innermost keeping level first so that each level sees its child's loads.
        for (int t = 0; t < nt; t++) {
            int child = nl;
            for (int l = nl - 1; l >= 0; l--) {
                int idx = l * nt + t;
                if ((n.keep[l] >>> t & 1) == 0) {
                    ws.loads[idx] = 0;
                    ws.reads[idx] = 0;
                    ws.fills[idx] = 0;
                    ws.updates[idx] = 0;
                    ws.partition[idx] = 0;
                    continue;
                }
                long childLoads = child == nl ? cc : ws.loads[child * nt + t];
                long distinct = 1;
                for (int i = l; i < child; i++) {
                    long d = distinctChildren(n, ws, i, t);
                    ws.distinct[i * nt + t] = d;
                    distinct *= d;
                }
                long served = distinct * childLoads;
                long ld = l == 0 ? ws.tile[idx] : loads(n, ws, l, t);
                ws.loads[idx] = ld;
                if (s.output[t]) {
                    long part = footprint(t, ext, l * nd, tAbove, (l) * nd);
                    ws.partition[idx] = part;
                    ws.updates[idx] = served;
                    ws.reads[idx] = served - part;
                    ws.fills[idx] = l == 0 ? 0 : ld - part;
                } else {
                    ws.partition[idx] = 0; // counts do not need it; see reportPartitions
                    ws.updates[idx] = 0;
                    ws.reads[idx] = served;
                    ws.fills[idx] = l == 0 ? 0 : ld;
                }
                child = l;
            }
        }

        LinkTransfers.apply(s, n, ws);

        // Energy and bandwidth-limited cycles.
        double energy = s.macs * s.macEnergy;
        long cycles = cc;
        final double ccd = cc;
        for (int l = 0; l < nl; l++) {
            long b = s.block[l];
            double er = s.readEnergy[l];
            double ew = s.writeEnergy[l];
            long util = ws.util[l];
            double le = 0;
            double readDemand = 0.0;
            double writeDemand = 0.0;
            for (int t = 0; t < nt; t++) {
                int idx = l * nt + t;
                long r = ws.reads[idx];
                long f = ws.fills[idx];
                long u = ws.updates[idx];
                double te = util * (ceilDiv(r, b) * er + ceilDiv(f, b) * ew + ceilDiv(u, b) * ew);
                ws.tensorEnergy[idx] = te;
                le += te;
                readDemand += r / ccd;
                writeDemand += (f + u) / ccd;
            }
            ws.levelEnergy[l] = le;
            energy += le;
            double slow = 1.0;
            if (s.readBw[l] < readDemand) {
                slow = Math.min(slow, s.readBw[l] / readDemand);
            }
            if (s.writeBw[l] < writeDemand) {
                slow = Math.min(slow, s.writeBw[l] / writeDemand);
            }
            double total = readDemand + writeDemand;
            if (s.sharedBw[l] < total) {
                slow = Math.min(slow, s.sharedBw[l] / total);
            }
            ws.slowdown[l] = slow;
            long lc = slow == 1.0 ? cc : (long) Math.ceil(ccd / slow);
            ws.levelCycles[l] = lc;
            if (lc > cycles) {
                cycles = lc;
            }
        }
        if (s.network) {
            energy += NetworkEnergy.apply(s, n, ws);
        }
        ws.energy = energy;
        ws.cycles = cycles;
        ws.valid = true;
        return true;
    }

    private boolean wellFormed(LoopNest n) {
        n.requireWellFormed(spec);
        return true;
    }

    /**
     * Fills in the partition sizes of read-only tensors after a valid evaluation. The counts need partition sizes
     * of outputs only, so the hot path leaves these out; full reports show them.
     */
    private void reportPartitions(Workspace ws) {
        for (int l = 0; l < spec.nl; l++) {
            for (int t = 0; t < spec.nt; t++) {
                int idx = l * spec.nt + t;
                if (!spec.output[t] && ws.tile[idx] != 0) {
                    ws.partition[idx] = footprint(t, ws.extBelow, l * spec.nd, ws.tAbove, l * spec.nd);
                }
            }
        }
    }

    private static long ceilDiv(long a, long b) {
        return b == 1 ? a : (a + b - 1) / b;
    }

    /**
     * Bounding-box size of tensor {@code t} for per-dim extents {@code ext[row + d]}, each multiplied by
     * {@code mul[mulRow + d]} when {@code mul} is given.
     */
    private long footprint(int t, long[] ext, int row, long[] mul, int mulRow) {
        long size = 1;
        for (int a = 0, na = spec.axisStart[t].length - 1; a < na; a++) {
            size *= axisExtent(t, a, ext, row, mul, mulRow);
        }
        return size;
    }

    /** Extent of axis {@code a} of tensor {@code t}: sum of coef x (extent - 1) over its terms, plus one. */
    private long axisExtent(int t, int a, long[] ext, int row, long[] mul, int mulRow) {
        final int[] dims = spec.termDim[t];
        final long[] coef = spec.termCoef[t];
        long e = 1;
        for (int k = spec.axisStart[t][a], end = spec.axisStart[t][a + 1]; k < end; k++) {
            int d = dims[k];
            long x = mul == null ? ext[row + d] : ext[row + d] * mul[mulRow + d];
            e += coef[k] * (x - 1);
        }
        return e;
    }

    /**
     * Words of tensor {@code t} that one instance of level {@code l} loads over the run (Timeloop's delta rule).
     * Let j be the innermost temporal loop above l with factor > 1 that is relevant to t. Loops outside j multiply;
     * if an irrelevant loop iterates inside j, every step of j reloads the whole tile; otherwise the first step of
     * j loads the tile and each later one only the part not covered by the previous tile. When a sliding window
     * can keep its overlap across the wrap of j (or of irrelevant loops inside it), {@link WrapReuse} applies the
     * full rule.
     */
    private long loads(LoopNest n, Workspace ws, int l, int t) {
        final ModelSpec s = spec;
        final long tile = ws.tile[l * s.nt + t];
        long inner = 1;
        int j = -1;
        for (int k = n.levelStart[l] - 1; k >= 0; k--) {
            long f = n.loopFactor[k];
            if (f == 1) {
                continue;
            }
            if ((s.relevant[t] >>> n.loopDim[k] & 1L) != 0) {
                j = k;
                break;
            }
            inner *= f;
        }
        if (j < 0) {
            return tile;
        }
        final long fj = n.loopFactor[j];
        final long outer = ws.aboveProd[l] / (inner * fj);
        if (inner != 1) {
            return WrapReuse.mayDiffer(s, n, t, j) ? WrapReuse.loads(s, n, ws, l, t, extrapolate) : outer * fj * tile;
        }
        final int dj = n.loopDim[j];
        int lj = l - 1;
        while (n.levelStart[lj] > j) {
            lj--;
        }
        final int nd = s.nd;
        final long step = ws.extBelow[(lj + 1) * nd + dj] * n.spatialX[lj * nd + dj] * n.spatialY[lj * nd + dj];
        final long[] coefOnAxis = s.coefOnAxis[t];
        long overlap = 1;
        for (int a = 0, na = s.axisStart[t].length - 1; a < na; a++) {
            long keepLen = axisExtent(t, a, ws.extBelow, l * nd, null, 0) - coefOnAxis[a * nd + dj] * step;
            if (keepLen <= 0) {
                overlap = 0;
                break;
            }
            overlap *= keepLen;
        }
        long delta = tile - overlap;
        if (delta != tile && WrapReuse.mayDiffer(s, n, t, j)) {
            return WrapReuse.loads(s, n, ws, l, t, extrapolate);
        }
        return outer * (tile + (fj - 1) * delta);
    }

    /**
     * Number of distinct tiles of tensor {@code t} among the children of one instance of level {@code i} (the
     * instances its spatial loops create). Children whose tiles coincide share one access (multicast, or spatial
     * reduction for outputs); Timeloop compares tiles per spatial level, so this is computed per level.
     */
    private long distinctChildren(LoopNest n, Workspace ws, int i, int t) {
        final ModelSpec s = spec;
        final int nd = s.nd;
        final int base = i * nd;
        long product = 1;
        int axesUsed = 0;
        boolean collide = false;
        for (int d = 0; d < nd; d++) {
            long f = n.spatialX[base + d] * n.spatialY[base + d];
            if (f == 1 || (s.relevant[t] >>> d & 1L) == 0) {
                continue;
            }
            int ax = s.axisOfDim[t][d];
            if (ax < 0 || (axesUsed >>> ax & 1) != 0) {
                collide = true;
            } else {
                axesUsed |= 1 << ax;
            }
            product *= f;
        }
        if (!collide) {
            return product;
        }
        return Offsets.distinct(s, n, ws, i, t);
    }
}
