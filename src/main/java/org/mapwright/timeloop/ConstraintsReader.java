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
 * <li>{@code spatial}: {@code factors}, and a {@code permutation} with {@code split}: its first {@code split}
 *     dimensions use X, the others Y (without {@code split} the permutation fixes no axis);</li>
 * <li>{@code bypass} (or {@code datatype}): {@code keep} and {@code bypass} lists of tensors;</li>
 * <li>{@code utilization} (or {@code parallelism}): {@code min}, the lowest fraction of compute units in use.</li>
 * </ul>
 * Targets on the same level combine, and so do sections; a contradiction is reported at the later target.
 */
public final class ConstraintsReader {
    private static final Set<String> KEYS = Nodes.keys("target", "type", "factors", "permutation", "split", "keep",
            "bypass", "min");
    private static final Set<String> SECTION_KEYS = Nodes.keys("targets", "constraints", "template", "version");
    private static final List<String> TYPES = List.of("temporal", "spatial", "bypass", "datatype", "utilization",
            "parallelism");

    private enum Kind { TEMPORAL, SPATIAL, DATATYPE, UTILIZATION }

    private final Architecture a;
    private final List<String> dims = new ArrayList<>();
    private final List<String> tensors = new ArrayList<>();
    private final List<String> levels = new ArrayList<>();
    private final Diagnostics d;
    private Constraints result = Constraints.NONE;

    /** A reader that combines every section given to {@link #section} and reports errors into {@code d}. */
    ConstraintsReader(Workload w, Architecture a, Diagnostics d) {
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
        d.throwIfErrors();
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
            Nodes.rejectUnknownKeys(m, SECTION_KEYS, "a constraints section", d);
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
        Nodes.rejectUnknownKeys(m, KEYS, "a constraint", d);
        YamlMap.Entry t = Nodes.require(m, m.span(), "a constraint", d, "target");
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
                        factors = LoopSyntax.factors(e.value(), target.text(), owner, dims, true, d);
                    }
                    break;
                case "permutation":
                    if (fits(e, kind, type, "temporal or spatial", Kind.TEMPORAL, Kind.SPATIAL)) {
                        int before = d.errorCount();
                        permutation = LoopSyntax.permutation(e.value(), target.text(), owner, dims, d);
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
                return Kind.DATATYPE;
            case "utilization":
            case "parallelism":
                return Kind.UTILIZATION;
            default:
                d.error(type.span(), "Unknown constraint type '" + type.text() + "'."
                        + Nodes.didYouMean(type.text(), TYPES) + " The types are temporal, spatial, bypass (or datatype) and utilization (or parallelism).");
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

    /** The axis of each permuted dimension: the first {@code split} use X, the rest Y. */
    private Map<String, Axis> axes(YamlMap.Entry split, List<LoopSyntax.Named> permutation, boolean permutationOk) {
        OptionalLong s = Nodes.integer(split.value(), "'split'", 0, Integer.MAX_VALUE, d);
        if (s.isEmpty() || !permutationOk) {
            return Map.of();
        }
        int listed = permutation == null ? 0 : permutation.size();
        if (s.getAsLong() > listed) {
            d.error(split.value().span(), permutation == null
                    ? "'split' is " + s.getAsLong() + " but this constraint has no permutation; add a permutation that "
                    + "lists the X dimensions and then the Y dimensions, or remove 'split'."
                    : "'split' is " + s.getAsLong() + " but the permutation lists only " + listed + " dimensions; use "
                    + "a number from 0 to " + listed + ".");
            return Map.of();
        }
        Map<String, Axis> out = new LinkedHashMap<>();
        for (int i = 0; i < listed; i++) {
            out.put(permutation.get(i).name(), i < s.getAsLong() ? Axis.X : Axis.Y);
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
