package org.mapwright.timeloop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mapwright.workload.Dim;
import org.mapwright.workload.IndexExpr;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.Term;
import org.mapwright.workload.Workload;

/**
 * Writes a {@link Workload} as a Timeloop v0.3 {@code problem}: a custom {@code shape} that declares the einsum's
 * dimensions, its coefficients and one data space per tensor (operands first, then the read-write output, each with
 * its projection), and an {@code instance} that bounds every dimension. Both Timeloop and {@link ProblemReader} read
 * the result, and {@link ProblemReader} reads it back as an equal workload.
 *
 * <p>Any einsum the IR holds is written with its own shape rather than as Timeloop's built-in CNN layer, so that
 * Timeloop derives each tensor's relevant dimensions from the same projections Mapwright uses: a depthwise layer's
 * {@code Outputs[N, C, Q, P]} ties the output channel to C, and a matrix multiply has only M, N and K.
 *
 * <p>Timeloop's projection terms name their coefficient rather than give a number, so each term with a coefficient
 * other than 1 names the first of the workload's coefficients with that value, or, when none has it, a coefficient
 * declared for it ({@code K2} for 2). The workload's own coefficients are all declared with their values as defaults.
 * A constant offset in an index is not written: Timeloop's projections have none, and an offset moves a tile without
 * changing its size, so no count depends on it.
 */
public final class ProblemWriter {
    private ProblemWriter() {
    }

    /**
     * The workload as YAML text with a top-level {@code problem:} key.
     *
     * @throws IllegalArgumentException if a dimension, coefficient or tensor name is not a word of letters, digits
     *                                  and underscores, which Timeloop's projections cannot refer to reliably
     */
    public static String write(Workload w) {
        List<String> dims = new ArrayList<>();
        for (Dim d : w.dims()) {
            dims.add(word(d.name(), "dimension"));
        }
        Map<String, Long> coefficients = new LinkedHashMap<>();
        for (Map.Entry<String, Long> c : w.coefficients().entrySet()) {
            coefficients.put(word(c.getKey(), "coefficient"), c.getValue());
        }
        Map<Long, String> byValue = new LinkedHashMap<>();
        coefficients.forEach((name, value) -> byValue.putIfAbsent(value, name));
        for (Tensor t : w.tensors()) {
            word(t.name(), "tensor");
            for (IndexExpr ix : t.index()) {
                for (Term term : ix.terms()) {
                    long k = term.coefficient();
                    if (k != 1 && !byValue.containsKey(k)) {
                        String name = fresh("K" + k, dims, coefficients);
                        coefficients.put(name, k);
                        byValue.put(k, name);
                    }
                }
            }
        }
        StringBuilder sb = new StringBuilder("problem:\n  shape:\n");
        sb.append("    name: ").append(MappingWriter.scalar(w.name().isEmpty() ? "layer" : w.name())).append('\n');
        sb.append("    dimensions: [ ").append(String.join(", ", dims)).append(" ]\n");
        if (!coefficients.isEmpty()) {
            sb.append("    coefficients:\n");
            coefficients.forEach((name, value) -> sb.append("    - name: ").append(name).append('\n')
                    .append("      default: ").append(value).append('\n'));
        }
        sb.append("    data-spaces:\n");
        for (Tensor t : w.tensors()) {
            sb.append("    - name: ").append(t.name()).append('\n').append("      projection:\n");
            for (IndexExpr ix : t.index()) {
                List<String> terms = new ArrayList<>();
                for (Term term : ix.terms()) {
                    terms.add(term.coefficient() == 1 ? "[" + term.dim().name() + "]"
                            : "[" + term.dim().name() + ", " + byValue.get(term.coefficient()) + "]");
                }
                sb.append("      - [ ").append(String.join(", ", terms)).append(" ]\n");
            }
            if (t.output()) {
                sb.append("      read-write: True\n");
            }
        }
        sb.append("  instance:\n");
        for (Dim d : w.dims()) {
            sb.append("    ").append(d.name()).append(": ").append(w.bound(d)).append('\n');
        }
        return sb.toString();
    }

    private static String word(String name, String what) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("The " + what + " name '" + name + "' is not a word of letters, digits "
                    + "and underscores, so a Timeloop problem cannot refer to it; rename it.");
        }
        return name;
    }

    private static String fresh(String base, List<String> dims, Map<String, Long> taken) {
        String name = base;
        for (int i = 2; dims.contains(name) || taken.containsKey(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }
}
