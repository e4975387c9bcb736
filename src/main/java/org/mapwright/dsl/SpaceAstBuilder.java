package org.mapwright.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.mapwright.diag.SourceSpan;
import org.mapwright.dsl.Ast.Name;
import org.mapwright.dsl.Ast.NameList;
import org.mapwright.dsl.Ast.Num;
import org.mapwright.dsl.Ast.Quantity;
import org.mapwright.dsl.parser.MapwrightParser.*;

/** Turns the parse tree of a {@code space} declaration into {@link SpaceAst} records, with {@link AstBuilder}'s spans. */
final class SpaceAstBuilder {
    private final AstBuilder b;

    SpaceAstBuilder(AstBuilder b) {
        this.b = b;
    }

    SpaceAst.SpaceDecl space(SpaceDeclContext s) {
        List<SpaceAst.Item> items = new ArrayList<>();
        for (SpaceItemContext item : s.spaceItem()) {
            items.add(item(item));
        }
        return new SpaceAst.SpaceDecl(b.name(s.name), items, b.span(s));
    }

    private SpaceAst.Item item(SpaceItemContext item) {
        if (item instanceof SpaceLevelContext l) {
            return new SpaceAst.Level(b.name(l.name), attrs(l.spaceAttr()), b.span(l));
        }
        if (item instanceof SpaceComputeContext c) {
            return new SpaceAst.Compute(b.name(c.name), attrs(c.spaceAttr()), b.span(c));
        }
        if (item instanceof SpaceBlockContext k) {
            return new SpaceAst.Block(b.name(k.block), attrs(k.spaceAttr()), b.span(k));
        }
        if (item instanceof SpaceLinksContext k) {
            return new SpaceAst.Links(k.state.getText().equals("on"), b.span(k));
        }
        if (item instanceof SpaceTechnologyContext t) {
            return new SpaceAst.TechnologyName(new Name(t.techName().getText(), b.span(t.techName())), b.span(t));
        }
        return fanout((SpaceFanoutContext) item);
    }

    private List<SpaceAst.Attr> attrs(List<SpaceAttrContext> ctxs) {
        List<SpaceAst.Attr> out = new ArrayList<>();
        for (SpaceAttrContext a : ctxs) {
            Name key = new Name(a.key.getText(), b.span(a.key));
            out.add(new SpaceAst.Attr(key, value(a.spaceValue()), b.span(a)));
        }
        return out;
    }

    private SpaceAst.Value value(SpaceValueContext v) {
        if (v instanceof SpaceNumberSetContext set) {
            Optional<Name> unit = Optional.ofNullable(set.unit()).map(u -> new Name(u.getText(), b.span(u)));
            return new SpaceAst.Numbers(ranges(set.spaceRange()), unit, true, b.span(v));
        }
        if (v instanceof SpaceNumberRangeContext r) {
            return new SpaceAst.Numbers(List.of(range(r.spaceRange())), Optional.empty(), false, b.span(v));
        }
        List<NameList> alts = new ArrayList<>();
        for (SpaceNamesContext n : ((SpaceNameChoiceContext) v).spaceNames()) {
            if (n.nameList() != null) {
                alts.add(b.nameList(n.nameList()));
            } else {
                // {} is the empty set, as `none`
                alts.add(new NameList(List.of(), true, false, b.span(n)));
            }
        }
        return new SpaceAst.Names(alts, b.span(v));
    }

    private List<SpaceAst.Range> ranges(List<SpaceRangeContext> ctxs) {
        List<SpaceAst.Range> out = new ArrayList<>();
        ctxs.forEach(r -> out.add(range(r)));
        return out;
    }

    private SpaceAst.Range range(SpaceRangeContext r) {
        Quantity lo = b.quantity(r.lo);
        if (r.stepMesh != null) {
            // "256 x2" lexes as one mesh token: the upper end and a geometric factor
            Token t = r.stepMesh;
            String[] parts = t.getText().split("x");
            SourceSpan span = b.span(t);
            Num hi = number(parts[0].trim(), span);
            Optional<Name> unit = Optional.ofNullable(r.unit()).map(u -> new Name(u.getText(), b.span(u)));
            Quantity hiQ = new Quantity(hi, unit, span);
            return new SpaceAst.Range(lo, Optional.of(hiQ), Optional.of(new SpaceAst.Step(true, number(parts[1].trim(), span), span)), b.span(r));
        }
        if (r.hi == null) {
            return new SpaceAst.Range(lo, Optional.empty(), Optional.empty(), b.span(r));
        }
        Optional<SpaceAst.Step> step = Optional.empty();
        SpaceStepContext s = r.spaceStep();
        if (s != null) {
            if (s.op != null) {
                step = Optional.of(new SpaceAst.Step(s.op.getText().equals("*"), b.num(s.INT().getSymbol()), b.span(s)));
            } else {
                Token id = s.ID().getSymbol();
                step = Optional.of(new SpaceAst.Step(true, number(id.getText().substring(1), b.span(id)), b.span(s)));
            }
        }
        return new SpaceAst.Range(lo, Optional.of(b.quantity(r.hi)), step, b.span(r));
    }

    private static Num number(String digits, SourceSpan span) {
        return new Num(new java.math.BigDecimal(digits), digits, span);
    }

    private SpaceAst.Fanout fanout(SpaceFanoutContext f) {
        SpaceMeshContext m = f.spaceMesh();
        List<SpaceAst.Range> xs;
        List<SpaceAst.Range> ys;
        Optional<Name> cross = Optional.empty();
        if (m.MESH() != null) {
            SourceSpan span = b.span(m.MESH().getSymbol());
            String[] sides = m.MESH().getText().split("x");
            xs = List.of(single(number(sides[0].trim(), span)));
            ys = List.of(single(number(sides[1].trim(), span)));
        } else {
            xs = side(m.xs);
            ys = side(m.ys);
            cross = Optional.of(b.name(m.cross));
        }
        List<SpaceAst.Axis> axes = new ArrayList<>();
        for (SpaceAxisContext a : f.spaceAxis()) {
            if (a instanceof SpaceAxisTopContext t) {
                axes.add(new SpaceAst.Top(b.name(t.axis), b.name(t.top), side(t.k), Optional.ofNullable(t.of).map(b::name),
                        Optional.ofNullable(t.candidates).map(b::nameList), b.span(a)));
            } else if (a instanceof SpaceAxisFixedContext x) {
                axes.add(new SpaceAst.FixedAxis(b.name(x.axis), b.nameList(x.nameList()), b.span(a)));
            } else {
                SpaceAxisDataflowContext d = (SpaceAxisDataflowContext) a;
                axes.add(new SpaceAst.Dataflow(b.name(d.flow), b.name(d.axis), b.nameList(d.nameList()), b.span(a)));
            }
        }
        return new SpaceAst.Fanout(xs, cross, ys, axes, b.span(f));
    }

    private List<SpaceAst.Range> side(SpaceSideContext s) {
        if (s.INT() != null) {
            return List.of(single(b.num(s.INT().getSymbol())));
        }
        return ranges(s.spaceRange());
    }

    private static SpaceAst.Range single(Num n) {
        return new SpaceAst.Range(new Quantity(n, Optional.empty(), n.span()), Optional.empty(), Optional.empty(), n.span());
    }
}
