package org.mapwright.timeloop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.StorageLevel;
import org.mapwright.workload.Dim;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.Workload;

/**
 * Writes what an {@link Architecture} forbids but Timeloop's architecture format cannot say as Timeloop
 * {@code architecture_constraints}, so that Timeloop's mapper searches only mappings the design can run:
 * <ul>
 *   <li>a level that may keep only some tensors bypasses the others ({@code type: bypass});</li>
 *   <li>a fan-out that allows only some dimensions on an axis fixes every dimension that may be unrolled on neither
 *       axis to 1, and puts those that may use one axis only on it ({@code type: spatial}: the first {@code split}
 *       dimensions of the permutation use X, the rest Y). An axis of size 1 allows nothing.</li>
 * </ul>
 * {@link ConstraintsReader} reads the result back. timeloop-model does not need it: a mapping says what each level
 * keeps and which axis each unrolled dimension uses.
 */
public final class ConstraintsWriter {
    private ConstraintsWriter() {
    }

    /**
     * The constraints as YAML text with a top-level {@code architecture_constraints:} key, or the empty string when
     * the accelerator forbids nothing Timeloop's architecture cannot say.
     *
     * @throws IllegalArgumentException when a fan-out lets some dimension use either axis while another may use only
     *                                  one, which Timeloop's split permutation cannot say, or when a dimension's name
     *                                  is not a single character, the only dimensions Timeloop v3.0.3 permutations name
     */
    public static String write(Architecture a, Workload w) {
        List<String> targets = new ArrayList<>();
        for (StorageLevel l : a.levels()) {
            List<String> bypass = new ArrayList<>();
            for (Tensor t : w.tensors()) {
                if (!l.mayKeep(t.name())) {
                    bypass.add(MappingWriter.scalar(t.name()));
                }
            }
            if (!bypass.isEmpty()) {
                targets.add("  - {target: " + MappingWriter.scalar(l.name()) + ", type: bypass, bypass: ["
                        + String.join(", ", bypass) + "]}\n");
            }
            Fanout f = l.fanout();
            if (f.allowedX().isPresent() || f.allowedY().isPresent()) {
                spatial(l, w).ifPresent(targets::add);
            }
        }
        if (targets.isEmpty()) {
            return "";
        }
        return "architecture_constraints:\n  targets:\n" + String.join("", targets);
    }

    private static Optional<String> spatial(StorageLevel l, Workload w) {
        Fanout f = l.fanout();
        List<String> never = new ArrayList<>();
        List<String> xOnly = new ArrayList<>();
        List<String> yOnly = new ArrayList<>();
        List<String> either = new ArrayList<>();
        for (Dim d : w.dims()) {
            boolean x = f.x() > 1 && f.allowsX(d.name());
            boolean y = f.y() > 1 && f.allowsY(d.name());
            (x && y ? either : x ? xOnly : y ? yOnly : never).add(d.name());
        }
        boolean axes = !xOnly.isEmpty() || !yOnly.isEmpty();
        if (axes && !either.isEmpty()) {
            throw new IllegalArgumentException("The fan-out below level " + l.name() + " lets " + either.get(0)
                    + " use either axis but " + (xOnly.isEmpty() ? yOnly.get(0) + " only Y" : xOnly.get(0) + " only X")
                    + ", which Timeloop's spatial constraints (one permutation split between X and Y) cannot say; "
                    + "allow each dimension on one axis, or on both, for every dimension alike.");
        }
        if (never.isEmpty() && !axes) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("  - {target: ").append(MappingWriter.scalar(l.name()))
                .append(", type: spatial");
        if (!never.isEmpty()) {
            List<String> ones = new ArrayList<>();
            never.forEach(d -> ones.add(d + "=1"));
            sb.append(", factors: '").append(String.join(" ", ones)).append('\'');
        }
        if (axes) {
            List<String> order = new ArrayList<>(xOnly);
            order.addAll(yOnly);
            order.addAll(never);
            for (String d : order) {
                if (d.length() != 1) {
                    throw new IllegalArgumentException("Timeloop v3.0.3 reads a permutation one character per "
                            + "dimension, so its constraints cannot name dimension " + d + "; give the workload's "
                            + "dimensions one-letter names.");
                }
            }
            sb.append(", permutation: '").append(String.join("", order)).append("', split: ").append(xOnly.size());
        }
        return Optional.of(sb.append("}\n").toString());
    }
}
