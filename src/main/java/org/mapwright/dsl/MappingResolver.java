package org.mapwright.dsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.LevelId;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.SourceSpan;
import org.mapwright.diag.Suggestions;
import org.mapwright.dsl.Ast.LoopAst;
import org.mapwright.dsl.Ast.MappingDecl;
import org.mapwright.dsl.Ast.MappingItem;
import org.mapwright.dsl.Ast.MappingLevel;
import org.mapwright.dsl.Ast.Name;
import org.mapwright.mapping.LevelMapping;
import org.mapwright.mapping.Loop;
import org.mapwright.mapping.Mapping;
import org.mapwright.mapping.MappingChecker;
import org.mapwright.mapping.MappingProblem;
import org.mapwright.workload.Dim;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.TensorId;
import org.mapwright.workload.Workload;

/**
 * Resolves a mapping declaration against the layer and accelerator it names and builds the {@link Mapping}.
 * Levels a mapping does not mention have no loops and keep every tensor they may hold.
 */
final class MappingResolver {
    private final Diagnostics diags;
    private final Map<String, Workload> layers;
    private final Map<String, Network> networks;
    private final Map<String, Architecture> accelerators;
    /** Dimensions whose loops had errors, or all ("*") after an unknown dimension: their products are not checked. */
    private final Set<String> suspect = new java.util.HashSet<>();

    MappingResolver(Diagnostics diags, Map<String, Workload> layers, Map<String, Network> networks,
                    Map<String, Architecture> accelerators) {
        this.diags = diags;
        this.layers = layers;
        this.networks = networks;
        this.accelerators = accelerators;
    }

    Optional<BoundMapping> resolve(MappingDecl m) {
        Optional<Workload> w = target(m);
        Optional<Architecture> a = arch(m);
        if (w.isEmpty() || a.isEmpty()) {
            return Optional.empty();
        }
        int before = diags.errorCount();
        Mapping mapping = build(m, w.get(), a.get());
        if (diags.errorCount() > before) {
            return Optional.empty();
        }
        for (MappingProblem p : MappingChecker.check(mapping, w.get(), a.get())) {
            diags.error(m.name().span(), p.message());
        }
        if (diags.errorCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new BoundMapping(m.name().text(), w.get(), a.get(), mapping));
    }

    private Optional<Workload> target(MappingDecl m) {
        if (m.target().isEmpty()) {
            if (layers.size() == 1) {
                return Optional.of(layers.values().iterator().next());
            }
            diags.error(m.name().span(), "Mapping " + m.name() + " does not say which layer it maps, and there are "
                    + (layers.isEmpty() ? "no top-level layers" : layers.size() + " top-level layers")
                    + "; write `mapping " + m.name() + " for <layer> on <accelerator>` (a network layer is <network>.<layer>).");
            return Optional.empty();
        }
        List<Name> parts = m.target().get();
        if (parts.size() == 1) {
            Workload w = layers.get(parts.get(0).text());
            if (w == null) {
                List<String> known = new ArrayList<>(layers.keySet());
                networks.forEach((n, net) -> net.layers().forEach(l -> known.add(n + "." + l.name())));
                diags.error(parts.get(0).span(), "Unknown layer `" + parts.get(0) + "`" + Suggestions.hint(parts.get(0).text(), known));
            }
            return Optional.ofNullable(w);
        }
        if (parts.size() > 2) {
            diags.error(parts.get(2).span(), "A layer is named `<layer>` or `<network>.<layer>`, not " + parts.size() + " parts.");
            return Optional.empty();
        }
        Network net = networks.get(parts.get(0).text());
        if (net == null) {
            diags.error(parts.get(0).span(), "Unknown network `" + parts.get(0) + "`" + Suggestions.hint(parts.get(0).text(), networks.keySet()));
            return Optional.empty();
        }
        Optional<Layer> layer = net.layer(parts.get(1).text());
        if (layer.isEmpty()) {
            diags.error(parts.get(1).span(), "Network " + net.name() + " has no layer `" + parts.get(1) + "`"
                    + Suggestions.hint(parts.get(1).text(), net.layers().stream().map(Layer::name).toList()));
            return Optional.empty();
        }
        return Optional.of(layer.get().workload());
    }

