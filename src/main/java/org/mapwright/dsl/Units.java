package org.mapwright.dsl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.Suggestions;
import org.mapwright.dsl.Ast.Quantity;

/**
 * Units of the DSL: sizes (bits, B, KiB, MiB, GiB, words), energies (fJ, pJ, nJ), bandwidths (words/cycle,
 * bits/cycle, B/cycle) and areas (um2, mm2). Conversions are exact; a size that is not a whole number of words is
 * an error.
 */
final class Units {
    private Units() {
    }

    private static final Map<String, Long> BITS = Map.of("bit", 1L, "bits", 1L, "b", 1L, "B", 8L, "byte", 8L,
            "bytes", 8L, "KiB", 8L << 10, "MiB", 8L << 20, "GiB", 8L << 30);
    private static final Map<String, Double> ENERGY = Map.of("fJ", 1e-3, "pJ", 1.0, "nJ", 1e3);
    private static final Map<String, Double> AREA = Map.of("um2", 1.0, "mm2", 1e6);
    private static final List<String> SIZE_UNITS = List.of("words", "bits", "B", "KiB", "MiB", "GiB");

    /** A size in words: {@code 12 words}, {@code 108 KiB}, {@code 256 bits} with the given word size. */
    static OptionalLong words(Quantity q, int wordBits, String what, long max, Diagnostics diags) {
        String unit = q.unit().map(Ast.Name::text).orElse(null);
        if (unit == null) {
            diags.error(q.span(), Values.capitalize(what) + " " + q.number().text() + " needs a unit: words, bits, B, KiB or MiB.");
            return OptionalLong.empty();
        }
        BigDecimal words;
        if (unit.equals("words") || unit.equals("word")) {
            words = q.number().value();
        } else if (BITS.containsKey(unit)) {
            BigDecimal bits = q.number().value().multiply(BigDecimal.valueOf(BITS.get(unit)));
            words = bits.divide(BigDecimal.valueOf(wordBits), java.math.MathContext.DECIMAL128);
        } else {
            diags.error(q.unit().get().span(), badUnit(unit, what, "a size", SIZE_UNITS));
            return OptionalLong.empty();
        }
        BigInteger w;
        try {
            w = words.stripTrailingZeros().toBigIntegerExact();
        } catch (ArithmeticException e) {
            diags.error(q.span(), Values.capitalize(what) + " " + q.number().text() + " " + unit + " is not a whole number of "
                    + wordBits + "-bit words; make it a multiple of the word size.");
            return OptionalLong.empty();
        }
        if (w.signum() <= 0) {
            diags.error(q.span(), Values.capitalize(what) + " must be at least one word, got " + q.number().text() + " " + unit + ".");
            return OptionalLong.empty();
        }
        if (w.compareTo(BigInteger.valueOf(max)) > 0) {
            diags.error(q.span(), Values.capitalize(what) + " " + q.number().text() + " " + unit + " is too large; the limit is "
                    + max + " words.");
            return OptionalLong.empty();
        }
        return OptionalLong.of(w.longValueExact());
    }

    /** A word size in bits: {@code 16 bits} or {@code 2 B}. */
    static OptionalLong bits(Quantity q, Diagnostics diags) {
        String unit = q.unit().map(Ast.Name::text).orElse(null);
        if (unit == null || !BITS.containsKey(unit) || BITS.get(unit) > 8) {
            diags.error(q.span(), "A word size needs a unit of bits or bytes, as in `word 16 bits`.");
            return OptionalLong.empty();
        }
        BigDecimal bits = q.number().value().multiply(BigDecimal.valueOf(BITS.get(unit)));
        return Values.positiveInt(new Ast.Num(bits, q.number().text() + " " + unit, q.span()), "the word size",
                Values.MAX_COUNT, diags);
    }

    /** An energy in pJ; NaN after reporting an error. */
    static double energy(Quantity q, Diagnostics diags) {
        String unit = q.unit().map(Ast.Name::text).orElse(null);
        if (unit == null) {
            diags.error(q.span(), "Energy " + q.number().text() + " needs a unit: pJ, fJ or nJ.");
            return Double.NaN;
        }
        Double scale = ENERGY.get(unit);
        if (scale == null) {
            diags.error(q.unit().get().span(), badUnit(unit, "energy", "an energy", List.of("pJ", "fJ", "nJ")));
            return Double.NaN;
        }
        return Values.nonNegative(q.number(), "energy", 1e12, diags) * scale;
    }

    /** A bandwidth in words per cycle; {@code words/cycle} is the default unit. */
    static double bandwidth(Quantity q, int wordBits, Diagnostics diags) {
        String unit = q.unit().map(Ast.Name::text).orElse("words/cycle");
        double v = Values.nonNegative(q.number(), "bandwidth", 1e12, diags);
        if (!(v > 0)) {
            if (!Double.isNaN(v)) {
                diags.error(q.span(), "Bandwidth must be positive; leave it out for unlimited bandwidth.");
            }
            return Double.POSITIVE_INFINITY;
        }
        switch (unit) {
            case "words/cycle":
            case "word/cycle":
                return v;
            case "bits/cycle":
                return v / wordBits;
            case "B/cycle":
            case "bytes/cycle":
                return v * 8 / wordBits;
            default:
                diags.error(q.unit().get().span(), badUnit(unit, "bandwidth", "a bandwidth",
                        List.of("words/cycle", "bits/cycle", "B/cycle")));
                return Double.POSITIVE_INFINITY;
        }
    }

    /** An area in square micrometres. */
    static double area(Quantity q, Diagnostics diags) {
        String unit = q.unit().map(Ast.Name::text).orElse(null);
        Double scale = unit == null ? null : AREA.get(unit);
        if (scale == null) {
            diags.error(q.span(), "Area " + q.number().text() + (unit == null ? "" : " " + unit)
                    + " needs a unit of um2 or mm2, as in `area 1200 um2`.");
            return 0;
        }
        double v = Values.nonNegative(q.number(), "area", 1e15, diags);
        return Double.isNaN(v) ? 0 : v * scale;
    }

    /** Reports a unit where none belongs. */
    static void noUnit(Quantity q, String what, Diagnostics diags) {
        q.unit().ifPresent(u -> diags.error(u.span(), Values.capitalize(what) + " is a plain number; remove the unit `" + u + "`."));
    }

    private static String badUnit(String unit, String what, String kind, List<String> known) {
        String hint;
        if (unit.equalsIgnoreCase("KB") || unit.equalsIgnoreCase("MB") || unit.equalsIgnoreCase("GB")) {
            hint = "; write " + unit.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + "iB for multiples of 1024 bytes.";
        } else {
            hint = Suggestions.hint(unit, known);
        }
        return "`" + unit + "` is not " + kind + " unit, so it cannot give the " + what + hint;
    }
}
