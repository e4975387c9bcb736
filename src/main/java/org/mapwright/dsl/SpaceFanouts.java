package org.mapwright.dsl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mapwright.archspace.Choice;
import org.mapwright.archspace.Connectivity;
import org.mapwright.archspace.FanoutSpec;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.Suggestions;
import org.mapwright.dsl.Ast.Name;
import org.mapwright.dsl.Ast.NameList;

/**
 * Checks the fan-outs of a space: mesh side choices and, per axis, a fixed list of dimensions, NAAS's
 * {@code top K of DIMS} (one importance per candidate, the K most important unrolled), and the reference
 * {@code dataflow} that the sizing-only space fixes.
 */
final class SpaceFanouts {
    private final Diagnostics diags;
    private final SpaceValues values;

    SpaceFanouts(Diagnostics diags, SpaceValues values) {
        this.diags = diags;
        this.values = values;
    }

    Optional<FanoutSpec> check(SpaceAst.Fanout f, String from) {
        int before = diags.errorCount();
        if (f.cross().isPresent() && !f.cross().get().text().equals("x")) {
            diags.error(f.cross().get().span(), "Write a fan-out mesh as `X x Y`, such as `{2 .. 32} x 1`; `" + f.cross().get()
                    + "` is not `x`.");
        }
        List<Integer> xs = sides(f.xs(), "a mesh side");
        List<Integer> ys = sides(f.ys(), "a mesh side");
        SpaceAst.Axis[] connectivity = new SpaceAst.Axis[2];
        SpaceAst.Dataflow[] dataflow = new SpaceAst.Dataflow[2];
        for (SpaceAst.Axis a : f.axes()) {
            int axis = axis(a.axis());
            if (axis < 0) {
                continue;
            }
            if (a instanceof SpaceAst.Dataflow d) {
                if (!d.keyword().text().equals("dataflow")) {
                    diags.error(d.keyword().span(), "Unknown word `" + d.keyword() + "` before an axis" + Suggestions.hint(d.keyword().text(), List.of("dataflow")));
                    continue;
                }
                if (dataflow[axis] != null) {
                    diags.error(a.span(), "The dataflow of axis " + a.axis() + " is given twice (first at " + dataflow[axis].span() + "); keep one.");
                }
                dataflow[axis] = d;
            } else {
                if (connectivity[axis] != null) {
                    diags.error(a.span(), "Axis " + a.axis() + " is listed twice (first at " + connectivity[axis].span() + "); list it once.");
                }
                connectivity[axis] = a;
            }
        }
        Connectivity onX = connectivity(connectivity[0], dataflow[0]);
        Connectivity onY = connectivity(connectivity[1], dataflow[1]);
        if (diags.errorCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new FanoutSpec(from, new Choice<>(xs), new Choice<>(ys), onX, onY));
    }

    private List<Integer> sides(List<SpaceAst.Range> ranges, String what) {
        return values.values(ranges, Optional.empty(), what, q -> values.count(q, what, FanoutSpec.MAX_SIDE))
                .map(l -> l.stream().map(Long::intValue).toList()).orElse(List.of(1));
    }

    private int axis(Name a) {
        if (a.text().equals("x")) {
            return 0;
        }
        if (a.text().equals("y")) {
            return 1;
        }
        diags.error(a.span(), "Unknown axis `" + a + "`; a fan-out has axes x and y.");
        return -1;
    }

    private Connectivity connectivity(SpaceAst.Axis clause, SpaceAst.Dataflow flow) {
        if (clause instanceof SpaceAst.FixedAxis fixed) {
            if (flow != null) {
                diags.error(flow.span(), "Axis " + fixed.axis() + " is fixed to " + names(fixed.dims())
                        + ", so a reference dataflow changes nothing; remove it, or search the axis with `"
                        + fixed.axis() + ": top K of ...`.");
            }
            if (fixed.dims().none()) {
                diags.error(fixed.dims().span(), "An axis that unrolls nothing is a mesh side of 1; give the side 1 instead of `none`.");
            }
            return fixed.dims().all() || fixed.dims().none() ? new Connectivity.Any()
                    : new Connectivity.Fixed(distinct(fixed.dims().names(), "axis " + fixed.axis()));
        }
        if (clause == null) {
            if (flow != null) {
                diags.error(flow.span(), "Axis " + flow.axis() + " is not searched, so a reference dataflow changes nothing; "
                        + "search it with `" + flow.axis() + ": top K of N, M, C, P, Q, R, S` or remove the dataflow.");
            }
            return new Connectivity.Any();
        }
        SpaceAst.Top top = (SpaceAst.Top) clause;
        if (!top.top().text().equals("top")) {
            diags.error(top.top().span(), "Write a searched axis as `" + top.axis() + ": top K of DIMS` and a fixed one as `"
                    + top.axis() + ": DIMS`; `" + top.top() + "` is not `top`.");
        }
        if (top.of().isPresent() && !top.of().get().text().equals("of")) {
            diags.error(top.of().get().span(), "Write `top K of DIMS`; `" + top.of().get() + "` is not `of`.");
        }
        List<String> candidates = Connectivity.CONV_DIMS;
        if (top.candidates().isPresent() && !top.candidates().get().all()) {
            NameList nl = top.candidates().get();
            if (nl.none()) {
                diags.error(nl.span(), "A searched axis needs candidate dimensions; list them or write `all` for N, M, C, P, Q, R, S.");
            }
            candidates = List.copyOf(distinct(nl.names(), "the candidates of axis " + top.axis()));
        }
        List<Long> k = values.values(top.k(), Optional.empty(), "the k of a searched axis",
                q -> values.count(q, "the k of a searched axis", Integer.MAX_VALUE)).orElse(List.of(1L));
        long kMax = k.get(k.size() - 1);
        if (!candidates.isEmpty() && kMax > candidates.size()) {
            diags.error(top.span(), "Axis " + top.axis() + " unrolls the top " + kMax + " of " + candidates.size()
                    + " candidates " + candidates + "; lower k to at most " + candidates.size() + " or list more candidates.");
        }
        Optional<Set<String>> reference = Optional.empty();
        if (flow != null) {
            if (flow.dims().all() || flow.dims().none()) {
                diags.error(flow.dims().span(), "A reference dataflow names the dimensions it unrolls, such as `dataflow "
                        + flow.axis() + ": Q, M`.");
            } else {
                Set<String> ref = distinct(flow.dims().names(), "the dataflow of axis " + flow.axis());
                for (Name n : flow.dims().names()) {
                    if (!candidates.contains(n.text())) {
                        diags.error(n.span(), "The dataflow of axis " + flow.axis() + " unrolls " + n + ", which is not among its candidates"
                                + Suggestions.hint(n.text(), candidates));
                    }
                }
                reference = Optional.of(ref);
            }
        }
        if (candidates.isEmpty() || kMax > candidates.size()) {
            return new Connectivity.Any();
        }
        return new Connectivity.Searched(candidates, new Choice<>(k.stream().map(Long::intValue).toList()), reference);
    }

    private Set<String> distinct(List<Name> names, String where) {
        Set<String> out = new LinkedHashSet<>();
        for (Name n : names) {
            if (!out.add(n.text())) {
                diags.error(n.span(), "Dimension " + n + " is listed twice in " + where + "; list it once.");
            }
        }
        return out;
    }

    private static String names(NameList l) {
        return l.all() ? "all" : l.none() ? "none" : String.join(", ", new ArrayList<>(l.names().stream().map(Name::text).toList()));
    }
}