    private Optional<Architecture> arch(MappingDecl m) {
        if (m.arch().isEmpty()) {
            if (accelerators.size() == 1) {
                return Optional.of(accelerators.values().iterator().next());
            }
            diags.error(m.name().span(), "Mapping " + m.name() + " does not say which accelerator it is for, and there are "
                    + accelerators.size() + "; add `on <accelerator>` after the mapping's name.");
            return Optional.empty();
        }
        Name n = m.arch().get();
        Architecture a = accelerators.get(n.text());
        if (a == null) {
            diags.error(n.span(), "Unknown accelerator `" + n + "`" + Suggestions.hint(n.text(), accelerators.keySet()));
        }
        return Optional.ofNullable(a);
    }

    private Mapping build(MappingDecl m, Workload w, Architecture a) {
        suspect.clear();
        Map<String, MappingLevel> byLevel = new HashMap<>();
        List<String> levelNames = a.levels().stream().map(l -> l.name()).toList();
        for (MappingLevel ml : m.levels()) {
            if (!levelNames.contains(ml.level().text())) {
                diags.error(ml.level().span(), "Accelerator " + a.name() + " has no level `" + ml.level() + "`"
                        + Suggestions.hint(ml.level().text(), levelNames));
                ml.items().forEach(item -> item.loops().forEach(l -> suspect.add(l.dim().text())));
                continue;
            }
            MappingLevel prev = byLevel.putIfAbsent(ml.level().text(), ml);
            if (prev != null) {
                diags.error(ml.level().span(), "Level " + ml.level() + " appears twice in mapping " + m.name()
                        + " (first at " + prev.span() + "); merge the two blocks.");
            }
        }
        Map<String, List<LoopAst>> loopsByDim = new LinkedHashMap<>();
        List<LevelMapping> out = new ArrayList<>();
        for (int i = 0; i < a.levelCount(); i++) {
            String name = a.level(i).name();
            MappingLevel ml = byLevel.get(name);
            Set<TensorId> keep = new LinkedHashSet<>();
            for (Tensor t : w.tensors()) {
                if (a.level(i).mayKeep(t.name())) {
                    keep.add(t.id());
                }
            }
            if (ml == null) {
                out.add(new LevelMapping(LevelId.of(name), keep, List.of(), List.of(), List.of()));
                continue;
            }
            out.add(level(ml, w, keep, loopsByDim));
        }
        for (Dim d : w.dims()) {
            if (suspect.contains(d.name()) || suspect.contains("*")) {
                continue;
            }
            List<LoopAst> loops = loopsByDim.getOrDefault(d.name(), List.of());
            long p = 1;
            for (LoopAst l : loops) {
                p = l.factor().value().longValue() > 0 ? multiplySaturated(p, l.factor().value().longValue()) : p;
            }
            if (p != w.bound(d)) {
                SourceSpan at = loops.isEmpty() ? m.name().span() : loops.get(0).dim().span();
                diags.error(at, "The factors of " + d + " multiply to " + (p == Long.MAX_VALUE ? "more than 2^63" : p)
                        + " but its bound is " + w.bound(d) + "; make them multiply to exactly " + w.bound(d) + ".");
            }
        }
        LevelMapping outer = out.get(0);
        for (Tensor t : w.tensors()) {
            if (!outer.keeps(t.id())) {
                SourceSpan at = byLevel.containsKey(outer.level().name()) ? byLevel.get(outer.level().name()).level().span() : m.name().span();
                diags.error(at, "The outermost level " + outer.level() + " must keep every tensor, but it bypasses "
                        + t.id() + "; keep it there.");
            }
        }
        return new Mapping(out);
    }

