package org.mapwright.timeloop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.mapwright.arch.Architecture;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.InputException;
import org.mapwright.mapspace.Axis;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.FactorRule;
import org.mapwright.mapspace.LevelConstraints;
import org.mapwright.workload.Dim;
import org.mapwright.workload.TensorId;
import org.mapwright.workload.Workload;

/**
 * Reads a Timeloop constraints section ({@code architecture_constraints}, {@code mapspace_constraints}, or their
 * spellings {@code constraints} and {@code mapspace}) into {@link Constraints} for a given workload and accelerator.
 *
 * <p>A section is a list of targets, a map whose {@code targets} is that list, or a map whose {@code constraints}
 * holds either. Each target is {@code {target, type, ...}} with {@code target} a storage level and {@code type} one
 * of:
 * <ul>
 * <li>{@code temporal}: {@code factors} such as {@code "N=1 P=0 R<=4"} or {@code "N1 P0"}, where {@code D=0} is
 *     the whole dimension and {@code D<=n} an upper bound, and a {@code permutation} that fixes the innermost loops
 *     it lists, innermost first;</li>
 * <li>{@code spatial}: {@code factors}, and a {@code permutation} with {@code split}: the first {@code split}
 *     positions of the permutation, completed by the dimensions it leaves out, use X, the others Y (without
 *     {@code split} the permutation fixes no axis);</li>
 * <li>{@code bypass} (or {@code datatype}): {@code keep} and {@code bypass} lists of tensors;</li>
 * <li>{@code utilization} (or {@code parallelism}): {@code min}, the lowest fraction of compute units in use.</li>
 * </ul>
 * Targets on the same level combine, and so do sections; a contradiction is reported at the later target.
 */
public final class ConstraintsReader {
    private static final Set<String> KEYS = Nodes.keys("target", "type", "factors", "permutation", "split", "keep",
            "bypass", "min");
    /** Keys Timeloop reads that change what it models; Mapwright cannot honour them, so it refuses them. */
    static final Set<String> UNMODELLED = Nodes.keys("no_link_transfer", "no_multicast_no_reduction",
            "no_temporal_reuse");
    private static final Set<String> SECTION_KEYS = Nodes.keys("targets", "constraints", "template", "version");
    private static final List<String> TYPES = List.of("temporal", "spatial", "bypass", "datatype", "bypassing",
            "utilization", "parallelism", "max_overbooked_proportion");

    private enum Kind { TEMPORAL, SPATIAL, DATATYPE, UTILIZATION, OVERBOOKING }

    private final Workload w;
    private final Architecture a;
    private final List<String> dims = new ArrayList<>();
    private final List<String> tensors = new ArrayList<>();
    private final List<String> levels = new ArrayList<>();
    private final Diagnostics d;
    private Constraints result = Constraints.NONE;

    /** A reader that combines every section given to {@link #section} and reports errors into {@code d}. */
    ConstraintsReader(Workload w, Architecture a, Diagnostics d) {
        this.w = w;
        this.a = a;
        this.d = d;
        for (Dim dim : w.dims()) {
            dims.add(dim.name());
        }
        for (TensorId t : w.tensorIds()) {
            tensors.add(t.name());
        }
        for (int i = 0; i < a.levelCount(); i++) {
            levels.add(a.level(i).name());
        }
    }

    /**
     * Reads the value of one constraints section.
     *
     * @throws InputException with every error found, each at the offending key or value
     */
    public static Constraints read(YamlNode section, Workload w, Architecture a) {
        Diagnostics d = new Diagnostics();
        ConstraintsReader r = new ConstraintsReader(w, a, d);
        r.section(section);
        Nodes.throwIfErrors(d);
        return r.result();
    }

    /** Everything read so far, combined. */
    Constraints result() {
        return result;
    }

    /** Reads one more section and combines it with those read before. */
    void section(YamlNode n) {
        if (n instanceof YamlMap) {
            YamlMap m = (YamlMap) n;
            Nodes.ignoreUnknownKeys(m, SECTION_KEYS, "a constraints section", d);
            Optional<YamlMap.Entry> e = Nodes.optional(m, "A constraints section", d, "targets", "constraints");
            if (e.isPresent() && e.get().name().equals("targets")) {
                targets(e.get().value());
            } else if (e.isPresent()) {
                section(e.get().value());
            }
        } else {
            targets(n);
        }
    }

