package org.mapwright.timeloop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.LevelId;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;
import org.mapwright.mapping.LevelMapping;
import org.mapwright.mapping.Loop;
import org.mapwright.mapping.Mapping;
import org.mapwright.mapping.MappingChecker;
import org.mapwright.mapping.MappingProblem;
import org.mapwright.workload.Dim;
import org.mapwright.workload.TensorId;
import org.mapwright.workload.Workload;

/**
 * Reads a Timeloop {@code mapping} section (a list of directives) into a {@link Mapping} for a given workload and
 * accelerator.
 *
 * <p>Directives are {@code {target, type, factors, permutation, split, keep, bypass}} in any order, with
 * {@code type} one of {@code temporal}, {@code spatial}, {@code datatype} (or its older name {@code bypass}).
 * {@code factors} is {@code "C=1 M=4"} or {@code "C1 M4"}; a dimension it omits has factor 1. {@code permutation}
 * lists dimensions innermost first; missing ones go outermost, in the workload's dimension order. In a spatial
 * directive the first {@code split} dimensions of the permutation go to X and the rest to Y (no split: all X). A
 * level without a datatype directive keeps every tensor; {@code bypass} removes tensors from it. Loops with factor 1
 * are dropped: they do not change the model.
 */
public final class MappingReader {
    private static final Set<String> KEYS = Nodes.keys("target", "type", "factors", "permutation", "split", "keep",
            "bypass");

    private final Workload w;
    private final Architecture a;
    private final List<String> dims = new ArrayList<>();
    private final List<String> tensors = new ArrayList<>();
    private final List<Map<Directive.Kind, Directive>> perLevel = new ArrayList<>();
    private final Diagnostics d = new Diagnostics();

    private MappingReader(Workload w, Architecture a) {
        this.w = w;
        this.a = a;
        for (Dim dim : w.dims()) {
            dims.add(dim.name());
        }
        tensors.addAll(w.tensorIds().stream().map(TensorId::name).toList());
        for (int i = 0; i < a.levelCount(); i++) {
            perLevel.add(new EnumMap<>(Directive.Kind.class));
        }
    }

    /**
     * Reads the value of a {@code mapping:} key.
     *
     * @throws InputException with every error found, each at the offending key or value
     */
    public static Mapping read(YamlNode mapping, Workload w, Architecture a) {
        return read(mapping, mapping.span(), w, a, new Diagnostics());
    }

    /** Like {@link #read(YamlNode, Workload, Architecture)}, adding the warnings of a successful read to {@code warnings}. */
    static Mapping read(YamlNode mapping, SourceSpan where, Workload w, Architecture a, Diagnostics warnings) {
        MappingReader r = new MappingReader(w, a);
        Mapping m = r.run(mapping, where);
        warnings.addAll(r.d.warnings());
        return m;
    }

    private Mapping run(YamlNode node, SourceSpan where) {
        List<YamlNode> items = Nodes.items(node, "the 'mapping' section", d);
        if (items != null) {
            for (YamlNode item : items) {
                directive(item);
            }
        }
        List<LevelMapping> levels = new ArrayList<>();
        for (int i = 0; i < a.levelCount(); i++) {
            levels.add(level(i));
        }
        d.throwIfErrors();
        checkProducts(where);
        d.throwIfErrors();
        Mapping m = new Mapping(levels);
        for (MappingProblem p : MappingChecker.check(m, w, a)) {
            d.error(spanOf(p, where), p.message());
        }
        d.throwIfErrors();
        return m;
    }

