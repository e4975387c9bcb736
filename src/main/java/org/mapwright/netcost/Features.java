package org.mapwright.netcost;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.StorageLevel;
import org.mapwright.surrogate.WorkloadKind;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.Workload;

/**
 * The inputs of the learned cost predictor: a layer's shape and an accelerator's parameters as numbers.
 *
 * <p>Layer ({@value #LAYER} values): the kind one-hot (conv2d, depthwise_conv2d, matmul, batched_matmul), log2 of the
 * seven canonical dimensions {@code C M R S N P Q} (1 when the kind has no such dimension), log2 of the stride, log2
 * of the MACs and of the three tensors' sizes.
 *
 * <p>Accelerator (per storage level, outermost first): log2 of the capacity in bits (0 for an unbounded level) and of
 * the instances and block size, log of read and write energy per access, log2 of the read bandwidth (capped), which
 * of Weights/Inputs/Outputs it may keep, log2 of its fan-out's X and Y and, per axis, which canonical dimensions the
 * fan-out may unroll there, and the hop energy; then log2 of the MAC count and the energy per MAC.
 */
public final class Features {
    /** Length of a layer's features. */
    public static final int LAYER = 16;
    private static final int PER_LEVEL = 26;
    private static final List<String> TENSORS = List.of("Weights", "Inputs", "Outputs");

    private Features() {
    }

    /** A layer's features, if its shape is one the predictor knows. */
    public static Optional<float[]> layer(Workload w) {
        Optional<WorkloadKind> kind = WorkloadKind.of(w);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        float[] x = new float[LAYER];
        x[kind.get().ordinal()] = 1;
        int[] slots = kind.get().canonicalDims(w);
        for (int d = 0; d < slots.length; d++) {
            x[4 + slots[d]] = log2(w.bound(w.dims().get(d)));
        }
        x[11] = log2(w.coefficients().getOrDefault("stride", 1L));
        x[12] = log2(w.macs());
        for (Tensor t : w.tensors()) {
            int i = TENSORS.indexOf(t.name());
            if (i >= 0) {
                x[13 + i] = log2(w.tensorSize(t));
            }
        }
        return Optional.of(x);
    }

    /**
     * The predictor's two targets for a layer's cost: ln(energy per MAC) and ln(cycles x MAC units / MACs) (the
     * inverse of the utilisation), which vary far less across shapes and accelerators than energy and cycles do.
     */
    public static float[] targets(Workload w, Architecture a, double energyPj, double cycles) {
        double macs = Math.max(1, w.macs());
        return new float[] {(float) Math.log(energyPj / macs), (float) Math.log(cycles * a.computeInstances() / macs)};
    }

    /** Energy and cycles from {@link #targets}. */
    public static double[] costs(Workload w, Architecture a, float lnEnergyPerMac, float lnInverseUtilisation) {
        double macs = Math.max(1, w.macs());
        return new double[] {Math.exp(lnEnergyPerMac) * macs, Math.exp(lnInverseUtilisation) * macs / a.computeInstances()};
    }

    /** Length of an accelerator's features: depends only on its number of storage levels. */
    public static int hardwareLength(Architecture a) {
        return a.levelCount() * PER_LEVEL + 2;
    }

    /** An accelerator's features. */
    public static float[] hardware(Architecture a) {
        float[] x = new float[hardwareLength(a)];
        int at = 0;
        for (int i = 0; i < a.levelCount(); i++) {
            StorageLevel l = a.level(i);
            x[at++] = l.isBounded() ? log2((double) l.capacityWords() * l.wordBits()) : 0;
            x[at++] = log2(a.instances(i));
            x[at++] = log2(l.blockSize());
            x[at++] = (float) Math.log(l.readEnergy() + 1e-3);
            x[at++] = (float) Math.log(l.writeEnergy() + 1e-3);
            x[at++] = log2(Math.min(l.readBandwidth(), 1 << 20));
            for (String t : TENSORS) {
                x[at++] = l.mayKeep(t) ? 1 : 0;
            }
            Fanout f = l.fanout();
            x[at++] = log2(f.x());
            x[at++] = log2(f.y());
            for (String d : WorkloadKind.CANONICAL_DIMS) {
                x[at++] = f.x() > 1 && f.allowsX(d) ? 1 : 0;
            }
            for (String d : WorkloadKind.CANONICAL_DIMS) {
                x[at++] = f.y() > 1 && f.allowsY(d) ? 1 : 0;
            }
            x[at++] = (float) f.hopEnergy();
        }
        x[at++] = log2(a.computeInstances());
        x[at] = (float) a.compute().macEnergy();
        return x;
    }

