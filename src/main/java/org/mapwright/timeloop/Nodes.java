package org.mapwright.timeloop;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.mapwright.diag.Diagnostic;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;

/**
 * Typed access to {@link YamlNode}s for the readers: each method either returns the value or reports a diagnostic
 * at the offending node (and returns null or empty), so that a reader can keep going and report every error.
 * {@code what} is a noun phrase naming the node in messages, such as {@code "'depth' of shared_glb"}.
 */
final class Nodes {
    private Nodes() {
    }

    /**
     * Throws the errors collected, if any, without the warnings: a reader that fails reports what stops it, and its
     * warnings are shown only when it succeeds.
     */
    static void throwIfErrors(Diagnostics d) {
        if (d.hasErrors()) {
            throw new InputException(d.all().stream().filter(Diagnostic::isError).toList());
        }
    }

    static YamlMap map(YamlNode n, String what, Diagnostics d) {
        if (n instanceof YamlMap) {
            return (YamlMap) n;
        }
        d.error(n.span(), "Expected " + what + " to be a mapping (indented 'key: value' lines), but it is "
                + n.describe() + ".");
        return null;
    }

    static YamlSeq seq(YamlNode n, String what, Diagnostics d) {
        if (n instanceof YamlSeq) {
            return (YamlSeq) n;
        }
        d.error(n.span(), "Expected " + what + " to be a list, but it is " + n.describe() + ".");
        return null;
    }

    static YamlScalar scalar(YamlNode n, String what, Diagnostics d) {
        if (n instanceof YamlScalar) {
            return (YamlScalar) n;
        }
        d.error(n.span(), "Expected " + what + " to be a single value, but it is " + n.describe() + ".");
        return null;
    }

    /** A list's items; an empty value is an empty list and a lone scalar is a one-item list. */
    static List<YamlNode> items(YamlNode n, String what, Diagnostics d) {
        if (n instanceof YamlSeq) {
            return ((YamlSeq) n).items();
        }
        if (n instanceof YamlScalar) {
            return ((YamlScalar) n).isNull() ? List.of() : List.of(n);
        }
        d.error(n.span(), "Expected " + what + " to be a list, but it is " + n.describe() + ".");
        return null;
    }

    /** A non-empty name. */
    static String name(YamlNode n, String what, Diagnostics d) {
        YamlScalar s = scalar(n, what, d);
        if (s == null) {
            return null;
        }
        if (s.isNull() || s.text().isBlank()) {
            d.error(s.span(), "Expected " + what + " to be a name, but it is empty.");
            return null;
        }
        return s.text();
    }

