package org.mapwright.dsl;

import java.util.List;
import java.util.stream.Collectors;
import org.mapwright.mapping.LevelMapping;
import org.mapwright.mapping.Loop;
import org.mapwright.mapping.Mapping;
import org.mapwright.workload.TensorId;

/** Writes IR back as DSL text that the front end reads to the same IR (loops of factor 1 are left out). */
public final class DslWriter {
    private DslWriter() {
    }

    /**
     * A mapping declaration. {@code target} is how the layer is named from the file that will hold this text
     * ({@code layer} or {@code network.layer}).
     */
    public static String mapping(String name, String target, String arch, Mapping m) {
        int width = m.levels().stream().mapToInt(l -> l.level().name().length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        sb.append("mapping ").append(name).append(" for ").append(target).append(" on ").append(arch).append(" {\n");
        for (LevelMapping lm : m.levels()) {
            sb.append("  ").append(pad(lm.level().name(), width)).append(" { keep ");
            sb.append(lm.keep().isEmpty() ? "none" : lm.keep().stream().map(TensorId::name).collect(Collectors.joining(", ")));
            append(sb, "temporal", lm.temporal());
            append(sb, "spatial x", lm.spatialX());
            append(sb, "spatial y", lm.spatialY());
            sb.append(" }\n");
        }
        return sb.append("}\n").toString();
    }

    private static void append(StringBuilder sb, String clause, List<Loop> loops) {
        List<Loop> real = loops.stream().filter(l -> l.factor() > 1).toList();
        if (real.isEmpty()) {
            return;
        }
        sb.append("  ").append(clause);
        for (Loop l : real) {
            sb.append(' ').append(l.dim().name()).append('=').append(l.factor());
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