    /** Length of the features that relate a layer to an accelerator ({@link #pair}). */
    public static int pairLength(Architecture a) {
        return a.levelCount() * 5 + 1;
    }

    /**
     * Features of a layer on an accelerator, which neither alone shows: per storage level, log2 of how many times
     * each of Weights, Inputs and Outputs fits in one instance (clipped to [-24, 24]; 24 for an unbounded level, 0 for
     * a tensor it may not keep); per fan-out axis, log2 of the best fraction of it the layer's dimensions allowed
     * there can fill; and log2 of the product of those fractions (a bound on the MAC units' utilisation).
     */
    public static float[] pair(Workload w, Architecture a) {
        float[] x = new float[pairLength(a)];
        int at = 0;
        double util = 1;
        for (int i = 0; i < a.levelCount(); i++) {
            StorageLevel l = a.level(i);
            for (String tn : TENSORS) {
                Optional<Tensor> t = w.tensor(tn);
                double fit = 0;
                if (t.isPresent() && l.mayKeep(tn)) {
                    fit = !l.isBounded() ? 24 : Math.log((double) l.capacityWords() / Math.max(1, w.tensorSize(t.get())))
                            / Math.log(2);
                }
                x[at++] = (float) Math.max(-24, Math.min(24, fit));
            }
            Fanout f = l.fanout();
            double ux = fill(w, f.x(), true, f);
            double uy = fill(w, f.y(), false, f);
            util *= ux * uy;
            x[at++] = (float) (Math.log(ux) / Math.log(2));
            x[at++] = (float) (Math.log(uy) / Math.log(2));
        }
        x[at] = (float) (Math.log(util) / Math.log(2));
        return x;
    }

    /** The best fraction of an axis of {@code size} that the layer's dimensions allowed on it can fill. */
    private static double fill(Workload w, int size, boolean onX, Fanout f) {
        if (size <= 1) {
            return 1;
        }
        double best = 1.0 / size;
        double product = 1;
        for (var d : w.dims()) {
            if (onX ? f.allowsX(d.name()) : f.allowsY(d.name())) {
                best = Math.max(best, Math.min(1.0, (double) w.bound(d) / size));
                product *= w.bound(d);
            }
        }
        // a few dimensions together may fill the axis; their product bounds what they can reach
        return Math.max(best, Math.min(1.0, product / size) * 0.5 + best * 0.5);
    }

    /** A predictor's input row: the layer's, the accelerator's and the pair's features. */
    public static Optional<float[]> row(Workload w, Architecture a, float[] hardware) {
        Optional<float[]> l = layer(w);
        if (l.isEmpty()) {
            return Optional.empty();
        }
        float[] p = pair(w, a);
        float[] x = new float[LAYER + hardware.length + p.length];
        System.arraycopy(l.get(), 0, x, 0, LAYER);
        System.arraycopy(hardware, 0, x, LAYER, hardware.length);
        System.arraycopy(p, 0, x, LAYER + hardware.length, p.length);
        return Optional.of(x);
    }

    /** Length of {@link #row} for an accelerator. */
    public static int rowLength(Architecture a) {
        return LAYER + hardwareLength(a) + pairLength(a);
    }

    /** Names of the accelerator features, for reports. */
    public static List<String> hardwareNames(Architecture a) {
        List<String> n = new ArrayList<>();
        for (int i = 0; i < a.levelCount(); i++) {
            String p = a.level(i).name() + ".";
            n.addAll(List.of(p + "log2_bits", p + "log2_instances", p + "log2_block", p + "ln_read_pj", p + "ln_write_pj",
                    p + "log2_read_bw", p + "keeps_weights", p + "keeps_inputs", p + "keeps_outputs", p + "log2_fanout_x",
                    p + "log2_fanout_y"));
            for (String d : WorkloadKind.CANONICAL_DIMS) {
                n.add(p + "x_unrolls_" + d);
            }
            for (String d : WorkloadKind.CANONICAL_DIMS) {
                n.add(p + "y_unrolls_" + d);
            }
            n.add(p + "hop_pj");
        }
        n.add("log2_macs");
        n.add("mac_pj");
        return n;
    }

    static float log2(double v) {
        return (float) (Math.log(Math.max(v, 1)) / Math.log(2));
    }

}
