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
