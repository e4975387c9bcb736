package org.mapwright.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.collections.api.factory.primitive.LongLists;
import org.eclipse.collections.api.list.primitive.ImmutableLongList;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.StorageLevel;
import org.mapwright.cost.Cost;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.workload.Dim;
import org.mapwright.workload.DistinctPoints;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.Workload;

/**
 * Costs no mapping of a space can beat, so that {@code edp / lowerBound.edp()} says how much headroom a search may
 * have left. Each part is a bound on its own: every valid mapping's energy is at least {@link #energyPj()}, its cycles
 * at least {@link #cycles()}, and so its EDP at least {@link #edp()}.
 *
 * <p>Per tensor, with {@code D} the distinct elements the layer touches ({@link DistinctPoints}, not the bounding
 * box: a stride-2 1x1 convolution never moves the skipped input columns):
 * <ul>
 *   <li>DRAM (level 0) reads each operand element, and receives each output element as an update, at least once.</li>
 *   <li>A level the constraints make keep the tensor is filled with, and read out, every element at least once
 *       (outputs: updated at least once).</li>
 *   <li>The innermost level keeping the tensor serves the compute units: it is read (outputs: updated) at least
 *       once per temporal step of each of its instances, that is at least {@code MACs / S} times in all, where
 *       {@code S} is the largest spatial fan-out below it (full multicast or spatial reduction). Which level that is
 *       is the mapping's choice, so the bound takes the cheapest level the space lets keep the tensor; a level the
 *       tensor bypasses costs nothing, and the cost of serving moves to the next level that may keep it.</li>
 *   <li>Energy is charged per vector access as the model does ({@code ceil(count / block)} per instance is at least
 *       {@code count / block} summed).</li>
 * </ul>
 * Cycles: compute-bound at full use of the array, {@code ceil(MACs / compute units)}; bandwidth-bound where a level's
 * minimum traffic per instance exceeds what its bandwidth moves in that time (DRAM's reads and writes, the kept
 * levels' fills, the serving level's reads).
 *
 * @param energyPj          energy bound in pJ
 * @param computeCycles     cycles at full use of every compute unit
 * @param bandwidthCycles   cycles the minimum traffic needs at the levels' bandwidths
 * @param tensors           per-tensor detail: distinct elements and the energy share of each
 */
public record LowerBound(double energyPj, long computeCycles, long bandwidthCycles, List<TensorBound> tensors) {

    /**
     * One tensor's part of the bound.
     *
     * @param tensor    tensor name
     * @param distinct  distinct elements touched by the layer
     * @param energyPj  minimum access energy of this tensor over all levels, in pJ
     * @param minTraffic minimum words moved at each level (reads plus fills plus updates; 0 where the level may be
     *                   bypassed)
     */
    public record TensorBound(String tensor, long distinct, double energyPj, ImmutableLongList minTraffic) {
    }

    public LowerBound {
        tensors = List.copyOf(tensors);
        if (!(energyPj >= 0) || Double.isInfinite(energyPj) || computeCycles < 1 || bandwidthCycles < 0) {
            throw new IllegalArgumentException("A lower bound needs a finite, non-negative energy and positive cycles.");
        }
    }

    /** Cycle bound: the larger of the compute-bound and the bandwidth-bound cycles. */
    public long cycles() {
        return Math.max(computeCycles, bandwidthCycles);
    }

    /** EDP bound in J x cycles. */
    public double edp() {
        return Cost.edp(energyPj, cycles());
    }

    /** The bound for every mapping of {@code space} (its constraints decide which levels must or may keep what). */
    public static LowerBound of(Mapspace space) {
        Architecture a = space.architecture();
        int nl = a.levelCount();
        int[] must = new int[nl];
        int[] may = new int[nl];
        for (int l = 0; l < nl; l++) {
            must[l] = space.fixedKeeps(l);
            may[l] = space.allowedKeeps(l);
        }
        return compute(space.workload(), a, must, may);
    }

    /** The bound for every mapping of {@code w} on {@code a} without constraints. */
    public static LowerBound of(Workload w, Architecture a) {
        int nl = a.levelCount();
        int[] must = new int[nl];
        int[] may = new int[nl];
        for (int l = 0; l < nl; l++) {
            for (int t = 0; t < w.tensors().size(); t++) {
                if (l == 0 || a.level(l).mayKeep(w.tensors().get(t).name())) {
                    may[l] |= 1 << t;
                }
            }
            must[l] = l == 0 ? may[0] : 0;
        }
        return compute(w, a, must, may);
    }