    private void directive(YamlNode item) {
        YamlMap m = Nodes.map(item, "a mapping directive", d);
        if (m == null) {
            return;
        }
        Nodes.rejectUnknownKeys(m, KEYS, "a mapping directive", d);
        YamlMap.Entry t = Nodes.require(m, m.span(), "a mapping directive", d, "target");
        YamlMap.Entry ty = Nodes.require(m, t == null ? m.span() : t.key().span(), "a mapping directive", d, "type");
        YamlScalar target = t == null ? null : Nodes.scalar(t.value(), "'target'", d);
        YamlScalar type = ty == null ? null : Nodes.scalar(ty.value(), "'type'", d);
        if (target == null || type == null) {
            return;
        }
        Directive.Kind kind = kind(type);
        int level = level(target);
        if (kind == null) {
            return;
        }
        Directive dir = new Directive(target, kind, type);
        boolean loops = kind != Directive.Kind.DATATYPE;
        for (YamlMap.Entry e : m.entries()) {
            switch (e.name()) {
                case "factors":
                case "permutation":
                case "split":
                    if (!loops) {
                        d.error(e.key().span(), "'" + e.name() + "' belongs in a temporal or spatial directive, not "
                                + "in a datatype directive; move it there.");
                    } else if (e.name().equals("factors")) {
                        dir.readFactors(e.value(), dims, d);
                    } else if (e.name().equals("permutation")) {
                        dir.readPermutation(e.value(), dims, d);
                    } else if (kind != Directive.Kind.SPATIAL) {
                        d.error(e.key().span(), "'split' applies only to spatial directives; remove it here.");
                    } else {
                        dir.split = split(e.value());
                    }
                    break;
                case "keep":
                case "bypass":
                    if (loops) {
                        d.error(e.key().span(), "'" + e.name() + "' belongs in a datatype directive, not in a "
                                + dir.kind.name().toLowerCase(java.util.Locale.ROOT) + " one; move it there.");
                    } else {
                        List<LoopSyntax.Named> names = LoopSyntax.tensors(e.value(), "'" + e.name() + "'", tensors, d);
                        (e.name().equals("keep") ? dir.keep : dir.bypass).addAll(names);
                        if (e.name().equals("keep")) {
                            dir.keepNode = e.value();
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        if (level < 0) {
            return;
        }
        Directive previous = perLevel.get(level).putIfAbsent(kind, dir);
        if (previous != null) {
            d.error(type.span(), "Level " + target.text() + " already has a " + type.text() + " directive (line "
                    + previous.type.span().line() + "); merge the two into one.");
        }
    }

    private int split(YamlNode n) {
        java.util.OptionalLong v = Nodes.integer(n, "'split'", 0, Integer.MAX_VALUE, d);
        if (v.isPresent() && v.getAsLong() > dims.size()) {
            d.error(n.span(), "'split' is " + v.getAsLong() + " but the workload has only " + dims.size()
                    + " dimensions; use a number from 0 to " + dims.size() + ".");
        }
        return (int) Math.min(v.orElse(dims.size()), dims.size());
    }

    private Directive.Kind kind(YamlScalar type) {
        switch (type.text()) {
            case "temporal":
                return Directive.Kind.TEMPORAL;
            case "spatial":
                return Directive.Kind.SPATIAL;
            case "datatype":
            case "bypass":
                return Directive.Kind.DATATYPE;
            default:
                d.error(type.span(), "Unknown directive type '" + type.text() + "'."
                        + Nodes.didYouMean(type.text(), List.of("temporal", "spatial", "datatype"))
                        + " The types are temporal, spatial and datatype.");
                return null;
        }
    }

    private int level(YamlScalar target) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < a.levelCount(); i++) {
            if (a.level(i).name().equals(target.text())) {
                return i;
            }
            names.add(a.level(i).name());
        }
        if (target.text().equals(a.compute().name())) {
            d.error(target.span(), target.text() + " is the compute unit; mapping directives target storage levels ("
                    + Nodes.plainList(names) + ").");
        } else {
            d.error(target.span(), "Unknown target '" + target.text() + "'." + Nodes.didYouMean(target.text(), names)
                    + " The storage levels are " + Nodes.plainList(names) + ".");
        }
        return -1;
    }

    private LevelMapping level(int i) {
        Map<Directive.Kind, Directive> dirs = perLevel.get(i);
        Set<TensorId> keep = new LinkedHashSet<>();
        for (String t : tensors) {
            keep.add(TensorId.of(t));
        }
        Directive dt = dirs.get(Directive.Kind.DATATYPE);
        if (dt != null) {
            for (LoopSyntax.Named b : dt.bypass) {
                for (LoopSyntax.Named k : dt.keep) {
                    if (k.name().equals(b.name())) {
                        d.error(b.at(), "Tensor " + b.name() + " is both kept (line " + k.at().line() + ") and bypassed "
                                + "at " + a.level(i).name() + "; list it under one of keep or bypass.");
                    }
                }
                keep.remove(TensorId.of(b.name()));
            }
        }
        List<Loop> temporal = new ArrayList<>();
        Directive t = dirs.get(Directive.Kind.TEMPORAL);
        if (t != null) {
            List<String> order = t.order(dims);
            for (int k = order.size() - 1; k >= 0; k--) {
                add(temporal, order.get(k), t.factor(order.get(k)));
            }
        }
        List<Loop> x = new ArrayList<>();
        List<Loop> y = new ArrayList<>();
        Directive s = dirs.get(Directive.Kind.SPATIAL);
        if (s != null) {
            List<String> order = s.order(dims);
            int split = s.split < 0 ? order.size() : s.split;
            for (int k = order.size() - 1; k >= 0; k--) {
                add(k < split ? x : y, order.get(k), s.factor(order.get(k)));
            }
        }
        return new LevelMapping(LevelId.of(a.level(i).name()), keep, temporal, x, y);
    }

    private static void add(List<Loop> loops, String dim, long factor) {
        if (factor > 1) {
            loops.add(new Loop(Dim.of(dim), factor));
        }
    }

    /** Every dimension's factors must multiply to its bound; report at the outermost factor above 1. */
    private void checkProducts(SourceSpan where) {
        List<Directive> outerFirst = outerFirst();
        for (String dim : dims) {
            long bound = w.bound(Dim.of(dim));
            long product = 1;
            boolean overflow = false;
            List<String> parts = new ArrayList<>();
            LoopSyntax.Factor blame = null;
            LoopSyntax.Factor mentioned = null;
            for (Directive dir : outerFirst) {
                LoopSyntax.Factor f = dir.factors.get(dim);
                if (f == null) {
                    continue;
                }
                mentioned = mentioned == null ? f : mentioned;
                if (f.value() == 1) {
                    continue;
                }
                blame = blame == null ? f : blame;
                parts.add(dir.target.text() + " " + dir.kind.name().toLowerCase(java.util.Locale.ROOT) + " "
                        + f.value());
                if (product > Long.MAX_VALUE / f.value()) {
                    overflow = true;
                } else {
                    product *= f.value();
                }
            }
            if (!overflow && product == bound) {
                continue;
            }
            SourceSpan at = blame != null ? blame.at() : mentioned != null ? mentioned.at() : where;
            String how = parts.isEmpty() ? "no directive gives " + dim + " a factor above 1"
                    : "the factors of " + dim + " multiply to " + (overflow ? "more than 2^63" : Long.toString(product))
                    + " (" + String.join(" x ", parts) + ")";
            d.error(at, Nodes.capitalize(how) + ", but its bound in the problem is " + bound
                    + "; make the factors multiply to exactly " + bound + ".");
        }
    }

    /** Directives from the outermost level inward; temporal before spatial within a level (spatial sits below). */
    private List<Directive> outerFirst() {
        List<Directive> out = new ArrayList<>();
        for (Map<Directive.Kind, Directive> dirs : perLevel) {
            for (Directive.Kind k : List.of(Directive.Kind.TEMPORAL, Directive.Kind.SPATIAL)) {
                if (dirs.containsKey(k)) {
                    out.add(dirs.get(k));
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Where a problem found by {@link MappingChecker} is best shown. */
    private SourceSpan spanOf(MappingProblem p, SourceSpan where) {
        if (p.level() < 0 || p.level() >= perLevel.size()) {
            return where;
        }
        Map<Directive.Kind, Directive> dirs = perLevel.get(p.level());
        Directive dt = dirs.get(Directive.Kind.DATATYPE);
        if (p.tensor().isPresent() && dt != null) {
            for (LoopSyntax.Named n : dt.bypass) {
                if (n.name().equals(p.tensor().get())) {
                    return n.at();
                }
            }
            return dt.keepNode != null ? dt.keepNode.span() : dt.target.span();
        }
        if (p.dim().isPresent()) {
            for (Directive dir : dirs.values()) {
                LoopSyntax.Factor f = dir.factors.get(p.dim().get());
                if (f != null) {
                    return f.at();
                }
            }
        }
        for (Directive dir : dirs.values()) {
            return dir.target.span();
        }
        return where;
    }
}