    private void targets(YamlNode n) {
        List<YamlNode> items = Nodes.items(n, "the constraint targets", d);
        if (items != null) {
            for (YamlNode item : items) {
                target(item);
            }
        }
    }

    private void target(YamlNode item) {
        YamlMap m = Nodes.map(item, "a constraint", d);
        if (m == null) {
            return;
        }
        int errorsBefore = d.errorCount();
        unknownKeys(m);
        // Timeloop looks the level up under 'target', then under 'name'.
        YamlMap.Entry t = m.has("target") || !m.has("name") ? Nodes.require(m, m.span(), "a constraint", d, "target")
                : m.entry("name").orElseThrow();
        YamlMap.Entry ty = Nodes.require(m, t == null ? m.span() : t.key().span(), "a constraint", d, "type");
        YamlScalar target = t == null ? null : Nodes.scalar(t.value(), "'target'", d);
        YamlScalar type = ty == null ? null : Nodes.scalar(ty.value(), "'type'", d);
        Kind kind = type == null ? null : kind(type);
        int level = target == null ? -1 : level(target);
        if (kind == null || level < 0) {
            return;
        }
        if (kind == Kind.SPATIAL && a.level(level).fanout().size() == 1) {
            notSpatial(target);
        }
        if (kind == Kind.UTILIZATION && level != a.levelCount() - 1) {
            d.error(target.span(), "A " + type.text() + " constraint must target the innermost storage level ("
                    + a.level(a.levelCount() - 1).name() + "), as Timeloop requires; target it there.");
        }
        if (kind == Kind.OVERBOOKING) {
            d.warning(type.span(), "Mapwright never lets a tile overflow its level, so this "
                    + "max_overbooked_proportion constraint is ignored; Timeloop's mapper may find mappings that "
                    + "overbook " + target.text() + ".");
            return;
        }
        String owner = type.text() + " constraint of " + target.text();
        Map<String, LoopSyntax.Factor> factors = Map.of();
        List<LoopSyntax.Named> permutation = null;
        boolean permutationOk = true;
        YamlMap.Entry split = null;
        List<LoopSyntax.Named> keep = List.of();
        List<LoopSyntax.Named> bypass = List.of();
        double min = 0;
        for (YamlMap.Entry e : m.entries()) {
            switch (e.name()) {
                case "factors":
                    if (fits(e, kind, type, "temporal or spatial", Kind.TEMPORAL, Kind.SPATIAL)) {
                        factors = withinBounds(LoopSyntax.factors(e.value(), target.text(), owner, dims, true, d));
                    }
                    break;
                case "permutation":
                    if (fits(e, kind, type, "temporal or spatial", Kind.TEMPORAL, Kind.SPATIAL)) {
                        int before = d.errorCount();
                        permutation = LoopSyntax.permutation(e.value(), target.text(), owner, dims, true, d);
                        permutationOk = d.errorCount() == before;
                    }
                    break;
                case "split":
                    split = fits(e, kind, type, "spatial", Kind.SPATIAL) ? e : null;
                    break;
                case "keep":
                    if (fits(e, kind, type, "bypass", Kind.DATATYPE)) {
                        keep = LoopSyntax.tensors(e.value(), "'keep'", tensors, d);
                    }
                    break;
                case "bypass":
                    if (fits(e, kind, type, "bypass", Kind.DATATYPE)) {
                        bypass = LoopSyntax.tensors(e.value(), "'bypass'", tensors, d);
                    }
                    break;
                case "min":
                    if (fits(e, kind, type, "utilization", Kind.UTILIZATION)) {
                        min = minimum(e.value());
                    }
                    break;
                default:
                    break;
            }
        }
        if (kind == Kind.UTILIZATION && !m.has("min")) {
            d.error(type.span(), "A " + type.text() + " constraint needs a 'min' entry (the lowest fraction of compute "
                    + "units in use, from 0 to 1); add it.");
        }
        Map<String, Axis> axes = split == null ? Map.of() : axes(split, permutation, permutationOk);
        for (LoopSyntax.Named b : bypass) {
            for (LoopSyntax.Named k : keep) {
                if (k.name().equals(b.name())) {
                    d.error(b.at(), "Tensor " + b.name() + " is both kept (line " + k.at().line() + ") and bypassed at "
                            + target.text() + "; list it under one of keep or bypass.");
                }
            }
        }
        if (d.errorCount() > errorsBefore) {
            return;
        }
        Map<String, FactorRule> rules = rules(factors);
        Optional<List<String>> order = Optional.empty();
        if (kind == Kind.TEMPORAL && permutation != null && !permutation.isEmpty()) {
            order = Optional.of(names(permutation));
        }
        LevelConstraints lc = new LevelConstraints(kind == Kind.TEMPORAL ? rules : Map.of(),
                kind == Kind.SPATIAL ? rules : Map.of(), axes, false, order, new LinkedHashSet<>(names(keep)),
                new LinkedHashSet<>(names(bypass)));
        Map<String, LevelConstraints> one = kind == Kind.UTILIZATION ? Map.of() : Map.of(target.text(), lc);
        try {
            result = result.and(new Constraints(one, min));
        } catch (IllegalArgumentException ex) {
            d.error(target.span(), ex.getMessage());
        }
    }

