package org.mapwright.dsl;

import java.util.List;
import java.util.Optional;
import org.mapwright.diag.SourceSpan;
import org.mapwright.dsl.Ast.Name;
import org.mapwright.dsl.Ast.NameList;
import org.mapwright.dsl.Ast.Num;
import org.mapwright.dsl.Ast.Quantity;

/** The abstract syntax of architecture spaces ({@code space NAME { ... }}), with source spans. */
public final class SpaceAst {
    private SpaceAst() {
    }

    public record SpaceDecl(Name name, List<Item> items, SourceSpan span) implements Ast.Decl {
        public SpaceDecl {
            items = List.copyOf(items);
        }
    }

    /** A level, a fan-out, the compute unit, the links or technology setting, or a block such as {@code limits}. */
    public sealed interface Item permits Level, Fanout, Compute, Links, TechnologyName, Block {
        SourceSpan span();
    }

    public record Level(Name name, List<Attr> attrs, SourceSpan span) implements Item {
        public Level {
            attrs = List.copyOf(attrs);
        }
    }

    /** {@code fanout XS x YS { axes }}; {@code cross} is the word between the sides (it should be {@code x}). */
    public record Fanout(List<Range> xs, Optional<Name> cross, List<Range> ys, List<Axis> axes, SourceSpan span)
            implements Item {
        public Fanout {
            xs = List.copyOf(xs);
            ys = List.copyOf(ys);
            axes = List.copyOf(axes);
        }
    }

    public record Compute(Name name, List<Attr> attrs, SourceSpan span) implements Item {
        public Compute {
            attrs = List.copyOf(attrs);
        }
    }

    public record Links(boolean on, SourceSpan span) implements Item {
    }

    /** {@code technology 45nm}; the name is the text of its tokens joined. */
    public record TechnologyName(Name name, SourceSpan span) implements Item {
    }

    /** A named block of attributes, such as {@code limits { compute 168 }}. */
    public record Block(Name name, List<Attr> attrs, SourceSpan span) implements Item {
        public Block {
            attrs = List.copyOf(attrs);
        }
    }

    /** {@code key value}. */
    public record Attr(Name key, Value value, SourceSpan span) {
    }

    /** The value of an attribute: numbers or name alternatives. */
    public sealed interface Value permits Numbers, Names {
        SourceSpan span();
    }

    /** Values and ranges; {@code unit} is the unit written after a braced set, applying to every element. */
    public record Numbers(List<Range> ranges, Optional<Name> unit, boolean braced, SourceSpan span) implements Value {
        public Numbers {
            ranges = List.copyOf(ranges);
        }
    }

    /** Alternatives separated by {@code |}; each is a name list, {@code none}, {@code all} or a braced set. */
    public record Names(List<NameList> alternatives, SourceSpan span) implements Value {
        public Names {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** One value ({@code hi} empty) or a range {@code lo .. hi} with an optional step. */
    public record Range(Quantity lo, Optional<Quantity> hi, Optional<Step> step, SourceSpan span) {
    }

    /** {@code *f} or {@code xf} (geometric) or {@code +s} (arithmetic). */
    public record Step(boolean geometric, Num by, SourceSpan span) {
    }

    /** One axis clause of a fan-out. */
    public sealed interface Axis permits Top, FixedAxis, Dataflow {
        Name axis();

        SourceSpan span();
    }

    /** {@code x: top K of DIMS}; {@code top} and {@code of} are the words written there. */
    public record Top(Name axis, Name top, List<Range> k, Optional<Name> of, Optional<NameList> candidates,
                      SourceSpan span) implements Axis {
        public Top {
            k = List.copyOf(k);
        }
    }

    /** {@code x: DIMS}. */
    public record FixedAxis(Name axis, NameList dims, SourceSpan span) implements Axis {
    }

    /** {@code dataflow x: DIMS}; {@code keyword} is the word written first. */
    public record Dataflow(Name keyword, Name axis, NameList dims, SourceSpan span) implements Axis {
    }
}
