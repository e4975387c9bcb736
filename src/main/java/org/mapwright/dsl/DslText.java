package org.mapwright.dsl;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names and numbers as the DSL writers print them: a name is written only when the front end reads it back as the
 * same name, and a number in a form that parses back to the same value.
 */
final class DslText {
    private DslText() {
    }

    private static final Pattern IDENT = Pattern.compile("[a-zA-Z_][a-zA-Z_0-9]*");

    /** Words of the DSL that cannot be names (every other keyword can). */
    static final Set<String> RESERVED = Set.of("include", "workload", "layer", "network", "accelerator",
            "mapping", "constraints", "level", "fanout", "compute", "energy");

    /** Whether the front end reads {@code n} as a name. */
    static boolean isName(String n) {
        return IDENT.matcher(n).matches() && !RESERVED.contains(n);
    }

    /** {@code n}, or an {@link IllegalArgumentException} saying that the {@code what} name is not a DSL name. */
    static String name(String n, String what) {
        if (!isName(n)) {
            throw new IllegalArgumentException("The " + what + " name `" + n + "` is not a DSL name; rename it to "
                    + "letters, digits and underscores that are not a keyword.");
        }
        return n;
    }

    /** A number the DSL reads back to the same double: Java's shortest round-tripping decimal. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
