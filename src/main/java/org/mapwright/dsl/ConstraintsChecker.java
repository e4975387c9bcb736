package org.mapwright.dsl;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.Suggestions;
import org.mapwright.dsl.Ast.ConstraintClause;
import org.mapwright.dsl.Ast.ConstraintLevel;
import org.mapwright.dsl.Ast.ConstraintsDecl;
import org.mapwright.dsl.Ast.FactorRuleAst;
import org.mapwright.dsl.Ast.Name;
import org.mapwright.mapspace.Axis;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.FactorRule;
import org.mapwright.mapspace.LevelConstraints;

/** Checks {@code constraints} declarations and builds {@link Constraints}. */
final class ConstraintsChecker {
    private final Diagnostics diags;
    private final Map<String, Architecture> accelerators;

    ConstraintsChecker(Diagnostics diags, Map<String, Architecture> accelerators) {
        this.diags = diags;
        this.accelerators = accelerators;
    }

    Optional<NamedConstraints> check(ConstraintsDecl c) {
        int before = diags.errorCount();
        Architecture arch = null;
        if (c.arch().isPresent()) {
            arch = accelerators.get(c.arch().get().text());
            if (arch == null) {
                diags.error(c.arch().get().span(), "Unknown accelerator `" + c.arch().get() + "`"
                        + Suggestions.hint(c.arch().get().text(), accelerators.keySet()));
                return Optional.empty();
            }
        } else if (accelerators.size() == 1) {
            arch = accelerators.values().iterator().next();
        }
        Map<String, LevelConstraints> levels = new LinkedHashMap<>();
        Map<String, Name> seen = new HashMap<>();
        for (ConstraintLevel lc : c.levels()) {
            String ln = lc.level().text();
            if (arch != null && arch.levelIndex(ln).isEmpty()) {
                diags.error(lc.level().span(), "Accelerator " + arch.name() + " has no level `" + ln + "`"
                        + Suggestions.hint(ln, arch.levels().stream().map(StorageLevel::name).toList()));
                continue;
            }
            Name prev = seen.putIfAbsent(ln, lc.level());
            if (prev != null) {
                diags.error(lc.level().span(), "Level " + ln + " appears twice in constraints " + c.name() + " (first at "
                        + prev.span() + "); merge the two blocks.");
                continue;
            }
            level(lc).ifPresent(l -> levels.put(ln, l));
        }
        double util = 0;
        if (c.utilization().isPresent()) {
            Ast.Num u = c.utilization().get();
            util = u.value().doubleValue();
            if (!(util > 0 && util <= 1)) {
                diags.error(u.span(), "Utilization is a fraction of the compute units, above 0 and at most 1; got " + u.text() + ".");
            }
        }
        if (diags.errorCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new NamedConstraints(c.name().text(), Optional.ofNullable(arch).map(Architecture::name),
                new Constraints(levels, util)));
    }

    private Optional<LevelConstraints> level(ConstraintLevel lc) {
        int before = diags.errorCount();
        Map<String, FactorRule> temporal = Map.of();
        Map<String, FactorRule> spatial = Map.of();
        Map<String, Axis> axes = new LinkedHashMap<>();
        Optional<List<String>> order = Optional.empty();
        Set<String> keep = new LinkedHashSet<>();
        Set<String> bypass = new LinkedHashSet<>();
        Map<String, Name> clauses = new HashMap<>();
        for (ConstraintClause cl : lc.clauses()) {
            String kw = cl.keyword().text();
            Name prev = clauses.putIfAbsent(kw, cl.keyword());
            if (prev != null) {
                diags.error(cl.keyword().span(), "Level " + lc.level() + " has two `" + kw + "` clauses (first at "
                        + prev.span() + "); merge them.");
                continue;
            }
            switch (kw) {
                case "keep" -> keep = names(cl.names().orElseThrow());
                case "bypass" -> bypass = names(cl.names().orElseThrow());
                case "temporal" -> temporal = rules(cl.rules());
                case "spatial" -> spatial = rules(cl.rules());
                case "order" -> order = Optional.of(order(cl.order()));
                case "x", "y" -> {
                    Axis axis = kw.equals("x") ? Axis.X : Axis.Y;
                    for (Name n : cl.names().orElseThrow().names()) {
                        Axis other = axes.putIfAbsent(n.text(), axis);
                        if (other != null) {
                            diags.error(n.span(), "Dimension " + n + " is listed on both axes of level " + lc.level() + "; list it on one.");
                        }
                    }
                }
                default -> diags.error(cl.keyword().span(), "Unknown constraint `" + kw + "`; a level's constraints are keep, "
                        + "bypass, temporal, spatial, order, and the axis lists x: and y:.");
            }
        }
        for (String t : keep) {
            if (bypass.contains(t)) {
                diags.error(lc.level().span(), "Level " + lc.level() + " both keeps and bypasses " + t + "; choose one.");
            }
        }
        if (diags.errorCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new LevelConstraints(temporal, spatial, axes, false, order, keep, bypass));
    }

    private Set<String> names(Ast.NameList nl) {
        Set<String> out = new LinkedHashSet<>();
        nl.names().forEach(n -> out.add(n.text()));
        return out;
    }

    private Map<String, FactorRule> rules(List<FactorRuleAst> asts) {
        Map<String, FactorRule> out = new LinkedHashMap<>();
        for (FactorRuleAst r : asts) {
            FactorRule rule;
            if (r.whole()) {
                rule = FactorRule.whole();
            } else if (r.value().orElseThrow().value().signum() == 0) {
                diags.error(r.value().get().span(), "A factor of 0 means nothing here; write `" + r.dim()
                        + "=all` for the whole dimension in this slot (Timeloop's 0).");
                continue;
            } else {
                OptionalLong v = Values.positiveInt(r.value().orElseThrow(), "the factor of " + r.dim(), Values.MAX_COUNT, diags);
                if (v.isEmpty()) {
                    continue;
                }
                rule = r.atMost() ? FactorRule.atMost(v.getAsLong()) : FactorRule.fixed(v.getAsLong());
            }
            if (out.putIfAbsent(r.dim().text(), rule) != null) {
                diags.error(r.dim().span(), "Dimension " + r.dim() + " has two rules here; keep one.");
            }
        }
        return out;
    }

    /** {@code order A B C} lists the innermost loops outer to inner; the IR keeps them innermost first. */
    private List<String> order(List<Name> names) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = names.size() - 1; i >= 0; i--) {
            Name n = names.get(i);
            if (out.contains(n.text())) {
                diags.error(n.span(), "Dimension " + n + " appears twice in the order; list it once.");
            } else {
                out.add(n.text());
            }
        }
        return out;
    }
}
