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
 * The small languages inside mapping directives and constraints: {@code factors} strings, permutations and tensor
 * lists. Each parser reports a problem at the offending token, skips that token and goes on, so that every error
 * of an input is found. {@code target} names the level in messages ({@code "buf"}); {@code owner} names the
 * directive or constraint ({@code "temporal directive of buf"}).
 */
final class LoopSyntax {
    private LoopSyntax() {
    }

    /** A factor as written, such as {@code C=4} or {@code R<=3}, and where. */
    record Factor(String dim, long value, boolean atMost, SourceSpan at) {
    }

    /** A dimension or tensor named in a permutation or a tensor list, and where. */
    record Named(String name, SourceSpan at) {
    }

    private static final Pattern WITH_EQUALS = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(<?=)\\s*(-?[0-9]+)");
    private static final Pattern GLUED = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*?)(-?[0-9]+)");
    /** One factor token: everything up to the next separator, with spaces allowed around {@code =} or {@code <=}. */
    private static final Pattern TOKEN = Pattern.compile("[^\\s,=<]*\\s*<?=\\s*[^\\s,]*|[^\\s,]+");

    /**
     * Reads {@code "C=1 M=4"}, {@code "C1 M4"} or a list of such tokens; {@code D=0} stands for the whole dimension
     * (the caller resolves it). A mapping needs exact factors; a constraint ({@code constraint} true) may also write
     * {@code D<=n} (at most n). A dimension given twice keeps its later value, as in Timeloop, with a warning.
     * Returns the factors by dimension, in the order written.
     */
    static Map<String, Factor> factors(YamlNode n, String target, String owner, List<String> dims, boolean constraint,
                                       Diagnostics d) {
        Map<String, Factor> out = new LinkedHashMap<>();
        List<YamlNode> items = Nodes.items(n, "the factors of " + target, d);
        if (items == null) {
            return out;
        }
        for (YamlNode item : items) {
            YamlScalar s = Nodes.scalar(item, "a factor of " + target, d);
            if (s == null) {
                continue;
            }
            // Timeloop reads factors up to a '#', so text after it is a comment even inside quotes.
            String text = s.text().contains("#") ? s.text().substring(0, s.text().indexOf('#')) : s.text();
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                String token = m.group().strip();
                Factor f = factor(token, s.span(m.start(), m.start() + token.length()), target, dims, constraint, d);
                Factor before = f == null ? null : out.get(f.dim());
                if (before == null) {
                    if (f != null) {
                        out.put(f.dim(), f);
                    }
                } else if (before.atMost() != f.atMost()) {
                    d.error(f.at(), "Dimension " + f.dim() + " is given twice in the factors of this " + owner
                            + "; give it once.");
                } else {
                    // Timeloop keeps the last value it reads for a dimension.
                    d.warning(f.at(), "Dimension " + f.dim() + " is given twice in the factors of this " + owner
                            + "; the later value " + f.value() + " replaces " + before.value() + ", as in Timeloop.");
                    out.put(f.dim(), f);
                }
            }
        }
        return out;
    }

    private static Factor factor(String token, SourceSpan at, String target, List<String> dims, boolean constraint,
                                 Diagnostics d) {
        String dim;
        String digits;
        boolean atMost = false;
        Matcher m = WITH_EQUALS.matcher(token);
        if (m.matches() && (constraint || m.group(2).equals("="))) {
            dim = m.group(1);
            atMost = m.group(2).equals("<=");
            digits = m.group(3);
        } else {
            Matcher g = GLUED.matcher(token);
            if (!g.matches()) {
                d.error(at, "Cannot read the factor '" + token + "' of " + target + (constraint
                        ? "; write factors as 'C=4 M<=2 P=0' (or 'C4 P0'), each a dimension, '=' or '<=', and a whole "
                        + "number (0 stands for the whole dimension)."
                        : "; write factors as 'C=4 M=2' (or 'C4 M2'), each a dimension and a positive whole number."));
                return null;
            }
            dim = g.group(1);
            digits = g.group(2);
            for (String known : dims) {
                if (token.startsWith(known) && known.length() > dim.length()
                        && token.substring(known.length()).matches("-?[0-9]+")) {
                    dim = known;
                    digits = token.substring(known.length());
                }
            }
        }
        if (!dims.contains(dim)) {
            d.error(at, "Unknown dimension '" + dim + "' in the factors of " + target + "."
                    + Nodes.didYouMean(dim, dims) + " The dimensions are " + Nodes.plainList(dims) + ".");
            return null;
        }
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            d.error(at, "The factor of " + dim + " at " + target + " is too large.");
            return null;
        }
        if (atMost && value < 1) {
            d.error(at, "The maximum factor of " + dim + " at " + target + " must be a positive whole number, but it "
                    + "is " + value + ".");
            return null;
        }
        if (!atMost && constraint && value < 0) {
            d.error(at, "The factor of " + dim + " at " + target + " must be a non-negative whole number (0 stands for "
                    + "the whole dimension), but it is " + value + ".");
            return null;
        }
        if (!constraint && value < 0) {
            d.error(at, "The factor of " + dim + " at " + target + " must be a positive whole number (or 0 for the "
                    + "whole dimension), but it is " + value + ".");
            return null;
        }
        return new Factor(dim, value, atMost, at);
    }

    /**
     * Reads a permutation string ({@code "QPM"}, {@code "NPQR SCM"}, or names separated by spaces when some
     * dimension name is longer than a letter) or list, innermost first. Unknown and repeated dimensions are
     * reported and left out.
     */
    static List<Named> permutation(YamlNode n, String target, String owner, List<String> dims, Diagnostics d) {
        return permutation(n, target, owner, dims, false, d);
    }

    /**
     * Like {@link #permutation(YamlNode, String, String, List, Diagnostics)}; a constraint ({@code constraint} true)
     * may also end with a {@code #} comment and split its dimensions with {@code _} into the innermost ones and
     * the outermost ones, as Timeloop's constraints do. Only the innermost ones are returned: the outermost ones are
     * checked and then left to the search, with a warning. A repeated dimension is an error in a constraint (it
     * makes Timeloop's mapper abort); in a mapping it is returned again for the caller to judge.
     */
    static List<Named> permutation(YamlNode n, String target, String owner, List<String> dims, boolean constraint,
                                   Diagnostics d) {
        List<Named> tokens = new ArrayList<>();
        SourceSpan separator = null;
        int innermost = -1;
        if (n instanceof YamlScalar) {
            YamlScalar s = (YamlScalar) n;
            String t = s.text();
            boolean letters = dims.stream().allMatch(x -> x.length() == 1);
            int i = 0;
            while (i < t.length()) {
                char c = t.charAt(i);
                if (constraint && c == '#') {
                    break;
                }
                if (constraint && c == '_' && letters && separator == null) {
                    separator = s.span(i, i + 1);
                    innermost = tokens.size();
                    i++;
                    continue;
                }
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
            List<YamlNode> items = Nodes.items(n, "the permutation of " + target, d);
            if (items == null) {
                return List.of();
            }
            for (YamlNode item : items) {
                String name = Nodes.name(item, "a permutation entry", d);
                if (name != null) {
                    tokens.add(new Named(name, item.span()));
                }
            }
        }
        List<Named> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Named tok : tokens) {
            if (!dims.contains(tok.name())) {
                d.error(tok.at(), "Unknown dimension '" + tok.name() + "' in the permutation of " + target + "."
                        + Nodes.didYouMean(tok.name(), dims) + " The dimensions are " + Nodes.plainList(dims) + ".");
            } else if (seen.contains(tok.name()) && constraint) {
                d.error(tok.at(), "Dimension " + tok.name() + " appears twice in the permutation of this " + owner
                        + "; list each dimension once.");
            } else {
                seen.add(tok.name());
                out.add(tok);
            }
        }
        if (separator != null) {
            List<String> outer = new ArrayList<>();
            for (Named tok : tokens.subList(innermost, tokens.size())) {
                outer.add(tok.name());
            }
            if (!outer.isEmpty()) {
                d.warning(separator, "Mapwright fixes only the innermost loops of a permutation, so the outermost "
                        + "ones after '_' (" + Nodes.plainList(outer) + ") are left to the search, which may also "
                        + "order them differently than Timeloop's mapper would.");
            }
            out.removeAll(tokens.subList(innermost, tokens.size()));
        }
        return out;
    }

    /** Reads a {@code keep} or {@code bypass} list, reporting names that are not among {@code known} tensors. */
    static List<Named> tensors(YamlNode n, String what, List<String> known, Diagnostics d) {
        List<Named> out = new ArrayList<>();
        List<YamlNode> items = Nodes.items(n, what, d);
        if (items == null) {
            return out;
        }
        for (YamlNode item : items) {
            String name = Nodes.name(item, "a tensor name in " + what, d);
            if (name == null) {
                continue;
            }
            if (!known.contains(name)) {
                d.error(item.span(), "Unknown tensor '" + name + "'." + Nodes.didYouMean(name, known)
                        + " The tensors (data spaces) are " + Nodes.plainList(known) + ".");
            }
            out.add(new Named(name, item.span()));
        }
        return out;
    }
}
