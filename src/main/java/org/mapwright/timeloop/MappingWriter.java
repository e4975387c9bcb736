package org.mapwright.timeloop;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.mapwright.arch.Architecture;
import org.mapwright.mapping.LevelMapping;
import org.mapwright.mapping.Loop;
import org.mapwright.mapping.Mapping;
import org.mapwright.workload.Dim;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.Workload;

/**
 * Writes a {@link Mapping} as Timeloop mapping YAML, which both Timeloop and {@link MappingReader} read. Levels
 * are written innermost first, as Timeloop's mapper writes them; each gets a datatype directive (keep and bypass),
 * a temporal directive with every dimension's factor and a full permutation (innermost first), and, when it
 * unrolls anything, a spatial directive whose first {@code split} dimensions are X.
 */
public final class MappingWriter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-= ]*");
    private static final Set<String> YAML_WORDS = Set.of("y", "n", "yes", "no", "on", "off", "true", "false",
            "null", "~");

    private MappingWriter() {
    }

    /**
     * The mapping as YAML text with a top-level {@code mapping:} key.
     *
     * @throws IllegalArgumentException if the mapping does not fit the accelerator's levels, names an unknown
     *                                  dimension, or repeats a dimension within one loop list (which Timeloop's
     *                                  format cannot express)
     */
    public static String write(Mapping m, Workload w, Architecture a) {
        if (m.levels().size() != a.levelCount()) {
            throw new IllegalArgumentException("The mapping has " + m.levels().size() + " levels but accelerator "
                    + a.name() + " has " + a.levelCount() + ".");
        }
        List<String> dims = new ArrayList<>();
        for (Dim d : w.dims()) {
            dims.add(d.name());
        }
        StringBuilder sb = new StringBuilder("mapping:\n");
        for (int i = a.levelCount() - 1; i >= 0; i--) {
            LevelMapping lm = m.level(i);
            String name = a.level(i).name();
            if (!lm.level().name().equals(name)) {
                throw new IllegalArgumentException("Level " + (i + 1) + " of the mapping is " + lm.level()
                        + " but the accelerator's is " + name + ".");
            }
            List<String> keep = new ArrayList<>();
            List<String> bypass = new ArrayList<>();
            for (Tensor t : w.tensors()) {
                (lm.keeps(t.id()) ? keep : bypass).add(t.name());
            }
            sb.append("  - target: ").append(scalar(name)).append('\n')
                    .append("    type: datatype\n")
                    .append("    keep: ").append(flowList(keep)).append('\n')
                    .append("    bypass: ").append(flowList(bypass)).append('\n');
            if (!lm.spatialX().isEmpty() || !lm.spatialY().isEmpty()) {
                List<Loop> both = new ArrayList<>(lm.spatialX());
                both.addAll(lm.spatialY());
                List<String> innerFirst = new ArrayList<>(innermostFirst(lm.spatialX(), dims, name, "spatial X"));
                innerFirst.addAll(innermostFirst(lm.spatialY(), dims, name, "spatial Y"));
                directive(sb, name, "spatial", both, innerFirst, dims);
                sb.append("    split: ").append(lm.spatialX().size()).append('\n');
            }
            directive(sb, name, "temporal", lm.temporal(), innermostFirst(lm.temporal(), dims, name, "temporal"), dims);
        }
        return sb.toString();
    }

    private static void directive(StringBuilder sb, String level, String type, List<Loop> loops, List<String> innerFirst,
                                  List<String> dims) {
        Set<String> seen = new HashSet<>();
        for (String d : innerFirst) {
            if (!seen.add(d)) {
                throw new IllegalArgumentException("Dimension " + d + " appears twice in the " + type + " loops of level "
                        + level + "; Timeloop's format gives each dimension once per directive.");
            }
        }
        List<String> order = new ArrayList<>(innerFirst);
        for (String d : dims) {
            if (!order.contains(d)) {
                order.add(d);
            }
        }
        StringBuilder factors = new StringBuilder();
        for (String d : dims) {
            long f = 1;
            for (Loop l : loops) {
                if (l.dim().name().equals(d)) {
                    f = l.factor();
                }
            }
            factors.append(factors.length() == 0 ? "" : " ").append(d).append('=').append(f);
        }
        sb.append("  - target: ").append(scalar(level)).append('\n')
                .append("    type: ").append(type).append('\n')
                .append("    factors: ").append(scalar(factors.toString())).append('\n')
                .append("    permutation: ").append(permutation(order, dims)).append('\n');
    }

    private static List<String> innermostFirst(List<Loop> loops, List<String> dims, String level, String what) {
        List<String> out = new ArrayList<>();
        for (int k = loops.size() - 1; k >= 0; k--) {
            String d = loops.get(k).dim().name();
            if (!dims.contains(d)) {
                throw new IllegalArgumentException("Level " + level + " has a " + what + " loop over unknown dimension "
                        + d + ".");
            }
            out.add(d);
        }
        return out;
    }

    private static String permutation(List<String> order, List<String> dims) {
        if (dims.stream().allMatch(d -> d.length() == 1)) {
            return scalar(String.join("", order));
        }
        return flowList(order);
    }

    private static String flowList(List<String> items) {
        List<String> out = new ArrayList<>();
        for (String s : items) {
            out.add(scalar(s));
        }
        return "[" + String.join(", ", out) + "]";
    }

    /** {@code s} as a YAML scalar that reads back as the same text: plain when safe, else single-quoted. */
    static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !s.endsWith(" ") && !s.contains(" -") && !s.contains(": ")
                && !YAML_WORDS.contains(s.toLowerCase(Locale.ROOT))) {
            return s;
        }
        return "'" + s.replace("'", "''") + "'";
    }
}
