package org.mapwright.timeloop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.SourceSpan;

/**
 * One parsed mapping directive ({@code target}, {@code type} and its payload), with the position of every part so
 * that later checks can point at it. Also holds the parsers for {@code factors} and {@code permutation} strings.
 */
final class Directive {
    enum Kind { TEMPORAL, SPATIAL, DATATYPE }

    /** A factor as written, such as {@code C=4}, and where. */
    record Factor(String dim, long value, SourceSpan at) {
    }

    /** A tensor named in {@code keep} or {@code bypass}, and where. */
    record Named(String name, SourceSpan at) {
    }

    private static final Pattern WITH_EQUALS = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(-?[0-9]+)");
    private static final Pattern GLUED = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*?)(-?[0-9]+)");
    /** One factor token: everything up to the next separator, with an {@code =} allowed to have spaces around it. */
    private static final Pattern TOKEN = Pattern.compile("[^\\s,=]*\\s*=\\s*[^\\s,]*|[^\\s,]+");

    final YamlScalar target;
    final Kind kind;
    final YamlScalar type;
    final Map<String, Factor> factors = new LinkedHashMap<>();
    /** Permutation as written, innermost first (before missing dimensions are added). */
    final List<Named> permutation = new ArrayList<>();
    int split = -1;
    final List<Named> keep = new ArrayList<>();
    final List<Named> bypass = new ArrayList<>();
    YamlNode keepNode;

    Directive(YamlScalar target, Kind kind, YamlScalar type) {
        this.target = target;
        this.kind = kind;
        this.type = type;
    }

    String describe() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " directive of " + target.text();
    }

    /** The factor of {@code dim}, 1 when not given. */
    long factor(String dim) {
        Factor f = factors.get(dim);
        return f == null ? 1 : f.value();
    }

    /** Reads {@code "C=1 M=4"}, {@code "C1 M4"} (spaces around {@code =} allowed) or a list of such tokens. */
    void readFactors(YamlNode n, List<String> dims, Diagnostics d) {
        List<YamlNode> items = Nodes.items(n, "the factors of " + target.text(), d);
        if (items == null) {
            return;
        }
        for (YamlNode item : items) {
            YamlScalar s = Nodes.scalar(item, "a factor of " + target.text(), d);
            if (s == null) {
                continue;
            }
            Matcher m = TOKEN.matcher(s.text());
            while (m.find()) {
                String token = m.group().strip();
                factor(token, s.span(m.start(), m.start() + token.length()), dims, d);
            }
        }
    }

    private void factor(String token, SourceSpan at, List<String> dims, Diagnostics d) {
        String dim;
        String digits;
        Matcher m = WITH_EQUALS.matcher(token);
        if (m.matches()) {
            dim = m.group(1);
            digits = m.group(2);
        } else {
            Matcher g = GLUED.matcher(token);
            if (!g.matches()) {
                d.error(at, "Cannot read the factor '" + token + "' of " + target.text()
                        + "; write factors as 'C=4 M=2' (or 'C4 M2'), each a dimension and a positive whole number.");
                return;
            }
            dim = g.group(1);
            digits = g.group(2);
            for (String known : dims) {
                if (token.startsWith(known) && known.length() > dim.length() && token.substring(known.length()).matches("-?[0-9]+")) {
                    dim = known;
                    digits = token.substring(known.length());
                }
            }
        }
        if (!dims.contains(dim)) {
            d.error(at, "Unknown dimension '" + dim + "' in the factors of " + target.text() + "."
                    + Nodes.didYouMean(dim, dims) + " The dimensions are " + Nodes.plainList(dims) + ".");
            return;
        }
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            d.error(at, "The factor of " + dim + " at " + target.text() + " is too large.");
            return;
        }
        if (value < 1) {
            d.error(at, "The factor of " + dim + " at " + target.text() + " must be a positive whole number, but it is "
                    + value + ".");
            return;
        }
        Factor previous = factors.get(dim);
        if (previous != null) {
            d.error(at, "Dimension " + dim + " is given twice in the factors of this " + describe()
                    + "; give it once.");
            return;
        }
        factors.put(dim, new Factor(dim, value, at));
    }

    /** Reads a permutation string ({@code "QPM"}, or names separated by spaces) or list, innermost first. */
    void readPermutation(YamlNode n, List<String> dims, Diagnostics d) {
        List<Named> tokens = new ArrayList<>();
        if (n instanceof YamlScalar) {
            YamlScalar s = (YamlScalar) n;
            String t = s.text();
            boolean letters = dims.stream().allMatch(x -> x.length() == 1);
            int i = 0;
            while (i < t.length()) {
                char c = t.charAt(i);
                if (Character.isWhitespace(c) || c == ',') {
                    i++;
                    continue;
                }
                int j = i + 1;
                if (!letters) {
                    while (j < t.length() && !Character.isWhitespace(t.charAt(j)) && t.charAt(j) != ',') {
                        j++;
                    }
                }
                tokens.add(new Named(t.substring(i, j), s.span(i, j)));
                i = j;
            }
        } else {
            List<YamlNode> items = Nodes.items(n, "the permutation of " + target.text(), d);
            if (items == null) {
                return;
            }
            for (YamlNode item : items) {
                String name = Nodes.name(item, "a permutation entry", d);
                if (name != null) {
                    tokens.add(new Named(name, item.span()));
                }
            }
        }
        Map<String, Named> seen = new LinkedHashMap<>();
        for (Named tok : tokens) {
            if (!dims.contains(tok.name())) {
                d.error(tok.at(), "Unknown dimension '" + tok.name() + "' in the permutation of " + target.text() + "."
                        + Nodes.didYouMean(tok.name(), dims) + " The dimensions are " + Nodes.plainList(dims) + ".");
            } else if (seen.containsKey(tok.name())) {
                d.error(tok.at(), "Dimension " + tok.name() + " appears twice in the permutation of this " + describe()
                        + "; list each dimension once.");
            } else {
                seen.put(tok.name(), tok);
                permutation.add(tok);
            }
        }
    }

    /** The full order, innermost first: the permutation as written, then missing dimensions in workload order. */
    List<String> order(List<String> dims) {
        List<String> out = new ArrayList<>();
        for (Named n : permutation) {
            out.add(n.name());
        }
        for (String dim : dims) {
            if (!out.contains(dim)) {
                out.add(dim);
            }
        }
        return out;
    }

    /** Reads a {@code keep} or {@code bypass} list. */
    static List<Named> tensors(YamlNode n, String what, Diagnostics d) {
        List<Named> out = new ArrayList<>();
        List<YamlNode> items = Nodes.items(n, what, d);
        if (items != null) {
            for (YamlNode item : items) {
                String name = Nodes.name(item, "a tensor name in " + what, d);
                if (name != null) {
                    out.add(new Named(name, item.span()));
                }
            }
        }
        return out;
    }
}
