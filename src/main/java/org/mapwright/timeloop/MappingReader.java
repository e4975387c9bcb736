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
 *
 * <p>Inputs are read as Timeloop v3.0.3's {@code mapping/parser.cpp} reads them, with a warning where that may
 * surprise: a factor of 0 is the whole dimension, a repeated factor or loop directive replaces the earlier one,
 * datatype directives apply in order with {@code bypass} after {@code keep}, a split beyond the dimensions puts all
 * of them on X, and unknown keys are ignored.
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
        Nodes.throwIfErrors(d);
        checkProducts(where);
        Nodes.throwIfErrors(d);
        Mapping m = new Mapping(levels);
        for (MappingProblem p : MappingChecker.check(m, w, a)) {
            d.error(spanOf(p, where), p.message());
        }
        Nodes.throwIfErrors(d);
        return m;
    }

    private void directive(YamlNode item) {
        YamlMap m = Nodes.map(item, "a mapping directive", d);
        if (m == null) {
            return;
        }
        unknownKeys(m);
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
        if (level >= 0 && kind == Directive.Kind.SPATIAL && a.level(level).fanout().size() == 1) {
            d.error(target.span(), target.text() + " has no fan-out below it, so it cannot take a spatial directive "
                    + "(Timeloop refuses it too); remove the directive or target a level with a fan-out.");
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
                        listForm(e);
                        dir.readFactors(e.value(), dims, d);
                        wholeDimensions(dir);
                    } else if (e.name().equals("permutation")) {
                        listForm(e);
                        dir.readPermutation(e.value(), dims, d);
                    } else if (kind != Directive.Kind.SPATIAL) {
                        d.warning(e.key().span(), "'split' applies only to spatial directives; it is ignored here, as "
                                + "Timeloop ignores it.");
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
        Directive previous = perLevel.get(level).put(kind, dir);
        if (previous != null && kind == Directive.Kind.DATATYPE) {
            // Timeloop applies datatype directives one after another, each its keep list and then its bypass list.
            previous.bypass.removeIf(b -> dir.keep.stream().anyMatch(k -> k.name().equals(b.name())));
            previous.keep.addAll(dir.keep);
            previous.bypass.addAll(dir.bypass);
            previous.keepNode = previous.keepNode == null ? dir.keepNode : previous.keepNode;
            perLevel.get(level).put(kind, previous);
        } else if (previous != null) {
            d.warning(type.span(), "Level " + target.text() + " already has a " + type.text() + " directive (line "
                    + previous.type.span().line() + "); this one replaces it, as in Timeloop.");
        }
    }

    /**
     * Timeloop ignores keys it does not look up, so an unknown key is a warning (it may be a misspelling); the keys
     * that make Timeloop model something Mapwright does not are errors.
     */
    private void unknownKeys(YamlMap m) {
        for (YamlMap.Entry e : m.entries()) {
            if (ConstraintsReader.UNMODELLED.contains(e.name())) {
                d.error(e.key().span(), "Mapwright does not model '" + e.name() + "'; remove it (Mapwright then "
                        + "counts as Timeloop does without it).");
            } else if (!KEYS.contains(e.name())) {
                Nodes.unknownKey(e, KEYS, "a mapping directive", d);
            }
        }
    }

    /** Timeloop reads factors and permutations only from a string; a list reaches it as nothing at all. */
    private void listForm(YamlMap.Entry e) {
        if (e.value() instanceof YamlSeq) {
            d.warning(e.value().span(), "Timeloop v3.0.3 reads '" + e.name() + "' only from a string and ignores a "
                    + "list" + (e.name().equals("factors") ? " (every factor of the directive is then 1)"
                    : " (it then orders the loops in the problem's dimension order)") + "; write it as a string, "
                    + "such as " + (e.name().equals("factors") ? "'C=4 M=2'" : "'QPM'") + ", to give Timeloop the "
                    + "mapping Mapwright reads.");
        }
    }

    /** A factor of 0 in a mapping stands for the whole dimension, as in Timeloop (which warns too). */
    private void wholeDimensions(Directive dir) {
        for (LoopSyntax.Factor f : List.copyOf(dir.factors.values())) {
            if (f.value() == 0) {
                long bound = w.bound(Dim.of(f.dim()));
                d.warning(f.at(), "A factor of 0 stands for the whole dimension: " + f.dim() + " = " + bound
                        + ", as in Timeloop.");
                dir.factors.put(f.dim(), new LoopSyntax.Factor(f.dim(), bound, false, f.at()));
            }
        }
    }

    private int split(YamlNode n) {
        java.util.OptionalLong v = Nodes.integer(n, "'split'", 0, Integer.MAX_VALUE, d);
        if (v.isPresent() && v.getAsLong() > dims.size()) {
            d.warning(n.span(), "'split' is " + v.getAsLong() + " but the workload has only " + dims.size()
                    + " dimensions; as in Timeloop, every dimension goes on X.");
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
            case "skew":
                d.error(type.span(), "Mapwright does not model skew directives; remove it (Mapwright then counts as "
                        + "Timeloop does without it).");
                return null;
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
                        d.warning(b.at(), "Tensor " + b.name() + " is both kept (line " + k.at().line() + ") and "
                                + "bypassed at " + a.level(i).name() + "; as in Timeloop, which applies 'bypass' after "
                                + "'keep', it is bypassed.");
                    }
                }
                keep.remove(TensorId.of(b.name()));
            }
        }
        for (Directive dir : dirs.values()) {
            repeats(dir);
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

    /**
     * Timeloop takes a level's loops from the first n entries of its permutation completed by the missing dimensions
     * (n dimensions), repeats included: a repeated dimension then gets its factor twice and a dimension pushed out
     * gets none. That is the same nest with the repeat dropped when both factors are 1, and a product Timeloop
     * refuses otherwise.
     */
    private void repeats(Directive dir) {
        List<String> listed = dir.permutation.stream().map(LoopSyntax.Named::name).toList();
        List<String> full = new ArrayList<>(listed);
        for (String dim : dims) {
            if (!full.contains(dim)) {
                full.add(dim);
            }
        }
        List<String> used = full.subList(0, dims.size());
        for (int i = 0; i < dir.permutation.size(); i++) {
            LoopSyntax.Named n = dir.permutation.get(i);
            if (listed.indexOf(n.name()) == i) {
                continue;
            }
            String dropped = dims.stream().filter(x -> !used.contains(x) && dir.factor(x) > 1).findFirst().orElse(null);
            if (i < dims.size() && (dir.factor(n.name()) > 1 || dropped != null)) {
                d.error(n.at(), "Dimension " + n.name() + " appears twice in the permutation of this " + dir.describe()
                        + "; Timeloop would then count " + (dir.factor(n.name()) > 1 ? "its factor twice"
                        : "no factor for " + dropped) + " and refuse the mapping, so list each dimension once.");
            } else {
                d.warning(n.at(), "Dimension " + n.name() + " appears twice in the permutation of this "
                        + dir.describe() + "; the repeat is ignored, which gives the loops Timeloop builds.");
            }
        }
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
