package org.mapwright.dsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.Suggestions;
import org.mapwright.dsl.Ast.Access;
import org.mapwright.dsl.Ast.Arg;
import org.mapwright.dsl.Ast.Factor;
import org.mapwright.dsl.Ast.IndexAst;
import org.mapwright.dsl.Ast.Instance;
import org.mapwright.dsl.Ast.Param;
import org.mapwright.dsl.Ast.TermAst;
import org.mapwright.dsl.Ast.WorkloadDecl;
import org.mapwright.dsl.WorkloadTemplate.AxisSpec;
import org.mapwright.dsl.WorkloadTemplate.TensorSpec;
import org.mapwright.dsl.WorkloadTemplate.TermSpec;
import org.mapwright.workload.Dim;
import org.mapwright.workload.IndexExpr;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.TensorId;
import org.mapwright.workload.Term;
import org.mapwright.workload.Workload;

/** Checks workload declarations and instantiates them into {@link Workload}s. */
final class WorkloadChecker {
    private final Diagnostics diags;

    WorkloadChecker(Diagnostics diags) {
        this.diags = diags;
    }

    /** A checked template, or empty if it has errors (which are reported). */
    Optional<WorkloadTemplate> check(WorkloadDecl w) {
        int before = diags.errorCount();
        Map<String, Ast.Name> seen = new HashMap<>();
        Map<String, OptionalLong> dims = params(w.dims(), "dimension", seen);
        Map<String, OptionalLong> coefs = params(w.coefs(), "coefficient", seen);
        if (dims.isEmpty()) {
            diags.error(w.name().span(), "Workload " + w.name() + " declares no dimensions; add a line such as `dims M, K, N`.");
        }
        if (w.einsums().isEmpty()) {
            diags.error(w.name().span(), "Workload " + w.name() + " has no einsum; add one such as `Out[m, n] += A[m, k] * B[k, n]`.");
            return Optional.empty();
        }
        if (w.einsums().size() > 1) {
            diags.error(w.einsums().get(1).span(), "Workload " + w.name() + " has " + w.einsums().size()
                    + " einsums; a workload is one einsum, so declare a workload per statement.");
        }
        Ast.Einsum e = w.einsums().get(0);
        List<TensorSpec> tensors = new ArrayList<>();
        Map<String, Ast.Name> tensorNames = new HashMap<>();
        Set<String> used = new HashSet<>();
        List<Access> order = new ArrayList<>(e.operands());
        order.add(e.output());
        for (Access a : order) {
            boolean output = a == e.output();
            Ast.Name prev = tensorNames.putIfAbsent(a.tensor().text(), a.tensor());
            if (prev != null) {
                diags.error(a.tensor().span(), "Tensor " + a.tensor() + " appears twice in the einsum (first at "
                        + prev.span() + "); give each tensor its own name.");
                continue;
            }
            if (dims.containsKey(a.tensor().text()) || coefs.containsKey(a.tensor().text())) {
                diags.error(a.tensor().span(), "Tensor " + a.tensor() + " has the name of a dimension or coefficient; rename one of them.");
            }
            List<AxisSpec> axes = new ArrayList<>();
            Map<String, Ast.TermAst> outputDims = new HashMap<>();
            for (IndexAst ix : a.index()) {
                AxisSpec axis = axis(ix, a.tensor().text(), dims, coefs, used);
                if (output) {
                    plainOutput(ix, axis, a.tensor().text(), outputDims);
                }
                axes.add(axis);
            }
            tensors.add(new TensorSpec(a.tensor().text(), axes, output));
        }
        for (Param p : w.dims()) {
            if (diags.errorCount() == before && !used.contains(p.name().text())) {
                diags.warning(p.name().span(), "Dimension " + p.name() + " is not used by any tensor; every step of it repeats the whole computation.");
            }
        }
        if (diags.errorCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new WorkloadTemplate(w.name().text(), dims, coefs, tensors, w.span()));
    }

    private Map<String, OptionalLong> params(List<Param> ps, String kind, Map<String, Ast.Name> seen) {
        Map<String, OptionalLong> out = new LinkedHashMap<>();
        for (Param p : ps) {
            Ast.Name prev = seen.putIfAbsent(p.name().text(), p.name());
            if (prev != null) {
                diags.error(p.name().span(), "Name " + p.name() + " is declared twice (first at " + prev.span()
                        + "); give each dimension and coefficient its own name.");
                continue;
            }
            OptionalLong v = OptionalLong.empty();
            if (p.value().isPresent()) {
                v = Values.positiveInt(p.value().get(), "the default of " + kind + " " + p.name(), Values.MAX_COUNT, diags);
                if (v.isEmpty()) {
                    continue;
                }
            }
            out.put(p.name().text(), v);
        }
        return out;
    }

