package org.mapwright.dsl;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.mapwright.diag.SourceSpan;

/**
 * The DSL's abstract syntax: immutable records that carry their source spans. Built from the parse tree by
 * {@link AstBuilder}; ANTLR types never leave this package.
 */
public final class Ast {
    private Ast() {
    }

    /** A name as written, with where it was written. */
    public record Name(String text, SourceSpan span) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A number as written (exact decimal), with where it was written. */
    public record Num(BigDecimal value, String text, SourceSpan span) {
    }

    /** A number with an optional unit such as {@code KiB}, {@code pJ} or {@code words/cycle}. */
    public record Quantity(Num number, Optional<Name> unit, SourceSpan span) {
    }

    /** One parsed file. */
    public record SourceFile(String path, List<Decl> decls) {
        public SourceFile {
            decls = List.copyOf(decls);
        }
    }

    /** A top-level declaration. */
    public sealed interface Decl permits Include, WorkloadDecl, LayerDecl, NetworkDecl, AcceleratorDecl, MappingDecl,
            ConstraintsDecl, SpaceAst.SpaceDecl {
        SourceSpan span();
    }

    public record Include(String path, SourceSpan span) implements Decl {
    }

    // ------------------------------------------------------------ workloads

    /** A dimension or coefficient declared by a workload, with an optional default value. */
    public record Param(Name name, Optional<Num> value) {
    }

    public record WorkloadDecl(Name name, List<Param> dims, List<Param> coefs, List<Einsum> einsums, SourceSpan span)
            implements Decl {
        public WorkloadDecl {
            dims = List.copyOf(dims);
            coefs = List.copyOf(coefs);
            einsums = List.copyOf(einsums);
        }
    }

    public record Einsum(Access output, List<Access> operands, SourceSpan span) {
        public Einsum {
            operands = List.copyOf(operands);
        }
    }

    public record Access(Name tensor, List<IndexAst> index, SourceSpan span) {
        public Access {
            index = List.copyOf(index);
        }
    }

    /** A sum of terms. */
    public record IndexAst(List<TermAst> terms, SourceSpan span) {
        public IndexAst {
            terms = List.copyOf(terms);
        }
    }

    /** A product of factors, each a name or an integer. */
    public record TermAst(List<Factor> factors, SourceSpan span) {
        public TermAst {
            factors = List.copyOf(factors);
        }
    }

    /** A name or an integer in an index term; exactly one of the two is present. */
    public record Factor(Optional<Name> name, Optional<Num> number, SourceSpan span) {
    }

    // ------------------------------------------------------------ layers and networks

    public record Arg(Name name, Num value) {
    }

    public record Instance(Name template, List<Arg> args, Optional<Num> repeat, SourceSpan span) {
        public Instance {
            args = List.copyOf(args);
        }
    }

    public record LayerDecl(Name name, Instance instance, SourceSpan span) implements Decl {
    }

    public record NetworkDecl(Name name, List<LayerDecl> layers, SourceSpan span) implements Decl {
        public NetworkDecl {
            layers = List.copyOf(layers);
        }
    }

    // ------------------------------------------------------------ accelerators

    public record AcceleratorDecl(Name name, List<ArchItem> items, SourceSpan span) implements Decl {
        public AcceleratorDecl {
            items = List.copyOf(items);
        }
    }

    /** A level, a fan-out, the compute unit, the links setting or the technology, in the order written. */
    public sealed interface ArchItem permits LevelDecl, FanoutDecl, ComputeDecl, LinksDecl, TechnologyDecl {
        SourceSpan span();
    }

    /** {@code technology 16nm}: the process that energy classes and area estimates use. */
    public record TechnologyDecl(Name name, SourceSpan span) implements ArchItem {
    }

