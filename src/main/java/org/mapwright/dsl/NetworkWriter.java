package org.mapwright.dsl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mapwright.workload.Dim;
import org.mapwright.workload.IndexExpr;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.Term;
import org.mapwright.workload.Workload;

/**
 * Writes a {@link Network} as self-contained DSL text (no {@code include}) that the front end reads back to an equal
 * network: one {@code workload} declaration per distinct einsum (dimensions, tensors with their index expressions,
 * and coefficients with their values as defaults), then the {@code network} whose layers call them with every
 * dimension's bound and their repeat counts.
 *
 * <p>Index coefficients are written as numbers ({@code 2*P}), since the IR holds the product a template's coefficients
 * gave, not the names that gave it; the coefficients themselves are declared so that they read back as well. The
 * declarations are named {@code NETWORK_0}, {@code NETWORK_1}, ..., so that the texts of two networks can be loaded
 * together. The front end names a layer's workload after the layer, so a network whose workloads have other names
 * cannot be written. A workload's bounds read back in the order of its dimensions, which is the only order the DSL
 * has; a map of bounds in another order is equal all the same.
 */
public final class NetworkWriter {
    private NetworkWriter() {
    }

    /**
     * A workload without its bounds: what one declaration stands for. The coefficients' order is part of it, so that
     * they read back in the order the workload lists them, not only as an equal map.
     */
    private record Einsum(List<Dim> dims, List<Tensor> tensors, Map<String, Long> coefficients, List<String> coefOrder) {
    }

    /** Whether the front end reads {@code n} as a name (of a network, layer, dimension...): for code that makes names. */
    public static boolean isName(String n) {
        return DslText.isName(n);
    }

    /**
     * The declarations of {@code n}. Every name must be a DSL name, and every workload one that the DSL can state (an
     * {@link IllegalArgumentException} says which part is not and what to change).
     */
    public static String write(Network n) {
        String net = DslText.name(n.name(), "network");
        Map<Einsum, String> templates = new LinkedHashMap<>();
        StringBuilder decls = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (Layer l : n.layers()) {
            String layer = DslText.name(l.name(), "layer");
            Workload w = l.workload();
            if (!w.name().equals(l.name())) {
                throw new IllegalArgumentException("Layer " + l.name() + " of network " + n.name() + " runs a workload named `"
                        + w.name() + "`, but the DSL names a layer's workload after the layer; give it the layer's name "
                        + "(Workload.withName) before writing the network.");
            }
            if (l.repeat() > Frontend.MAX_REPEAT) {
                throw new IllegalArgumentException("Layer " + l.name() + " repeats " + l.repeat() + " times, more than the "
                        + Frontend.MAX_REPEAT + " the DSL accepts; split it into several layers.");
            }
            Einsum e = new Einsum(w.dims(), w.tensors(), w.coefficients(), List.copyOf(w.coefficients().keySet()));
            String template = templates.get(e);
            if (template == null) {
                template = net + "_" + templates.size();
                templates.put(e, template);
                declaration(decls, template, w);
            }
            body.append("  ").append(layer).append(" = ").append(template).append('(');
            for (int i = 0; i < w.dims().size(); i++) {
                Dim d = w.dims().get(i);
                body.append(i == 0 ? "" : ", ").append(d.name()).append(" = ").append(count(w.bound(d), "The bound of dimension "
                        + d + " of layer " + l.name()));
            }
            body.append(')');
            if (l.repeat() > 1) {
                body.append(" repeat ").append(l.repeat());
            }
            body.append('\n');
        }
        return decls.append("network ").append(net).append(" {\n").append(body).append("}\n").toString();
    }

    /** The workload declaration of {@code w}'s einsum: its dimensions without defaults, its coefficients with theirs. */
    private static void declaration(StringBuilder sb, String template, Workload w) {
        String where = "workload " + w.name();
        Set<String> names = new HashSet<>();
        List<String> dims = new ArrayList<>();
        for (Dim d : w.dims()) {
            dims.add(unique(DslText.name(d.name(), "dimension"), names, where));
        }
        List<String> coefs = new ArrayList<>();
        for (Map.Entry<String, Long> c : w.coefficients().entrySet()) {
            coefs.add(unique(DslText.name(c.getKey(), "coefficient"), names, where) + " = "
                    + count(c.getValue(), "Coefficient " + c.getKey() + " of " + where));
        }
        List<Tensor> tensors = w.tensors();
        if (tensors.size() < 2 || !tensors.get(tensors.size() - 1).output()) {
            throw new IllegalArgumentException("The tensors of " + where + " are " + tensors + ", but a DSL einsum lists at "
                    + "least one operand and then the output; put the output last.");
        }
        List<String> accesses = new ArrayList<>();
        for (Tensor t : tensors) {
            accesses.add(access(t, unique(DslText.name(t.name(), "tensor"), names, where), where));
        }
        sb.append("workload ").append(template).append(" {\n");
        sb.append("  dims ").append(String.join(", ", dims)).append('\n');
        if (!coefs.isEmpty()) {
            sb.append("  coefs ").append(String.join(", ", coefs)).append('\n');
        }
        sb.append("  ").append(accesses.get(accesses.size() - 1)).append(" += ")
                .append(String.join(" * ", accesses.subList(0, accesses.size() - 1))).append("\n}\n\n");
    }

    private static String access(Tensor t, String name, String where) {
        List<String> axes = new ArrayList<>();
        for (IndexExpr e : t.index()) {
            List<String> terms = new ArrayList<>();
            for (Term term : e.terms()) {
                long c = count(term.coefficient(), "The coefficient of " + term.dim() + " in " + t + " of " + where);
                terms.add(c == 1 ? term.dim().name() : c + "*" + term.dim().name());
            }
            if (e.offset() != 0) {
                terms.add(Long.toString(count(e.offset(), "The offset of index " + e + " of " + t + " in " + where)));
            }
            axes.add(String.join(" + ", terms));
        }
        return name + "[" + String.join(", ", axes) + "]";
    }

    /** The DSL keeps dimensions, coefficients and tensors of one workload in one namespace. */
    private static String unique(String name, Set<String> names, String where) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("The name `" + name + "` is used twice among the dimensions, coefficients "
                    + "and tensors of " + where + "; the DSL needs a distinct name for each.");
        }
        return name;
    }

    /** {@code v} if the DSL reads it as a count (1 to {@link Values#MAX_COUNT}). */
    private static long count(long v, String what) {
        if (v < 1 || v > Values.MAX_COUNT) {
            throw new IllegalArgumentException(what + " is " + v + ", but the DSL writes only whole numbers from 1 to "
                    + Values.MAX_COUNT + "; change the value.");
        }
        return v;
    }
}