    private AxisSpec axis(IndexAst ix, String tensor, Map<String, OptionalLong> dims, Map<String, OptionalLong> coefs,
                          Set<String> used) {
        List<TermSpec> terms = new ArrayList<>();
        long offset = 0;
        Set<String> dimsHere = new HashSet<>();
        for (TermAst t : ix.terms()) {
            String dim = null;
            long constant = 1;
            List<String> coefNames = new ArrayList<>();
            boolean bad = false;
            for (Factor f : t.factors()) {
                if (f.number().isPresent()) {
                    OptionalLong c = Values.positiveInt(f.number().get(), "an index constant", Values.MAX_COUNT, diags);
                    if (c.isEmpty()) {
                        bad = true;
                    } else if (constant > Values.MAX_COUNT / c.getAsLong()) {
                        diags.error(t.span(), "The constants of term " + termText(t) + " in the index of " + tensor
                                + " multiply to more than " + Values.MAX_COUNT + "; use a smaller coefficient.");
                        bad = true;
                    } else {
                        constant *= c.getAsLong();
                    }
                    continue;
                }
                String n = f.name().orElseThrow().text();
                if (dims.containsKey(n)) {
                    if (dim != null) {
                        diags.error(f.span(), "Term " + termText(t) + " in the index of " + tensor + " multiplies two dimensions, "
                                + dim + " and " + n + "; indices must be affine: a sum of dimensions times constants.");
                        bad = true;
                    }
                    dim = n;
                } else if (coefs.containsKey(n)) {
                    coefNames.add(n);
                } else {
                    List<String> known = new ArrayList<>(dims.keySet());
                    known.addAll(coefs.keySet());
                    diags.error(f.span(), "Unknown name `" + n + "` in the index of " + tensor
                            + "; declare it with `dims` or `coefs`" + Suggestions.hint(n, known));
                    bad = true;
                }
            }
            if (bad) {
                continue;
            }
            if (dim == null) {
                if (!coefNames.isEmpty()) {
                    diags.error(t.span(), "Term " + termText(t) + " in the index of " + tensor
                            + " has no dimension; a coefficient must multiply a dimension, as in `P*stride`.");
                    continue;
                }
                if (offset > Values.MAX_COUNT - constant) {
                    diags.error(t.span(), "The constant offsets of an index of " + tensor + " add up to more than "
                            + Values.MAX_COUNT + "; use a smaller offset.");
                    continue;
                }
                offset += constant;
                continue;
            }
            if (!dimsHere.add(dim)) {
                diags.error(t.span(), "Dimension " + dim + " appears twice in one index of " + tensor
                        + "; write it once with the coefficients added, as in `2*" + dim + "`.");
                continue;
            }
            used.add(dim);
            terms.add(new TermSpec(dim, constant, coefNames));
        }
        if (terms.isEmpty() && !ix.terms().isEmpty()) {
            boolean onlyConstants = ix.terms().stream().allMatch(t -> t.factors().stream().allMatch(f -> f.number().isPresent()));
            if (onlyConstants) {
                diags.error(ix.span(), "An index of " + tensor + " is a constant; every index needs at least one dimension.");
            }
        }
        return new AxisSpec(terms, offset);
    }

    /**
     * Rejects output index terms that the read-modify-write counts cannot model: a coefficient, or a dimension that
     * indexes two axes (see {@link Workload#outputProblem}).
     */
    private void plainOutput(IndexAst ix, AxisSpec axis, String tensor, Map<String, Ast.TermAst> outputDims) {
        for (TermAst t : ix.terms()) {
            String dim = null;
            boolean scaled = false;
            for (Factor f : t.factors()) {
                if (f.name().isPresent() && axis.terms().stream().anyMatch(ts -> ts.dim().equals(f.name().get().text()))) {
                    dim = f.name().get().text();
                } else if (f.name().isPresent() || !f.number().get().text().equals("1")) {
                    scaled = true;
                }
            }
            if (dim == null) {
                continue;
            }
            String why = null;
            if (scaled) {
                why = "has the term " + termText(t) + ", a dimension times a coefficient, so its tiles are sparse";
            } else if (outputDims.putIfAbsent(dim, t) != null) {
                why = "indexes two axes with " + dim + ", so its tiles are diagonals";
            }
            if (why != null) {
                diags.error(t.span(), "The output " + tensor + " " + why + ". " + Workload.OUTPUT_RULE);
            }
        }
    }

    private static String termText(TermAst t) {
        StringBuilder sb = new StringBuilder();
        for (Factor f : t.factors()) {
            sb.append(sb.length() == 0 ? "" : "*").append(f.name().map(Ast.Name::text).orElseGet(() -> f.number().get().text()));
        }
        return "`" + sb + "`";
    }

