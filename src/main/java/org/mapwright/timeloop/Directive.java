package org.mapwright.timeloop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mapwright.diag.Diagnostics;

/**
 * One parsed mapping directive ({@code target}, {@code type} and its payload), with the position of every part so
 * that later checks can point at it.
 */
final class Directive {
    enum Kind { TEMPORAL, SPATIAL, DATATYPE }

    final YamlScalar target;
    final Kind kind;
    final YamlScalar type;
    final Map<String, LoopSyntax.Factor> factors = new LinkedHashMap<>();
    /** Permutation as written, innermost first (before missing dimensions are added), repeats included. */
    final List<LoopSyntax.Named> permutation = new ArrayList<>();
    int split = -1;
    final List<LoopSyntax.Named> keep = new ArrayList<>();
    final List<LoopSyntax.Named> bypass = new ArrayList<>();
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
        LoopSyntax.Factor f = factors.get(dim);
        return f == null ? 1 : f.value();
    }

    /** Reads the {@code factors} of this directive; see {@link LoopSyntax#factors}. */
    void readFactors(YamlNode n, List<String> dims, Diagnostics d) {
        factors.putAll(LoopSyntax.factors(n, target.text(), describe(), dims, false, d));
    }

    /** Reads the {@code permutation} of this directive, innermost first; see {@link LoopSyntax#permutation}. */
    void readPermutation(YamlNode n, List<String> dims, Diagnostics d) {
        permutation.addAll(LoopSyntax.permutation(n, target.text(), describe(), dims, false, d));
    }

    /** The full order, innermost first: the permutation as written, then missing dimensions in workload order. */
    List<String> order(List<String> dims) {
        List<String> out = new ArrayList<>();
        for (LoopSyntax.Named n : permutation) {
            if (!out.contains(n.name())) {
                out.add(n.name());
            }
        }
        for (String dim : dims) {
            if (!out.contains(dim)) {
                out.add(dim);
            }
        }
        return out;
    }
}