    private static long multiplySaturated(long a, long b) {
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    private LevelMapping level(MappingLevel ml, Workload w, Set<TensorId> defaultKeep, Map<String, List<LoopAst>> loopsByDim) {
        List<String> tensorNames = w.tensors().stream().map(Tensor::name).toList();
        Set<TensorId> keep = null;
        Set<TensorId> bypass = new LinkedHashSet<>();
        List<Loop> temporal = List.of();
        List<Loop> sx = List.of();
        List<Loop> sy = List.of();
        Map<String, Name> clauses = new HashMap<>();
        for (MappingItem item : ml.items()) {
            String kw = item.keyword().text();
            if (kw.equals("spatial") && item.axis().isEmpty()) {
                diags.error(item.keyword().span(), "A spatial clause needs an axis: write `spatial x "
                        + item.loops().get(0).dim() + "=" + item.loops().get(0).factor().text() + "` or `spatial y ...`.");
                item.loops().forEach(l -> suspect.add(l.dim().text()));
                continue;
            }
            String clause = kw.equals("spatial") ? "spatial " + item.axis().map(Name::text).orElse("") : kw;
            Name prev = clauses.putIfAbsent(clause, item.keyword());
            if (prev != null) {
                diags.error(item.keyword().span(), "Level " + ml.level() + " has two `" + clause + "` clauses (first at "
                        + prev.span() + "); merge them.");
                continue;
            }
            switch (kw) {
                case "keep" -> keep = tensors(item.names().orElseThrow(), w, tensorNames);
                case "bypass" -> bypass = tensors(item.names().orElseThrow(), w, tensorNames);
                case "temporal" -> temporal = loops(item.loops(), ml, w, loopsByDim, "temporal");
                default -> {
                    String axis = item.axis().orElseThrow().text();
                    if (axis.equals("x")) {
                        sx = loops(item.loops(), ml, w, loopsByDim, "spatial x");
                    } else if (axis.equals("y")) {
                        sy = loops(item.loops(), ml, w, loopsByDim, "spatial y");
                    } else {
                        diags.error(item.axis().get().span(), "Unknown spatial axis `" + axis + "`; write `spatial x` or `spatial y`.");
                    }
                }
            }
        }
        Set<TensorId> finalKeep = new LinkedHashSet<>(keep != null ? keep : defaultKeep);
        for (TensorId t : bypass) {
            if (keep != null && keep.contains(t)) {
                diags.error(ml.level().span(), "Level " + ml.level() + " both keeps and bypasses " + t + "; choose one.");
            }
            finalKeep.remove(t);
        }
        for (Loop x : sx) {
            for (Loop y : sy) {
                if (x.dim().equals(y.dim())) {
                    diags.error(ml.level().span(), "Level " + ml.level() + " unrolls " + x.dim() + " on both x and y; use one axis.");
                }
            }
        }
        return new LevelMapping(LevelId.of(ml.level().text()), finalKeep, temporal, sx, sy);
    }

    private Set<TensorId> tensors(Ast.NameList nl, Workload w, List<String> tensorNames) {
        Set<TensorId> out = new LinkedHashSet<>();
        if (nl.all()) {
            w.tensors().forEach(t -> out.add(t.id()));
            return out;
        }
        for (Name n : nl.names()) {
            if (!tensorNames.contains(n.text())) {
                diags.error(n.span(), "Layer " + w.name() + " has no tensor `" + n + "`" + Suggestions.hint(n.text(), tensorNames));
            } else if (!out.add(TensorId.of(n.text()))) {
                diags.error(n.span(), "Tensor " + n + " is listed twice; list it once.");
            }
        }
        return out;
    }

    private List<Loop> loops(List<LoopAst> asts, MappingLevel ml, Workload w, Map<String, List<LoopAst>> loopsByDim, String kind) {
        List<Loop> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> dimNames = w.dims().stream().map(Dim::name).toList();
        for (LoopAst l : asts) {
            String d = l.dim().text();
            if (!dimNames.contains(d)) {
                diags.error(l.dim().span(), "Unknown dimension `" + d + "` in the " + kind + " loops of " + ml.level()
                        + Suggestions.hint(d, dimNames));
                suspect.add("*");
                continue;
            }
            if (!seen.add(d)) {
                diags.error(l.dim().span(), "Dimension " + d + " appears twice in the " + kind + " loops of " + ml.level()
                        + "; give it once with the product of the factors.");
                suspect.add(d);
                continue;
            }
            OptionalLong f = Values.positiveInt(l.factor(), "the factor of " + d, Values.MAX_COUNT, diags);
            if (f.isEmpty()) {
                suspect.add(d);
                continue;
            }
            loopsByDim.computeIfAbsent(d, k -> new ArrayList<>()).add(l);
            out.add(new Loop(Dim.of(d), f.getAsLong()));
        }
        return out;
    }
}
