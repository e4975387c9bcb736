package org.mapwright.surrogate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mapwright.workload.Dim;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.Workload;

/**
 * The layer shapes a surrogate understands, each laid onto the seven canonical dimensions of a convolution
 * {@code C, M, R, S, N, P, Q} and the three canonical tensors {@code Weights, Inputs, Outputs}. A workload is of a
 * kind when it has exactly the kind's dimension names and tensor names and every dimension indexes exactly the
 * tensors it indexes in the kind's template ({@code workloads/layers.mw}); matrix multiplies map K to C (reduction),
 * N to M (weights and outputs), M to P (inputs and outputs), and a batch B to N.
 */
public enum WorkloadKind {
    CONV(Map.of("C", 0, "M", 1, "R", 2, "S", 3, "N", 4, "P", 5, "Q", 6),
            Map.of("C", "WI", "M", "WO", "R", "WI", "S", "WI", "N", "IO", "P", "IO", "Q", "IO")),
    DEPTHWISE(Map.of("C", 0, "R", 2, "S", 3, "N", 4, "P", 5, "Q", 6),
            Map.of("C", "WIO", "R", "WI", "S", "WI", "N", "IO", "P", "IO", "Q", "IO")),
    MATMUL(Map.of("K", 0, "N", 1, "M", 5), Map.of("K", "WI", "N", "WO", "M", "IO")),
    BATCHED_MATMUL(Map.of("K", 0, "N", 1, "B", 4, "M", 5), Map.of("K", "WI", "N", "WO", "B", "WIO", "M", "IO"));

    /** The canonical dimensions, in feature order. */
    public static final List<String> CANONICAL_DIMS = List.of("C", "M", "R", "S", "N", "P", "Q");
    /** The canonical tensors, in feature order. */
    public static final List<String> CANONICAL_TENSORS = List.of("Weights", "Inputs", "Outputs");

    private final Map<String, Integer> slot;
    private final Map<String, String> touches;

    WorkloadKind(Map<String, Integer> slot, Map<String, String> touches) {
        this.slot = slot;
        this.touches = touches;
    }

    /** The kind of a workload, if it has one. */
    public static Optional<WorkloadKind> of(Workload w) {
        for (WorkloadKind k : values()) {
            if (k.matches(w)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    private boolean matches(Workload w) {
        if (w.dims().size() != slot.size() || w.tensors().size() != 3) {
            return false;
        }
        for (Tensor t : w.tensors()) {
            if (!CANONICAL_TENSORS.contains(t.name())) {
                return false;
            }
        }
        if (!w.output().name().equals("Outputs")) {
            return false;
        }
        for (Dim d : w.dims()) {
            String want = touches.get(d.name());
            if (want == null) {
                return false;
            }
            StringBuilder got = new StringBuilder();
            for (String tn : CANONICAL_TENSORS) {
                Tensor t = w.tensor(tn).orElseThrow();
                if (t.isRelevant(d)) {
                    got.append(tn.charAt(0));
                }
            }
            if (!got.toString().equals(want)) {
                return false;
            }
        }
        return true;
    }

    /** The canonical slot of each of the workload's dimensions, in the workload's order. */
    public int[] canonicalDims(Workload w) {
        int[] out = new int[w.dims().size()];
        for (int d = 0; d < out.length; d++) {
            out[d] = slot.get(w.dims().get(d).name());
        }
        return out;
    }

    /** The canonical index of each of the workload's tensors, in the workload's order. */
    public static int[] canonicalTensors(Workload w) {
        int[] out = new int[w.tensors().size()];
        for (int t = 0; t < out.length; t++) {
            out[t] = CANONICAL_TENSORS.indexOf(w.tensors().get(t).name());
        }
        return out;
    }

    /** The kinds' names, for messages. */
    public static Set<String> names() {
        return Set.of("conv2d", "depthwise_conv2d", "matmul", "batched_matmul");
    }
}
