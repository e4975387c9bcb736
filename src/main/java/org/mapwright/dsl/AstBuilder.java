package org.mapwright.dsl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.mapwright.diag.SourceSpan;
import org.mapwright.dsl.Ast.AcceleratorDecl;
import org.mapwright.dsl.Ast.Access;
import org.mapwright.dsl.Ast.Arg;
import org.mapwright.dsl.Ast.ArchItem;
import org.mapwright.dsl.Ast.Attr;
import org.mapwright.dsl.Ast.AxisAllow;
import org.mapwright.dsl.Ast.ComputeDecl;
import org.mapwright.dsl.Ast.Decl;
import org.mapwright.dsl.Ast.Einsum;
import org.mapwright.dsl.Ast.Factor;
import org.mapwright.dsl.Ast.FanoutDecl;
import org.mapwright.dsl.Ast.IndexAst;
import org.mapwright.dsl.Ast.Instance;
import org.mapwright.dsl.Ast.KeyedQuantity;
import org.mapwright.dsl.Ast.LayerDecl;
import org.mapwright.dsl.Ast.LevelDecl;
import org.mapwright.dsl.Ast.LoopAst;
import org.mapwright.dsl.Ast.MappingDecl;
import org.mapwright.dsl.Ast.MappingItem;
import org.mapwright.dsl.Ast.MappingLevel;
import org.mapwright.dsl.Ast.Name;
import org.mapwright.dsl.Ast.NameList;
import org.mapwright.dsl.Ast.NetworkDecl;
import org.mapwright.dsl.Ast.Num;
import org.mapwright.dsl.Ast.Param;
import org.mapwright.dsl.Ast.Quantity;
import org.mapwright.dsl.Ast.TermAst;
import org.mapwright.dsl.Ast.WorkloadDecl;
import org.mapwright.dsl.parser.MapwrightParser.*;

/** Turns a parse tree (known to be free of syntax errors) into {@link Ast} records with source spans. */
final class AstBuilder {
    private final String file;

    AstBuilder(String file) {
        this.file = file;
    }

    Ast.SourceFile build(FileContext ctx) {
        List<Decl> decls = new ArrayList<>();
        for (TopDeclContext t : ctx.topDecl()) {
            decls.add(decl(t));
        }
        return new Ast.SourceFile(file, decls);
    }

    private Decl decl(TopDeclContext t) {
        if (t.includeDecl() != null) {
            String raw = t.includeDecl().STRING().getText();
            return new Ast.Include(unquote(raw), span(t.includeDecl()));
        }
        if (t.workloadDecl() != null) {
            return workload(t.workloadDecl());
        }
        if (t.layerDecl() != null) {
            LayerDeclContext l = t.layerDecl();
            return new LayerDecl(name(l.name), instance(l.instance()), span(l));
        }
        if (t.networkDecl() != null) {
            NetworkDeclContext n = t.networkDecl();
            List<LayerDecl> layers = new ArrayList<>();
            for (NetworkItemContext item : n.networkItem()) {
                layers.add(new LayerDecl(name(item.name), instance(item.instance()), span(item)));
            }
            return new NetworkDecl(name(n.name), layers, span(n));
        }
        if (t.acceleratorDecl() != null) {
            return accelerator(t.acceleratorDecl());
        }
        if (t.constraintsDecl() != null) {
            return constraints(t.constraintsDecl());
        }
        if (t.spaceDecl() != null) {
            return new SpaceAstBuilder(this).space(t.spaceDecl());
        }
        return mapping(t.mappingDecl());
    }

    private Ast.ConstraintsDecl constraints(ConstraintsDeclContext c) {
        List<Ast.ConstraintLevel> levels = new ArrayList<>();
        Optional<Num> utilization = Optional.empty();
        for (ConstraintItemContext item : c.constraintItem()) {
            if (item instanceof UtilizationItemContext u) {
                utilization = Optional.of(num(u.number()));
                continue;
            }
            ConstraintLevelContext lc = (ConstraintLevelContext) item;
            List<Ast.ConstraintClause> clauses = new ArrayList<>();
            for (ConstraintClauseContext cl : lc.constraintClause()) {
                clauses.add(clause(cl));
            }
            levels.add(new Ast.ConstraintLevel(name(lc.level), clauses, span(lc)));
        }
        return new Ast.ConstraintsDecl(name(c.name), Optional.ofNullable(c.arch).map(this::name), levels, utilization, span(c));
    }

