package org.mapwright.cost;

import java.util.List;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;
import org.mapwright.workload.IndexExpr;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.Term;
import org.mapwright.workload.Workload;

/**
 * A workload and an accelerator compiled to primitive arrays (dimensions, tensors and levels interned to small
 * ints), so that evaluating a mapping touches no objects but a {@link LoopNest} and a {@link Workspace}.
 *
 * <p>The hot path multiplies longs without overflow checks. That is safe because the records bound every product
 * it forms: a {@link Workload} keeps each tensor's traffic bound (MACs times its index coefficients) within
 * {@link Workload#MAX_TRAFFIC} = 2^62, which bounds every tile, load, read, fill and update, summed over instances;
 * an {@link Architecture} has at most {@link Architecture#MAX_COMPUTE_UNITS} units; energies per access are at most
 * {@link StorageLevel#MAX_ENERGY_PJ}; and {@link LoopNest#requireWellFormed} admits only factors of at least 1 that
 * multiply to the bounds.
 */
public final class ModelSpec {
    final Workload workload;
    final Architecture arch;
    final int nd;
    final int nt;
    final int nl;
    final long[] bounds;
    final long macs;

    // tensors
    final boolean[] output;
    final long[] relevant;          // bitmask over dims
    final int[][] axisStart;        // [t][a] start into termDim/termCoef, length nAxes+1
    final int[][] termDim;          // [t][k]
    final long[][] termCoef;        // [t][k]
    final long[][] coefOnAxis;      // [t][a * nd + d] coefficient of d on axis a
    final int[][] axisOfDim;        // [t][d] the single axis of d, -1 if irrelevant, -2 if on several axes
    final int maxAxes;
    final boolean[] mayForward;     // some axis sums several dims (a sliding window), so neighbours can forward

    // levels
    final long[] capacity;          // words, or StorageLevel.UNBOUNDED
    final double[] effectiveCapacity;
    final long[] block;
    final double[] readBw;
    final double[] writeBw;
    final double[] sharedBw;
    final double[] readEnergy;
    final double[] writeEnergy;
    final int[] fanX;
    final int[] fanY;
    final int[] mayKeep;            // bitmask over tensors
    final long[] allowedX;          // bitmask over dims
    final long[] allowedY;
    final double macEnergy;
    final long computeInstances;
    final boolean linkTransfers;    // neighbour forwarding between spatial instances (Timeloop's default)
    final double[] hopEnergy;       // pJ per word per hop across each level's fan-out
    final boolean network;          // some fan-out charges for its hops (NetworkEnergy runs only then)

    public ModelSpec(Workload w, Architecture a) {
        this.workload = w;
        this.arch = a;
        nd = w.dims().size();
        nt = w.tensors().size();
        nl = a.levelCount();
        if (nd > 63) {
            throw new IllegalArgumentException("Workload " + w.name() + " has " + nd + " dimensions; at most 63 are supported.");
        }
        if (nt > 31) {
            throw new IllegalArgumentException("Workload " + w.name() + " has " + nt + " tensors; at most 31 are supported.");
        }
        bounds = new long[nd];
        for (int d = 0; d < nd; d++) {
            bounds[d] = w.bound(w.dims().get(d));
        }
        macs = w.macs();
        output = new boolean[nt];
        relevant = new long[nt];
        axisStart = new int[nt][];
        termDim = new int[nt][];
        termCoef = new long[nt][];
        coefOnAxis = new long[nt][];
        axisOfDim = new int[nt][];
        int mx = 0;
        for (int t = 0; t < nt; t++) {
            Tensor ten = w.tensors().get(t);
            output[t] = ten.output();
            List<IndexExpr> idx = ten.index();
            int na = idx.size();
            mx = Math.max(mx, na);
            axisStart[t] = new int[na + 1];
            int nterms = idx.stream().mapToInt(e -> e.terms().size()).sum();
            termDim[t] = new int[nterms];
            termCoef[t] = new long[nterms];
            coefOnAxis[t] = new long[na * nd];
            axisOfDim[t] = new int[nd];
            java.util.Arrays.fill(axisOfDim[t], -1);
            int k = 0;
            for (int ax = 0; ax < na; ax++) {
                axisStart[t][ax] = k;
                for (Term term : idx.get(ax).terms()) {
                    int d = w.dimIndex(term.dim());
                    termDim[t][k] = d;
                    termCoef[t][k] = term.coefficient();
                    coefOnAxis[t][ax * nd + d] = term.coefficient();
                    relevant[t] |= 1L << d;
                    axisOfDim[t][d] = axisOfDim[t][d] == -1 ? ax : -2;
                    k++;
                }
            }
            axisStart[t][na] = k;
        }
        maxAxes = mx;
        mayForward = new boolean[nt];
        for (int t = 0; t < nt; t++) {
            for (int ax = 0; ax + 1 < axisStart[t].length; ax++) {
                mayForward[t] |= axisStart[t][ax + 1] - axisStart[t][ax] > 1;
            }
            for (int d = 0; d < nd; d++) {
                mayForward[t] |= axisOfDim[t][d] == -2;
            }
        }

        capacity = new long[nl];
        effectiveCapacity = new double[nl];
        block = new long[nl];
        readBw = new double[nl];
        writeBw = new double[nl];
        sharedBw = new double[nl];
        readEnergy = new double[nl];
        writeEnergy = new double[nl];
        fanX = new int[nl];
        fanY = new int[nl];
        mayKeep = new int[nl];
        allowedX = new long[nl];
        allowedY = new long[nl];
        hopEnergy = new double[nl];
        boolean anyHop = false;
        for (int l = 0; l < nl; l++) {
            StorageLevel s = a.level(l);
            capacity[l] = s.capacityWords();
            effectiveCapacity[l] = s.isBounded() ? Math.floor(s.capacityWords() / s.multipleBuffering()) : Double.POSITIVE_INFINITY;
            block[l] = s.blockSize();
            readBw[l] = s.readBandwidth();
            writeBw[l] = s.writeBandwidth();
            sharedBw[l] = s.sharedBandwidth();
            readEnergy[l] = s.readEnergy();
            writeEnergy[l] = s.writeEnergy();
            fanX[l] = s.fanout().x();
            fanY[l] = s.fanout().y();
            hopEnergy[l] = s.fanout().hopEnergy();
            anyHop |= hopEnergy[l] > 0 && s.fanout().size() > 1;
            for (int t = 0; t < nt; t++) {
                if (s.mayKeep(w.tensors().get(t).name())) {
                    mayKeep[l] |= 1 << t;
                }
            }
            for (int d = 0; d < nd; d++) {
                String dn = w.dims().get(d).name();
                if (s.fanout().allowsX(dn)) {
                    allowedX[l] |= 1L << d;
                }
                if (s.fanout().allowsY(dn)) {
                    allowedY[l] |= 1L << d;
                }
            }
        }
        network = anyHop;
        macEnergy = a.compute().macEnergy();
        computeInstances = a.computeInstances();
        linkTransfers = a.linkTransfers();
    }

    public Workload workload() {
        return workload;
    }

    public Architecture architecture() {
        return arch;
    }

    public int dimCount() {
        return nd;
    }

    public int tensorCount() {
        return nt;
    }

    public int levelCount() {
        return nl;
    }

    boolean isRelevant(int t, int d) {
        return (relevant[t] >>> d & 1L) != 0;
    }
}