    private static LowerBound compute(Workload w, Architecture a, int[] must, int[] may) {
        int nl = a.levelCount();
        double macs = w.macs();
        long units = a.computeInstances();
        long parallel = maxParallelism(w, a);
        long computeCycles = Math.max(1, (w.macs() + parallel - 1) / parallel);
        double energy = macs * a.compute().macEnergy();
        double bwCycles = 0;
        double dramReads = 0;
        double dramWrites = 0;
        StorageLevel dram = a.level(0);
        List<TensorBound> details = new ArrayList<>();
        for (int t = 0; t < w.tensors().size(); t++) {
            Tensor ten = w.tensors().get(t);
            boolean out = ten.output();
            double d = DistinctPoints.of(w, ten);
            long[] traffic = new long[nl];
            // DRAM: every operand element read once; every output element arrives once as an update.
            double te = d * (out ? dram.writeEnergy() : dram.readEnergy()) / dram.blockSize();
            traffic[0] = (long) d;
            if (out) {
                dramWrites += d;
            } else {
                dramReads += d;
            }
            int deepestForced = 0;
            for (int l = 1; l < nl; l++) {
                if ((must[l] >>> t & 1) == 0) {
                    continue;
                }
                deepestForced = l;
                StorageLevel s = a.level(l);
                double perInstance = d / a.instances(l);
                if (out) {
                    te += d * s.writeEnergy() / s.blockSize();
                    traffic[l] = (long) d;
                    bwCycles = Math.max(bwCycles, perInstance / Math.min(s.writeBandwidth(), s.sharedBandwidth()));
                } else {
                    te += d * (s.writeEnergy() + s.readEnergy()) / s.blockSize();
                    traffic[l] = 2 * (long) d;
                    bwCycles = Math.max(bwCycles, Math.max(perInstance / s.writeBandwidth(), perInstance / s.readBandwidth()));
                    bwCycles = Math.max(bwCycles, 2 * perInstance / s.sharedBandwidth());
                }
            }
            // The serving level: the cheapest level the space lets be the innermost keeper.
            double bestExtra = Double.POSITIVE_INFINITY;
            double bestFeedCycles = Double.POSITIVE_INFINITY;
            int bestLevel = 0;
            long bestTraffic = 0;
            for (int l = deepestForced; l < nl; l++) {
                if (l > 0 && (may[l] >>> t & 1) == 0) {
                    continue;
                }
                StorageLevel s = a.level(l);
                double below = (double) units / a.instances(l);
                double feed = macs / below;
                boolean counted = l == 0 || (must[l] >>> t & 1) != 0;
                double perAccess = (out ? s.writeEnergy() : s.readEnergy()) / s.blockSize();
                double extra = counted
                        ? Math.max(0, feed - d) * perAccess
                        : Math.max(d, feed) * perAccess + (out ? 0 : d * s.writeEnergy() / s.blockSize());
                if (extra < bestExtra) {
                    bestExtra = extra;
                    bestLevel = l;
                    bestTraffic = counted ? (long) Math.max(0, feed - d)
                            : (long) Math.max(d, feed) + (out ? 0 : (long) d);
                }
                // Each used instance serves at least one access per temporal step: MACs / compute units steps.
                double bw = out ? Math.min(s.writeBandwidth(), s.sharedBandwidth())
                        : Math.min(s.readBandwidth(), s.sharedBandwidth());
                bestFeedCycles = Math.min(bestFeedCycles, (macs / parallel) / bw);
            }
            te += bestExtra;
            bwCycles = Math.max(bwCycles, bestFeedCycles);
            energy += te;
            traffic[bestLevel] += bestTraffic;
            details.add(new TensorBound(ten.name(), (long) d, te, LongLists.immutable.of(traffic)));
        }
        bwCycles = Math.max(bwCycles, dramReads / dram.readBandwidth());
        bwCycles = Math.max(bwCycles, dramWrites / dram.writeBandwidth());
        bwCycles = Math.max(bwCycles, (dramReads + dramWrites) / dram.sharedBandwidth());
        // The model divides in floating point; stay one ulp-safe below its ceiling.
        long bandwidthCycles = (long) Math.floor(bwCycles * (1 - 1e-12));
        return new LowerBound(energy, computeCycles, bandwidthCycles, details);
    }

    /**
     * Most compute units any mapping can keep busy: the array's size, capped on each mesh axis by the product of the
     * bounds of the dimensions it may unroll, and overall by the product of the bounds of every dimension that may be
     * unrolled somewhere (a dimension's factors over all levels multiply to its bound).
     */
    static long maxParallelism(Workload w, Architecture a) {
        long perAxis = 1;
        Set<String> spatialDims = new HashSet<>();
        for (int l = 0; l < a.levelCount(); l++) {
            Fanout f = a.level(l).fanout();
            perAxis = Math.multiplyExact(perAxis, Math.min(f.x(), axisCap(w, f, true, spatialDims)));
            perAxis = Math.multiplyExact(perAxis, Math.min(f.y(), axisCap(w, f, false, spatialDims)));
        }
        long dimsCap = 1;
        for (Dim d : w.dims()) {
            if (spatialDims.contains(d.name())) {
                dimsCap = Workload.saturatingMultiply(dimsCap, w.bound(d));
            }
        }
        return Math.max(1, Math.min(a.computeInstances(), Math.min(perAxis, dimsCap)));
    }

    private static long axisCap(Workload w, Fanout f, boolean x, Set<String> seen) {
        int side = x ? f.x() : f.y();
        if (side <= 1) {
            return 1;
        }
        long cap = 1;
        for (Dim d : w.dims()) {
            if (x ? f.allowsX(d.name()) : f.allowsY(d.name())) {
                seen.add(d.name());
                cap = Math.min(side, Workload.saturatingMultiply(cap, w.bound(d)));
            }
        }
        return cap;
    }
}