    private Ast.ConstraintClause clause(ConstraintClauseContext cl) {
        Name kw = keyword(cl.getStart());
        List<Ast.FactorRuleAst> rules = new ArrayList<>();
        List<Name> order = new ArrayList<>();
        Optional<NameList> names = Optional.empty();
        if (cl instanceof ConstraintKeepContext k) {
            names = Optional.of(nameList(k.nameList()));
        } else if (cl instanceof ConstraintBypassContext b) {
            names = Optional.of(nameList(b.nameList()));
        } else if (cl instanceof ConstraintTemporalContext t) {
            t.factorRule().forEach(r -> rules.add(rule(r)));
        } else if (cl instanceof ConstraintSpatialContext sp) {
            sp.factorRule().forEach(r -> rules.add(rule(r)));
        } else if (cl instanceof ConstraintOrderContext o) {
            o.ident().forEach(i -> order.add(name(i)));
        } else {
            ConstraintAxisContext a = (ConstraintAxisContext) cl;
            kw = name(a.axis);
            names = Optional.of(nameList(a.nameList()));
        }
        return new Ast.ConstraintClause(kw, names, rules, order, span(cl));
    }

    private Ast.FactorRuleAst rule(FactorRuleContext r) {
        return new Ast.FactorRuleAst(name(r.dim), Optional.ofNullable(r.number()).map(this::num), r.whole != null,
                r.atMost != null, span(r));
    }

    private WorkloadDecl workload(WorkloadDeclContext w) {
        List<Param> dims = new ArrayList<>();
        List<Param> coefs = new ArrayList<>();
        List<Einsum> einsums = new ArrayList<>();
        for (WorkloadItemContext item : w.workloadItem()) {
            if (item instanceof DimsItemContext d) {
                d.paramDecl().forEach(p -> dims.add(param(p)));
            } else if (item instanceof CoefsItemContext c) {
                c.paramDecl().forEach(p -> coefs.add(param(p)));
            } else {
                einsums.add(einsum(((EinsumItemContext) item).einsum()));
            }
        }
        return new WorkloadDecl(name(w.name), dims, coefs, einsums, span(w));
    }

    private Param param(ParamDeclContext p) {
        return new Param(name(p.ident()), Optional.ofNullable(p.number()).map(this::num));
    }

    private Einsum einsum(EinsumContext e) {
        List<Access> ops = new ArrayList<>();
        for (AccessContext a : e.operands) {
            ops.add(access(a));
        }
        return new Einsum(access(e.output), ops, span(e));
    }

    private Access access(AccessContext a) {
        List<IndexAst> index = new ArrayList<>();
        for (IndexExprContext ix : a.indexExpr()) {
            List<TermAst> terms = new ArrayList<>();
            for (IndexTermContext term : ix.indexTerm()) {
                List<Factor> factors = new ArrayList<>();
                for (IndexFactorContext f : term.indexFactor()) {
                    if (f.ident() != null) {
                        factors.add(new Factor(Optional.of(name(f.ident())), Optional.empty(), span(f)));
                    } else {
                        factors.add(new Factor(Optional.empty(), Optional.of(num(f.INT().getSymbol())), span(f)));
                    }
                }
                terms.add(new TermAst(factors, span(term)));
            }
            index.add(new IndexAst(terms, span(ix)));
        }
        return new Access(name(a.tensor), index, span(a));
    }

    private Instance instance(InstanceContext i) {
        List<Arg> args = new ArrayList<>();
        for (ArgContext a : i.arg()) {
            args.add(new Arg(name(a.ident()), num(a.number())));
        }
        return new Instance(name(i.template), args, Optional.ofNullable(i.repeat).map(this::num), span(i));
    }