    /**
     * One attribute of a level or compute unit. {@code key} is the keyword ({@code capacity}, {@code energy}, ...);
     * {@code items} holds sub-keyed quantities ({@code read 16}, {@code write 2 pJ}); {@code value} a bare quantity;
     * {@code names} a name list ({@code keeps}); {@code energyClass} the class of {@code energy class sram}.
     */
    public record Attr(Name key, List<KeyedQuantity> items, Optional<Quantity> value, Optional<NameList> names,
                       Optional<Name> energyClass, SourceSpan span) {
        public Attr {
            items = List.copyOf(items);
        }
    }

    public record KeyedQuantity(Name key, Quantity quantity) {
    }

    /** A list of names, or the words {@code none} / {@code all}. */
    public record NameList(List<Name> names, boolean none, boolean all, SourceSpan span) {
        public NameList {
            names = List.copyOf(names);
        }
    }

    public record LevelDecl(Name name, List<Attr> attrs, SourceSpan span) implements ArchItem {
        public LevelDecl {
            attrs = List.copyOf(attrs);
        }
    }

    public record AxisAllow(Name axis, NameList dims) {
    }

    /** A fan-out: its mesh, the dimensions allowed on each axis, and its energy per hop ({@code hop}, once). */
    public record FanoutDecl(long x, long y, List<AxisAllow> allow, List<Quantity> hops, SourceSpan span)
            implements ArchItem {
        public FanoutDecl {
            allow = List.copyOf(allow);
            hops = List.copyOf(hops);
        }

        /** A fan-out without an energy per hop. */
        public FanoutDecl(long x, long y, List<AxisAllow> allow, SourceSpan span) {
            this(x, y, allow, List.of(), span);
        }
    }

    /** {@code links on} or {@code links off}: whether instances forward data to their mesh neighbours. */
    public record LinksDecl(boolean on, SourceSpan span) implements ArchItem {
    }

    public record ComputeDecl(Name name, List<Attr> attrs, SourceSpan span) implements ArchItem {
        public ComputeDecl {
            attrs = List.copyOf(attrs);
        }
    }

    // ------------------------------------------------------------ mappings

    public record MappingDecl(Name name, Optional<List<Name>> target, Optional<Name> arch, List<MappingLevel> levels,
                              SourceSpan span) implements Decl {
        public MappingDecl {
            levels = List.copyOf(levels);
            target = target.map(List::copyOf);
        }
    }

    public record LoopAst(Name dim, Num factor) {
    }

    /** Keep, bypass, temporal or spatial ({@code axis} present) clauses of one level. */
    public record MappingItem(Name keyword, Optional<NameList> names, Optional<Name> axis, List<LoopAst> loops,
                              SourceSpan span) {
        public MappingItem {
            loops = List.copyOf(loops);
        }
    }

    public record MappingLevel(Name level, List<MappingItem> items, SourceSpan span) {
        public MappingLevel {
            items = List.copyOf(items);
        }
    }

    // ------------------------------------------------------------ constraints

    /** {@code D=n}, {@code D=all} or {@code D<=n}. */
    public record FactorRuleAst(Name dim, Optional<Num> value, boolean whole, boolean atMost, SourceSpan span) {
    }

    /** One clause of a level's constraints: keep, bypass, temporal, spatial, order, or an axis list. */
    public record ConstraintClause(Name keyword, Optional<NameList> names, List<FactorRuleAst> rules, List<Name> order,
                                   SourceSpan span) {
        public ConstraintClause {
            rules = List.copyOf(rules);
            order = List.copyOf(order);
        }
    }

    public record ConstraintLevel(Name level, List<ConstraintClause> clauses, SourceSpan span) {
        public ConstraintLevel {
            clauses = List.copyOf(clauses);
        }
    }

    public record ConstraintsDecl(Name name, Optional<Name> arch, List<ConstraintLevel> levels, Optional<Num> utilization,
                                  SourceSpan span) implements Decl {
        public ConstraintsDecl {
            levels = List.copyOf(levels);
        }
    }
}