    /**
     * Timeloop ignores keys it does not look up, so an unknown key is a warning (it may be a misspelling); the keys
     * that make Timeloop model something Mapwright does not are errors.
     */
    private void unknownKeys(YamlMap m) {
        for (YamlMap.Entry e : m.entries()) {
            if (UNMODELLED.contains(e.name())) {
                d.error(e.key().span(), "Mapwright does not model '" + e.name() + "'; remove it (Mapwright then "
                        + "counts as Timeloop does without it).");
            } else if (e.name().equals("remainders")) {
                d.warning(e.key().span(), "Mapwright searches only factors that divide each dimension exactly, so "
                        + "'remainders' is ignored.");
            } else if (!KEYS.contains(e.name()) && !(e.name().equals("name") && !m.has("target"))
                    && !e.name().equals("proportion")) {
                Nodes.unknownKey(e, KEYS, "a constraint", d);
            }
        }
    }

    /**
     * Drops exact factors larger than their dimension's bound with a warning, as Timeloop does; a maximum is kept,
     * since it only bounds the search.
     */
    private Map<String, LoopSyntax.Factor> withinBounds(Map<String, LoopSyntax.Factor> factors) {
        Map<String, LoopSyntax.Factor> out = new LinkedHashMap<>();
        for (LoopSyntax.Factor f : factors.values()) {
            long bound = w.bound(Dim.of(f.dim()));
            if (!f.atMost() && f.value() > bound) {
                d.warning(f.at(), "The constraint " + f.dim() + "=" + f.value() + " exceeds the bound " + bound
                        + " of " + f.dim() + " and is ignored, as Timeloop ignores it.");
            } else {
                out.put(f.dim(), f);
            }
        }
        return out;
    }

    /** Whether key {@code e} belongs in a constraint of this kind; reports it where it does not. */
    private boolean fits(YamlMap.Entry e, Kind kind, YamlScalar type, String where, Kind... allowed) {
        if (List.of(allowed).contains(kind)) {
            return true;
        }
        d.error(e.key().span(), "'" + e.name() + "' belongs in a " + where + " constraint, not in a " + type.text()
                + " one; move it there.");
        return false;
    }

    private Kind kind(YamlScalar type) {
        switch (type.text()) {
            case "temporal":
                return Kind.TEMPORAL;
            case "spatial":
                return Kind.SPATIAL;
            case "bypass":
            case "datatype":
            case "bypassing":
                return Kind.DATATYPE;
            case "utilization":
            case "parallelism":
                return Kind.UTILIZATION;
            case "max_overbooked_proportion":
                return Kind.OVERBOOKING;
            default:
                d.error(type.span(), "Unknown constraint type '" + type.text() + "'."
                        + Nodes.didYouMean(type.text(), TYPES) + " The types are temporal, spatial, bypass (or datatype), "
                        + "utilization (or parallelism) and max_overbooked_proportion.");
                return null;
        }
    }