    private AcceleratorDecl accelerator(AcceleratorDeclContext a) {
        List<ArchItem> items = new ArrayList<>();
        for (ArchItemContext item : a.archItem()) {
            if (item.levelDecl() != null) {
                LevelDeclContext l = item.levelDecl();
                List<Attr> attrs = new ArrayList<>();
                for (LevelAttrContext attr : l.levelAttr()) {
                    attrs.add(levelAttr(attr));
                }
                items.add(new LevelDecl(name(l.name), attrs, span(l)));
            } else if (item.fanoutDecl() != null) {
                items.add(fanout(item.fanoutDecl()));
            } else if (item.linksDecl() != null) {
                items.add(new Ast.LinksDecl(item.linksDecl().state.getText().equals("on"), span(item.linksDecl())));
            } else if (item.technologyDecl() != null) {
                TechnologyDeclContext t = item.technologyDecl();
                // `45nm` is a number and a name to the lexer; the technology's name is the two together
                ParserRuleContext nameStart = t.number() != null ? t.number() : t.ident();
                String text = (t.number() != null ? t.number().getText() : "") + t.ident().getText();
                SourceSpan where = new SourceSpan(file, nameStart.getStart().getLine(),
                        nameStart.getStart().getCharPositionInLine() + 1, span(t.ident()).endLine(), span(t.ident()).endColumn());
                items.add(new Ast.TechnologyDecl(new Name(text, where), span(t)));
            } else {
                ComputeDeclContext c = item.computeDecl();
                List<Attr> attrs = new ArrayList<>();
                for (ComputeAttrContext attr : c.computeAttr()) {
                    attrs.add(computeAttr(attr));
                }
                items.add(new ComputeDecl(name(c.name), attrs, span(c)));
            }
        }
        return new AcceleratorDecl(name(a.name), items, span(a));
    }

    private Attr levelAttr(LevelAttrContext a) {
        Name key = keyword(a.getStart());
        // capacity, word, block, buffering, area and banks hold one quantity directly
        QuantityContext q = a.getRuleContext(QuantityContext.class, 0);
        if (q != null) {
            return valueAttr(key, q, a);
        } else if (a instanceof BandwidthAttrContext b) {
            List<KeyedQuantity> items = new ArrayList<>();
            for (BandwidthItemContext item : b.bandwidthItem()) {
                items.add(new KeyedQuantity(keyword(item.kind), quantity(item.quantity())));
            }
            return new Attr(key, items, Optional.empty(), Optional.empty(), Optional.empty(), span(a));
        } else if (a instanceof KeepsAttrContext k) {
            return new Attr(key, List.of(), Optional.empty(), Optional.of(nameList(k.nameList())), Optional.empty(), span(a));
        }
        return energyAttr(key, ((EnergyAttrContext) a).energySpec(), a);
    }

    private Attr computeAttr(ComputeAttrContext a) {
        Name key = keyword(a.getStart());
        if (a instanceof ComputeEnergyAttrContext e) {
            return energyAttr(key, e.energySpec(), a);
        }
        // area and count hold one quantity directly
        return valueAttr(key, a.getRuleContext(QuantityContext.class, 0), a);
    }

    private Attr valueAttr(Name key, QuantityContext q, ParserRuleContext whole) {
        return new Attr(key, List.of(), Optional.of(quantity(q)), Optional.empty(), Optional.empty(), span(whole));
    }

    private Attr energyAttr(Name key, EnergySpecContext spec, ParserRuleContext whole) {
        if (spec instanceof EnergyClassContext c) {
            return new Attr(key, List.of(), Optional.empty(), Optional.empty(), Optional.of(name(c.className)), span(whole));
        }
        if (spec instanceof EnergyBothContext b) {
            return valueAttr(key, b.quantity(), whole);
        }
        List<KeyedQuantity> items = new ArrayList<>();
        for (EnergyItemContext item : ((EnergyActionsContext) spec).energyItem()) {
            items.add(new KeyedQuantity(keyword(item.kind), quantity(item.quantity())));
        }
        return new Attr(key, items, Optional.empty(), Optional.empty(), Optional.empty(), span(whole));
    }