    /**
     * The entry stored under the first of {@code keys} that is present (the others are accepted spellings), or
     * empty. Reports an error when two spellings are both given.
     */
    static Optional<YamlMap.Entry> optional(YamlMap m, String what, Diagnostics d, String... keys) {
        YamlMap.Entry found = null;
        for (String k : keys) {
            Optional<YamlMap.Entry> e = m.entry(k);
            if (e.isPresent()) {
                if (found != null) {
                    d.error(e.get().key().span(), what + " gives both '" + found.name() + "' and '" + k
                            + "', which mean the same; keep one of them.");
                } else {
                    found = e.get();
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** Like {@link #optional}, but reports a missing key at {@code where}. */
    static YamlMap.Entry require(YamlMap m, SourceSpan where, String what, Diagnostics d, String... keys) {
        Optional<YamlMap.Entry> e = optional(m, what, d, keys);
        if (e.isEmpty()) {
            StringBuilder alts = new StringBuilder();
            for (int i = 1; i < keys.length; i++) {
                alts.append(i == 1 ? " (or '" : ", '").append(keys[i]).append('\'');
            }
            if (keys.length > 1) {
                alts.append(')');
            }
            d.error(where, capitalize(what) + " needs a '" + keys[0] + "' entry" + alts + "; add it.");
            return null;
        }
        return e.get();
    }

    /**
     * Warns about every key of {@code m} that is not in {@code known}, with a suggestion: Timeloop only looks up the
     * keys it knows, so it ignores the others, and so does Mapwright (but a misspelt key is worth a warning).
     */
    static void ignoreUnknownKeys(YamlMap m, Collection<String> known, String what, Diagnostics d) {
        for (YamlMap.Entry e : m.entries()) {
            if (!known.contains(e.name())) {
                unknownKey(e, known, what, d);
            }
        }
    }

    /** The warning of {@link #ignoreUnknownKeys} for one entry. */
    static void unknownKey(YamlMap.Entry e, Collection<String> known, String what, Diagnostics d) {
        d.warning(e.key().span(), "Unknown key '" + e.name() + "' in " + what + " is ignored, as Timeloop ignores it."
                + didYouMean(e.name(), known) + " The keys Mapwright reads here are " + quotedList(known) + ".");
    }

    /** An integer in {@code [min, max]}. */
    static OptionalLong integer(YamlNode n, String what, long min, long max, Diagnostics d) {
        YamlScalar s = scalar(n, what, d);
        if (s == null) {
            return OptionalLong.empty();
        }
        String t = s.text().trim().replace("_", "");
        long v;
        try {
            v = Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            if (t.matches("[+-]?[0-9]+")) {
                d.error(s.span(), "Expected " + what + " to be at most " + power(max) + ", but it is " + s.text()
                        + "; that is more than any real design needs.");
            } else {
                d.error(s.span(), "Expected " + what + " to be a whole number, but it is " + s.describe() + ".");
            }
            return OptionalLong.empty();
        }
        if (v < min) {
            d.error(s.span(), "Expected " + what + " to be " + (min == 1 ? "positive" : "at least " + min)
                    + ", but it is " + v + ".");
            return OptionalLong.empty();
        }
        if (v > max) {
            d.error(s.span(), "Expected " + what + " to be at most " + power(max) + ", but it is " + v
                    + "; that is more than any real design needs.");
            return OptionalLong.empty();
        }
        return OptionalLong.of(v);
    }

    /** A number that is at least {@code min}; {@code .inf} is allowed only when {@code allowInfinity}. */
    static OptionalDouble number(YamlNode n, String what, double min, boolean allowInfinity, Diagnostics d) {
        YamlScalar s = scalar(n, what, d);
        if (s == null) {
            return OptionalDouble.empty();
        }
        String t = s.text().trim().toLowerCase(Locale.ROOT).replace("_", "");
        double v;
        if (t.equals(".inf") || t.equals("+.inf") || t.equals("inf") || t.equals("infinity")) {
            v = Double.POSITIVE_INFINITY;
        } else {
            try {
                v = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                d.error(s.span(), "Expected " + what + " to be a number, but it is " + s.describe() + ".");
                return OptionalDouble.empty();
            }
        }
        if (Double.isNaN(v) || (Double.isInfinite(v) && !(allowInfinity && v > 0))) {
            d.error(s.span(), "Expected " + what + " to be a finite number, but it is " + s.text() + ".");
            return OptionalDouble.empty();
        }
        if (v < min) {
            d.error(s.span(), "Expected " + what + " to be at least " + fmt(min) + ", but it is " + s.text() + ".");
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(v);
    }

    static Optional<Boolean> bool(YamlNode n, String what, Diagnostics d) {
        YamlScalar s = scalar(n, what, d);
        if (s == null) {
            return Optional.empty();
        }
        switch (s.text().trim().toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "on":
                return Optional.of(true);
            case "false":
            case "no":
            case "off":
                return Optional.of(false);
            default:
                d.error(s.span(), "Expected " + what + " to be True or False, but it is " + s.describe() + ".");
                return Optional.empty();
        }
    }

    /** {@code " Did you mean 'x'?"} for the closest known name, or the empty string when none is close. */
    static String didYouMean(String given, Collection<String> known) {
        return org.mapwright.diag.Suggestions.closest(given, known).map(b -> " Did you mean '" + b + "'?").orElse("");
    }

    /** {@code 'a', 'b', 'c'}. */
    static String quotedList(Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add("'" + n + "'");
        }
        return String.join(", ", out);
    }

    /** {@code a, b, c}. */
    static String plainList(Collection<String> names) {
        return String.join(", ", names);
    }

    /** {@code 2^k} for large powers of two, the plain number otherwise. */
    static String power(long v) {
        return v >= 1024 && Long.bitCount(v) == 1 ? "2^" + Long.numberOfTrailingZeros(v) : Long.toString(v);
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static Set<String> keys(String... k) {
        return new java.util.LinkedHashSet<>(List.of(k));
    }
}