    private int level(YamlScalar target) {
        int i = levels.indexOf(target.text());
        if (i >= 0) {
            return i;
        }
        if (target.text().equals(a.compute().name())) {
            d.error(target.span(), target.text() + " is the compute unit; constraints target storage levels ("
                    + Nodes.plainList(levels) + ").");
        } else {
            d.error(target.span(), "Unknown target '" + target.text() + "'." + Nodes.didYouMean(target.text(), levels)
                    + " The storage levels are " + Nodes.plainList(levels) + ".");
        }
        return -1;
    }

    private void notSpatial(YamlScalar target) {
        List<String> spatial = new ArrayList<>();
        for (int i = 0; i < a.levelCount(); i++) {
            if (a.level(i).fanout().size() > 1) {
                spatial.add(a.level(i).name());
            }
        }
        d.error(target.span(), target.text() + " is not a spatial level: it has no fan-out below it. "
                + (spatial.isEmpty() ? "This accelerator has no fan-out at all, so remove the spatial constraint."
                : "Target a level with a fan-out (" + Nodes.plainList(spatial) + ") or make this a temporal "
                + "constraint."));
    }

    /**
     * The axis of every dimension, as Timeloop's mapper assigns them: the permutation lists dimensions and the mapper
     * appends the others in an order it chooses; the first {@code split} positions of that full order use X, the rest
     * Y. So with a split within the permutation, every dimension it does not list uses Y; with a split beyond it, the
     * listed ones use X and so do as many others as the split reaches, which Mapwright leaves free to use either
     * axis (a warning says so); a split of at least the number of dimensions puts all of them on X.
     */
    private Map<String, Axis> axes(YamlMap.Entry split, List<LoopSyntax.Named> permutation, boolean permutationOk) {
        OptionalLong s = Nodes.integer(split.value(), "'split'", 0, Integer.MAX_VALUE, d);
        if (s.isEmpty() || !permutationOk) {
            return Map.of();
        }
        List<String> listed = permutation == null ? List.of() : names(permutation);
        long at = s.getAsLong();
        Map<String, Axis> out = new LinkedHashMap<>();
        for (int i = 0; i < listed.size(); i++) {
            out.put(listed.get(i), i < at ? Axis.X : Axis.Y);
        }
        if (at <= listed.size() || at >= dims.size()) {
            for (String dim : dims) {
                out.putIfAbsent(dim, at <= listed.size() ? Axis.Y : Axis.X);
            }
        }
        if (at > listed.size()) {
            String given = "'split' is " + at + " but the " + (listed.isEmpty() ? "constraint has no permutation"
                    : "permutation lists only " + listed.size() + " dimension" + (listed.size() == 1 ? "" : "s"));
            String others = listed.isEmpty() ? "dimensions" : "other dimensions";
            d.warning(split.value().span(), at >= dims.size()
                    ? given + "; as in Timeloop, every dimension goes on X."
                    : given + "; Timeloop puts " + (listed.isEmpty() ? "" : "them and ") + "the first "
                    + (at - listed.size()) + " of the " + others + ", in an order its mapper chooses, on X and the "
                    + "rest on Y, while Mapwright lets the " + others + " use either axis.");
        }
        return out;
    }

    private double minimum(YamlNode n) {
        OptionalDouble v = Nodes.number(n, "'min'", Double.NEGATIVE_INFINITY, false, d);
        if (v.isEmpty()) {
            return 0;
        }
        if (v.getAsDouble() < 0 || v.getAsDouble() > 1) {
            d.error(n.span(), "The minimum utilization must be a fraction from 0 to 1, but it is "
                    + Nodes.fmt(v.getAsDouble()) + "; write 0.5, say, to use at least half of the compute units.");
            return 0;
        }
        return v.getAsDouble();
    }

    private static Map<String, FactorRule> rules(Map<String, LoopSyntax.Factor> factors) {
        Map<String, FactorRule> out = new LinkedHashMap<>();
        for (LoopSyntax.Factor f : factors.values()) {
            out.put(f.dim(), f.atMost() ? new FactorRule.AtMost(f.value())
                    : f.value() == 0 ? new FactorRule.Whole() : new FactorRule.Fixed(f.value()));
        }
        return out;
    }

    private static List<String> names(List<LoopSyntax.Named> named) {
        List<String> out = new ArrayList<>();
        for (LoopSyntax.Named n : named) {
            out.add(n.name());
        }
        return out;
    }
}