    private FanoutDecl fanout(FanoutDeclContext f) {
        String[] sides = f.MESH().getText().split("x");
        long x = saturatingParse(sides[0].trim());
        long y = saturatingParse(sides[1].trim());
        List<AxisAllow> allow = new ArrayList<>();
        List<Quantity> hops = new ArrayList<>();
        if (f.fanoutBody() != null) {
            for (AxisAllowContext a : f.fanoutBody().axisAllow()) {
                allow.add(new AxisAllow(name(a.axis), nameList(a.nameList())));
            }
            for (HopItemContext h : f.fanoutBody().hopItem()) {
                hops.add(quantity(h.quantity()));
            }
        }
        return new FanoutDecl(x, y, allow, hops, span(f));
    }

    private MappingDecl mapping(MappingDeclContext m) {
        Optional<List<Name>> target = Optional.empty();
        if (m.target != null) {
            List<Name> parts = new ArrayList<>();
            m.target.ident().forEach(i -> parts.add(name(i)));
            target = Optional.of(parts);
        }
        List<MappingLevel> levels = new ArrayList<>();
        for (MappingLevelContext l : m.mappingLevel()) {
            List<MappingItem> items = new ArrayList<>();
            for (MappingItemContext item : l.mappingItem()) {
                items.add(mappingItem(item));
            }
            levels.add(new MappingLevel(name(l.level), items, span(l)));
        }
        return new MappingDecl(name(m.name), target, Optional.ofNullable(m.arch).map(this::name), levels, span(m));
    }

    private MappingItem mappingItem(MappingItemContext item) {
        Name kw = keyword(item.getStart());
        if (item instanceof KeepItemContext k) {
            return new MappingItem(kw, Optional.of(nameList(k.nameList())), Optional.empty(), List.of(), span(item));
        }
        if (item instanceof BypassItemContext b) {
            return new MappingItem(kw, Optional.of(nameList(b.nameList())), Optional.empty(), List.of(), span(item));
        }
        if (item instanceof TemporalItemContext t) {
            return new MappingItem(kw, Optional.empty(), Optional.empty(), loops(t.loopFactor()), span(item));
        }
        if (item instanceof SpatialNoAxisItemContext s) {
            return new MappingItem(kw, Optional.empty(), Optional.empty(), loops(s.loopFactor()), span(item));
        }
        SpatialItemContext s = (SpatialItemContext) item;
        return new MappingItem(kw, Optional.empty(), Optional.of(name(s.axis)), loops(s.loopFactor()), span(item));
    }

    private List<LoopAst> loops(List<LoopFactorContext> ctxs) {
        List<LoopAst> out = new ArrayList<>();
        for (LoopFactorContext l : ctxs) {
            out.add(new LoopAst(name(l.dim), num(l.factor)));
        }
        return out;
    }

    NameList nameList(NameListContext n) {
        List<Name> names = new ArrayList<>();
        n.ident().forEach(i -> names.add(name(i)));
        String first = n.getStart().getText();
        boolean none = n.ident().isEmpty() && "none".equals(first);
        boolean all = n.ident().isEmpty() && "all".equals(first);
        return new NameList(names, none, all, span(n));
    }

    Quantity quantity(QuantityContext q) {
        Optional<Name> unit = Optional.empty();
        if (q.unit() != null) {
            UnitContext u = q.unit();
            unit = Optional.of(new Name(u.getText(), span(u)));
        }
        return new Quantity(num(q.number()), unit, span(q));
    }

    Num num(NumberContext n) {
        return num(n.getStart());
    }

    Num num(Token t) {
        return new Num(new BigDecimal(t.getText()), t.getText(), span(t));
    }

    Name name(IdentContext i) {
        return new Name(i.getText(), span(i));
    }

    Name keyword(Token t) {
        return new Name(t.getText(), span(t));
    }

    SourceSpan span(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() != null ? ctx.getStop() : start;
        return new SourceSpan(file, start.getLine(), start.getCharPositionInLine() + 1, stop.getLine(),
                stop.getCharPositionInLine() + 1 + Math.max(0, stop.getText().length() - 1));
    }

    SourceSpan span(Token t) {
        return new SourceSpan(file, t.getLine(), t.getCharPositionInLine() + 1, t.getLine(),
                t.getCharPositionInLine() + Math.max(1, t.getText().length()));
    }

    /** Parses digits, returning {@code Long.MAX_VALUE} for numbers too large (the checker reports those). */
    private static long saturatingParse(String digits) {
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    static String unquote(String raw) {
        String body = raw.substring(1, raw.length() - 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
