package org.mapwright.dsl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Function;
import org.mapwright.diag.Diagnostics;
import org.mapwright.dsl.Ast.Name;
import org.mapwright.dsl.Ast.Num;
import org.mapwright.dsl.Ast.Quantity;

/**
 * The numbers of an architecture space: expands sets and ranges ({@code {1, 2}}, {@code 16 .. 256 *2},
 * {@code 4 .. 32 +4}, {@code 1 .. 8}) into single quantities and converts them with the DSL's {@link Units}.
 */
final class SpaceValues {
    /** Most options one parameter may have, so that a mistaken range fails fast instead of filling memory. */
    static final int MAX_OPTIONS = 4096;

    private final Diagnostics diags;

    SpaceValues(Diagnostics diags) {
        this.diags = diags;
    }

    /**
     * The sorted, distinct values an attribute allows, each converted by {@code convert} (which reports its own
     * errors and returns empty); empty after reporting an error.
     */
    <T extends Comparable<T>> Optional<List<T>> values(SpaceAst.Value v, String what, Function<Quantity, Optional<T>> convert) {
        if (!(v instanceof SpaceAst.Numbers nums)) {
            diags.error(v.span(), Values.capitalize(what) + " takes numbers, such as `{1, 2, 4}` or `16 .. 256 *2`, not names.");
            return Optional.empty();
        }
        return values(nums.ranges(), nums.unit(), what, convert);
    }

    <T extends Comparable<T>> Optional<List<T>> values(List<SpaceAst.Range> ranges, Optional<Name> outerUnit, String what,
                                                       Function<Quantity, Optional<T>> convert) {
        TreeSet<T> out = new TreeSet<>();
        for (SpaceAst.Range r : ranges) {
            Optional<List<Quantity>> qs = expand(r, outerUnit, what);
            if (qs.isEmpty()) {
                return Optional.empty();
            }
            for (Quantity q : qs.get()) {
                Optional<T> t = convert.apply(q);
                if (t.isEmpty()) {
                    return Optional.empty();
                }
                out.add(t.get());
                if (out.size() > MAX_OPTIONS) {
                    diags.error(r.span(), tooMany(what));
                    return Optional.empty();
                }
            }
        }
        return Optional.of(List.copyOf(out));
    }

    /** The one value of an attribute that takes no choices, or empty after reporting. */
    Optional<Quantity> single(SpaceAst.Value v, String what) {
        if (v instanceof SpaceAst.Numbers n && !n.braced() && n.ranges().size() == 1 && n.ranges().get(0).hi().isEmpty()) {
            return Optional.of(n.ranges().get(0).lo());
        }
        diags.error(v.span(), Values.capitalize(what) + " takes one value here, not a set or a range.");
        return Optional.empty();
    }

    private Optional<List<Quantity>> expand(SpaceAst.Range r, Optional<Name> outerUnit, String what) {
        Optional<Name> loUnit = r.lo().unit();
        Optional<Name> hiUnit = r.hi().flatMap(Quantity::unit);
        for (Optional<Name> own : List.of(loUnit, hiUnit)) {
            if (outerUnit.isPresent() && own.isPresent()) {
                diags.error(own.get().span(), "This value has its own unit `" + own.get() + "` and the set's unit `"
                        + outerUnit.get() + "`; give the unit once, after the closing brace.");
                return Optional.empty();
            }
        }
        if (loUnit.isPresent() && hiUnit.isPresent() && !loUnit.get().text().equals(hiUnit.get().text())) {
            diags.error(r.span(), "The ends of a range are in `" + loUnit.get() + "` and `" + hiUnit.get()
                    + "`; write both ends in one unit.");
            return Optional.empty();
        }
        Optional<Name> unit = outerUnit.or(() -> hiUnit).or(() -> loUnit);
        BigDecimal lo = r.lo().number().value();
        if (r.hi().isEmpty()) {
            return Optional.of(List.of(quantity(lo, unit, r)));
        }
        BigDecimal hi = r.hi().get().number().value();
        if (hi.compareTo(lo) < 0) {
            diags.error(r.span(), "The range " + r.lo().number().text() + " .. " + r.hi().get().number().text()
                    + " is empty; write the smaller end first.");
            return Optional.empty();
        }
        boolean geometric = r.step().map(SpaceAst.Step::geometric).orElse(false);
        BigDecimal by = r.step().map(s -> s.by().value()).orElse(BigDecimal.ONE);
        if (geometric && by.compareTo(BigDecimal.valueOf(2)) < 0) {
            diags.error(r.step().get().span(), "A geometric step multiplies by 2 or more, got " + r.step().get().by().text() + ".");
            return Optional.empty();
        }
        if (by.signum() <= 0) {
            diags.error(r.step().get().span(), "A step adds at least 1, got " + r.step().get().by().text() + ".");
            return Optional.empty();
        }
        if (geometric && lo.signum() <= 0) {
            diags.error(r.span(), "A geometric range starts above 0, got " + r.lo().number().text() + ".");
            return Optional.empty();
        }
        List<Quantity> out = new ArrayList<>();
        for (BigDecimal x = lo; x.compareTo(hi) <= 0; x = geometric ? x.multiply(by) : x.add(by)) {
            if (out.size() == MAX_OPTIONS) {
                diags.error(r.span(), tooMany(what));
                return Optional.empty();
            }
            out.add(quantity(x, unit, r));
        }
        return Optional.of(out);
    }

    private static Quantity quantity(BigDecimal v, Optional<Name> unit, SpaceAst.Range r) {
        return new Quantity(new Num(v, v.stripTrailingZeros().toPlainString(), r.span()), unit, r.span());
    }

    private static String tooMany(String what) {
        return Values.capitalize(what) + " has more than " + MAX_OPTIONS + " options; use a geometric step such as `*2` or a larger step.";
    }

    /** A whole number from 1 to {@code max} with no unit. */
    Optional<Long> count(Quantity q, String what, long max) {
        if (q.unit().isPresent()) {
            Units.noUnit(q, what, diags);
            return Optional.empty();
        }
        OptionalLong v = Values.positiveInt(q.number(), what, max, diags);
        return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
    }

    /** A size in words of {@code wordBits} bits, from 1 to {@code max}. */
    Optional<Long> words(Quantity q, int wordBits, String what, long max) {
        OptionalLong v = Units.words(q, wordBits, what, max, diags);
        return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
    }

    /** A bandwidth in words per cycle. */
    Optional<Double> bandwidth(Quantity q, int wordBits) {
        if (q.number().value().signum() <= 0) {
            diags.error(q.span(), "A bandwidth must be positive, got " + q.number().text()
                    + "; leave it out for block x banks words per cycle.");
            return Optional.empty();
        }
        int before = diags.errorCount();
        double v = Units.bandwidth(q, wordBits, diags);
        return diags.errorCount() > before || !Double.isFinite(v) ? Optional.empty() : Optional.of(v);
    }
}
