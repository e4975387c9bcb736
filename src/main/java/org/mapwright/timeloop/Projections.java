package org.mapwright.timeloop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.SourceSpan;
import org.mapwright.workload.Dim;
import org.mapwright.workload.IndexExpr;
import org.mapwright.workload.Term;

/**
 * Reads one data space's {@code projection} into index expressions. Accepted spellings, per axis:
 * a list of terms {@code [[R, Wdilation], [P, Wstride]]} (Timeloop v0.3), each term {@code [dim]} or
 * {@code [dim, coefficient]} (a coefficient may also be a whole number); or an expression string
 * {@code "R*Wdilation + P*Wstride"}. The whole projection may also be one string {@code "[N, C, R + P]"}.
 */
final class Projections {
    private final List<String> dims;
    private final Map<String, Long> coefficients;
    private final String tensor;
    private final Diagnostics d;

    Projections(List<String> dims, Map<String, Long> coefficients, String tensor, Diagnostics d) {
        this.dims = dims;
        this.coefficients = coefficients;
        this.tensor = tensor;
        this.d = d;
    }

    /** The axes of the projection, or null after reporting errors. */
    List<IndexExpr> read(YamlNode projection) {
        int before = d.errorCount();
        List<IndexExpr> axes = new ArrayList<>();
        if (projection instanceof YamlScalar) {
            YamlScalar s = (YamlScalar) projection;
            String t = s.text();
            int from = 0;
            int to = t.length();
            while (from < to && Character.isWhitespace(t.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(t.charAt(to - 1))) {
                to--;
            }
            if (to - from >= 2 && t.charAt(from) == '[' && t.charAt(to - 1) == ']') {
                from++;
                to--;
            }
            int start = from;
            for (int i = from; i <= to; i++) {
                if (i == to || t.charAt(i) == ',') {
                    Axis a = new Axis();
                    expression(s, start, i, a);
                    axes.add(a.build(s.span(start, i)));
                    start = i + 1;
                }
            }
        } else if (projection instanceof YamlSeq) {
            for (YamlNode axisNode : ((YamlSeq) projection).items()) {
                axes.add(axis(axisNode));
            }
        } else {
            d.error(projection.span(), "Expected the projection of " + tensor + " to be a list with one entry per "
                    + "tensor axis, such as [ [[C]], [[R, Wdilation], [P, Wstride]] ], but it is "
                    + projection.describe() + ".");
            return null;
        }
        if (axes.isEmpty() && d.errorCount() == before) {
            d.error(projection.span(), "The projection of " + tensor + " is empty; give one entry per tensor axis.");
        }
        return d.errorCount() == before ? axes : null;
    }

    private IndexExpr axis(YamlNode n) {
        Axis a = new Axis();
        if (n instanceof YamlScalar) {
            YamlScalar s = (YamlScalar) n;
            expression(s, 0, s.text().length(), a);
        } else if (n instanceof YamlSeq) {
            for (YamlNode term : ((YamlSeq) n).items()) {
                if (term instanceof YamlSeq) {
                    listTerm((YamlSeq) term, a);
                } else if (term instanceof YamlScalar) {
                    YamlScalar s = (YamlScalar) term;
                    expression(s, 0, s.text().length(), a);
                } else {
                    d.error(term.span(), "Expected a term of the projection of " + tensor
                            + " to be [dimension] or [dimension, coefficient], but it is " + term.describe() + ".");
                }
            }
        } else {
            d.error(n.span(), "Expected an axis of the projection of " + tensor + " to be a list of terms such as "
                    + "[[R, Wdilation], [P, Wstride]], but it is " + n.describe() + ".");
        }
        return a.build(n.span());
    }

    private void listTerm(YamlSeq term, Axis a) {
        List<YamlScalar> parts = new ArrayList<>();
        for (YamlNode p : term.items()) {
            YamlScalar s = Nodes.scalar(p, "a part of a projection term of " + tensor, d);
            if (s == null) {
                return;
            }
            parts.add(s);
        }
        if (parts.isEmpty() || parts.size() > 2) {
            d.error(term.span(), "A projection term is [dimension] or [dimension, coefficient], but this term of "
                    + tensor + " has " + parts.size() + " items.");
            return;
        }
        YamlScalar first = parts.get(0);
        if (parts.size() == 1) {
            if (checkDim(first.text(), first.span())) {
                a.add(first.text(), 1, first.span());
            }
            return;
        }
        YamlScalar second = parts.get(1);
        if (!dims.contains(first.text()) && dims.contains(second.text()) && isCoefficient(first.text())) {
            YamlScalar t = first;
            first = second;
            second = t;
        }
        boolean ok = checkDim(first.text(), first.span());
        Long c = coefficient(second.text(), second.span());
        if (ok && c != null) {
            a.add(first.text(), c, first.span());
        }
    }

    /** Parses {@code text[from, to)} of {@code s} as {@code term (+ term)*}, each term a product of factors. */
    private void expression(YamlScalar s, int from, int to, Axis a) {
        String t = s.text();
        int i = from;
        boolean expectTerm = true;
        String dim = null;
        SourceSpan dimSpan = null;
        long coef = 1;
        boolean sawFactor = false;
        int termStart = from;
        while (true) {
            while (i < to && Character.isWhitespace(t.charAt(i))) {
                i++;
            }
            if (i >= to || t.charAt(i) == '+') {
                if (!sawFactor) {
                    d.error(s.span(Math.min(i, to), Math.min(i + 1, to)), "Expected a dimension in the projection of "
                            + tensor + " here, such as 'P' or 'P*Wstride'.");
                    return;
                }
                if (dim == null) {
                    if (isWholeNumberTerm(t, termStart, i)) {
                        a.offset += coef;
                    } else {
                        d.error(s.span(termStart, i), "The term '" + t.substring(termStart, i).trim()
                                + "' in the projection of " + tensor + " has no dimension; every term is a dimension "
                                + "times coefficients, such as 'P*Wstride'.");
                    }
                } else {
                    a.add(dim, coef, dimSpan);
                }
                if (i >= to) {
                    return;
                }
                i++;
                termStart = i;
                dim = null;
                coef = 1;
                sawFactor = false;
                expectTerm = true;
                continue;
            }
            char c = t.charAt(i);
            if (c == '*' && !expectTerm) {
                i++;
                expectTerm = true;
                continue;
            }
            int j = i;
            if (Character.isLetter(c) || c == '_') {
                while (j < to && (Character.isLetterOrDigit(t.charAt(j)) || t.charAt(j) == '_')) {
                    j++;
                }
            } else if (Character.isDigit(c)) {
                while (j < to && Character.isDigit(t.charAt(j))) {
                    j++;
                }
            }
            if (j == i || !expectTerm) {
                d.error(s.span(i, i + 1), "Unexpected '" + c + "' in the projection of " + tensor
                        + "; write each axis as a sum of terms such as 'R*Wdilation + P*Wstride'.");
                return;
            }
            String word = t.substring(i, j);
            SourceSpan at = s.span(i, j);
            if (Character.isDigit(c)) {
                try {
                    coef = Math.multiplyExact(coef, Long.parseLong(word));
                } catch (ArithmeticException | NumberFormatException e) {
                    d.error(at, "The number " + word + " in the projection of " + tensor + " is too large.");
                    return;
                }
            } else if (dims.contains(word)) {
                if (dim != null) {
                    d.error(at, "The term '" + t.substring(termStart, j).trim() + "' in the projection of " + tensor
                            + " multiplies two dimensions; an index is a sum of dimensions, each times coefficients.");
                    return;
                }
                dim = word;
                dimSpan = at;
            } else if (!coefficients.containsKey(word)) {
                List<String> known = new ArrayList<>(dims);
                known.addAll(coefficients.keySet());
                d.error(at, "Unknown name '" + word + "' in the projection of " + tensor + "; it is neither a dimension "
                        + "nor a coefficient." + Nodes.didYouMean(word, known) + " The dimensions are "
                        + Nodes.plainList(dims) + (coefficients.isEmpty() ? "" : " and the coefficients are "
                        + Nodes.plainList(coefficients.keySet())) + ".");
                return;
            } else {
                Long v = coefficient(word, at);
                if (v == null) {
                    return;
                }
                if (coef > Long.MAX_VALUE / v) {
                    d.error(at, "The coefficients of a term in the projection of " + tensor + " multiply to more than "
                            + "2^63; use smaller values.");
                    return;
                }
                coef *= v;
            }
            sawFactor = true;
            expectTerm = false;
            i = j;
        }
    }

    private static boolean isWholeNumberTerm(String t, int from, int to) {
        return t.substring(from, to).trim().matches("[0-9]+(\\s*\\*\\s*[0-9]+)*");
    }

    private boolean isCoefficient(String s) {
        return coefficients.containsKey(s) || s.matches("[0-9]+");
    }

    private boolean checkDim(String name, SourceSpan at) {
        if (dims.contains(name)) {
            return true;
        }
        String hint = coefficients.containsKey(name) ? " '" + name + "' is a coefficient; put it after the dimension, "
                + "as in [P, " + name + "]." : Nodes.didYouMean(name, dims);
        d.error(at, "Unknown dimension '" + name + "' in the projection of " + tensor + "." + hint
                + " The dimensions are " + Nodes.plainList(dims) + ".");
        return false;
    }

    private Long coefficient(String name, SourceSpan at) {
        if (name.matches("[0-9]+")) {
            try {
                long v = Long.parseLong(name);
                if (v >= 1) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            d.error(at, "A projection coefficient must be a positive whole number, but it is " + name + ".");
            return null;
        }
        Long v = coefficients.get(name);
        if (v != null) {
            return v;
        }
        String known = coefficients.isEmpty() ? " The shape declares no coefficients; declare it under 'coefficients'."
                : " The coefficients are " + Nodes.plainList(coefficients.keySet()) + ".";
        String hint = dims.contains(name) ? " '" + name + "' is a dimension; a term has one dimension, optionally "
                + "followed by one coefficient." : Nodes.didYouMean(name, coefficients.keySet());
        d.error(at, "Unknown coefficient '" + name + "' in the projection of " + tensor + "." + hint + known);
        return null;
    }

    /** One axis being assembled. */
    private final class Axis {
        final Map<String, Long> terms = new LinkedHashMap<>();
        final int errorsAtStart = d.errorCount();
        long offset;

        void add(String dim, long coef, SourceSpan at) {
            if (terms.containsKey(dim)) {
                d.error(at, "Dimension " + dim + " appears twice in one axis of the projection of " + tensor
                        + "; give it once and add up its coefficients.");
                return;
            }
            terms.put(dim, coef);
        }

        IndexExpr build(SourceSpan at) {
            if (terms.isEmpty()) {
                if (d.errorCount() == errorsAtStart) {
                    d.error(at, "An axis of the projection of " + tensor + " has no dimension; every axis needs at "
                            + "least one, such as [[C]].");
                }
                return null;
            }
            List<Term> out = new ArrayList<>();
            for (Map.Entry<String, Long> e : terms.entrySet()) {
                out.add(new Term(Dim.of(e.getKey()), e.getValue()));
            }
            return new IndexExpr(out, offset);
        }
    }
}