    /** Binds an instance's arguments to a template; empty (with errors reported) when they do not fit. */
    Optional<Workload> instantiate(String layerName, Instance inst, Map<String, WorkloadTemplate> templates) {
        WorkloadTemplate tpl = templates.get(inst.template().text());
        if (tpl == null) {
            diags.error(inst.template().span(), "Unknown workload `" + inst.template() + "`; declare it with `workload "
                    + inst.template() + " { ... }` or include the file that does" + Suggestions.hint(inst.template().text(), templates.keySet()));
            return Optional.empty();
        }
        int before = diags.errorCount();
        Map<String, Long> values = new HashMap<>();
        Map<String, Arg> given = new HashMap<>();
        for (Arg a : inst.args()) {
            String n = a.name().text();
            if (!tpl.dims().containsKey(n) && !tpl.coefs().containsKey(n)) {
                diags.error(a.name().span(), "Workload " + tpl.name() + " has no dimension or coefficient `" + n + "`"
                        + Suggestions.hint(n, tpl.parameterNames()));
                continue;
            }
            if (given.putIfAbsent(n, a) != null) {
                diags.error(a.name().span(), "Argument " + n + " is given twice; keep one.");
                continue;
            }
            String what = (tpl.dims().containsKey(n) ? "the bound of dimension " : "coefficient ") + n;
            OptionalLong v = Values.positiveInt(a.value(), what, Values.MAX_COUNT, diags);
            v.ifPresent(x -> values.put(n, x));
        }
        List<String> missing = new ArrayList<>();
        for (String kind : List.of("dimension", "coefficient")) {
            for (Map.Entry<String, OptionalLong> e : (kind.equals("dimension") ? tpl.dims() : tpl.coefs()).entrySet()) {
                if (given.containsKey(e.getKey())) {
                    continue;
                }
                if (e.getValue().isPresent()) {
                    values.put(e.getKey(), e.getValue().getAsLong());
                } else {
                    missing.add(kind + " " + e.getKey());
                }
            }
        }
        boolean unknownArgs = inst.args().stream().anyMatch(a -> !tpl.dims().containsKey(a.name().text()) && !tpl.coefs().containsKey(a.name().text()));
        if (!missing.isEmpty() && !unknownArgs) {
            diags.error(inst.template().span(), "Layer " + layerName + " leaves " + String.join(", ", missing) + " of "
                    + tpl.name() + " without a value and it has no default; add `" + missing.get(0).replaceAll(".* ", "") + " = ...`.");
        }
        if (diags.errorCount() > before) {
            return Optional.empty();
        }
        return build(layerName, tpl, values, inst);
    }

    private Optional<Workload> build(String layerName, WorkloadTemplate tpl, Map<String, Long> values, Instance inst) {
        List<Dim> dims = new ArrayList<>();
        Map<Dim, Long> bounds = new LinkedHashMap<>();
        java.math.BigInteger macs = java.math.BigInteger.ONE;
        for (String d : tpl.dims().keySet()) {
            dims.add(Dim.of(d));
            bounds.put(Dim.of(d), values.get(d));
            macs = macs.multiply(java.math.BigInteger.valueOf(values.get(d)));
        }
        if (macs.compareTo(java.math.BigInteger.valueOf(Workload.MAX_MACS)) > 0) {
            diags.error(inst.span(), "Layer " + layerName + " has " + macs + " MACs, more than the 2^50 supported; split it into smaller layers.");
            return Optional.empty();
        }
        List<Tensor> tensors = new ArrayList<>();
        for (TensorSpec t : tpl.tensors()) {
            List<IndexExpr> index = new ArrayList<>();
            for (AxisSpec a : t.axes()) {
                List<Term> terms = new ArrayList<>();
                for (TermSpec ts : a.terms()) {
                    java.math.BigInteger c = java.math.BigInteger.valueOf(ts.constant());
                    for (String coef : ts.coefNames()) {
                        c = c.multiply(java.math.BigInteger.valueOf(values.get(coef)));
                    }
                    if (c.compareTo(java.math.BigInteger.valueOf(Values.MAX_COUNT)) > 0) {
                        diags.error(inst.span(), "Layer " + layerName + " makes the coefficient of " + ts.dim() + " in "
                                + t.name() + " " + c + ", more than the " + Values.MAX_COUNT + " supported; use smaller "
                                + "coefficients.");
                        return Optional.empty();
                    }
                    terms.add(new Term(Dim.of(ts.dim()), c.longValueExact()));
                }
                index.add(new IndexExpr(terms, a.offset()));
            }
            Tensor tensor = new Tensor(TensorId.of(t.name()), index, t.output());
            if (Workload.trafficBound(tensor, bounds, macs.longValueExact()) > Workload.MAX_TRAFFIC) {
                diags.error(inst.span(), "Layer " + layerName + ": " + Workload.trafficProblem(tensor, bounds, macs.longValueExact()));
                return Optional.empty();
            }
            tensors.add(tensor);
        }
        Map<String, Long> coefValues = new LinkedHashMap<>();
        tpl.coefs().keySet().forEach(c -> coefValues.put(c, values.get(c)));
        return Optional.of(new Workload(layerName, dims, bounds, tensors, coefValues));
    }
}
