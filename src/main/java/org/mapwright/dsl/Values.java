package org.mapwright.dsl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.OptionalLong;
import org.mapwright.diag.Diagnostics;
import org.mapwright.dsl.Ast.Num;

/** Range-checked conversions of written numbers, with messages that say what to write instead. */
final class Values {
    private Values() {
    }

    /** Largest loop bound, factor or count the DSL accepts. */
    static final long MAX_COUNT = Integer.MAX_VALUE;

    /** A positive integer at most {@code max}; reports and returns empty otherwise. */
    static OptionalLong positiveInt(Num n, String what, long max, Diagnostics diags) {
        BigDecimal v = n.value();
        BigInteger i;
        try {
            i = v.toBigIntegerExact();
        } catch (ArithmeticException e) {
            diags.error(n.span(), capitalize(what) + " must be a whole number, got " + n.text() + ".");
            return OptionalLong.empty();
        }
        if (i.signum() <= 0) {
            diags.error(n.span(), capitalize(what) + " must be at least 1, got " + n.text() + ".");
            return OptionalLong.empty();
        }
        if (i.compareTo(BigInteger.valueOf(max)) > 0) {
            diags.error(n.span(), capitalize(what) + " " + n.text() + " is too large; the limit is " + max + ".");
            return OptionalLong.empty();
        }
        return OptionalLong.of(i.longValueExact());
    }

    /** A finite non-negative real at most {@code max}; reports and returns NaN otherwise. */
    static double nonNegative(Num n, String what, double max, Diagnostics diags) {
        BigDecimal v = n.value();
        if (v.compareTo(BigDecimal.valueOf(max)) > 0) {
            diags.error(n.span(), capitalize(what) + " " + n.text() + " is too large; the limit is " + max + ".");
            return Double.NaN;
        }
        return v.doubleValue();
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
