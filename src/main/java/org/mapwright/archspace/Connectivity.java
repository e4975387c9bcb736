package org.mapwright.archspace;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which dimensions one axis of a fan-out may unroll (the dataflow on that axis).
 */
public sealed interface Connectivity {

    /** The default candidate dimensions of a convolution, in the order that breaks ties between equal importances. */
    List<String> CONV_DIMS = List.of("N", "M", "C", "P", "Q", "R", "S");

    /** Any dimension; takes no coordinate. */
    record Any() implements Connectivity {
    }

    /** Exactly these dimensions; takes no coordinate. */
    record Fixed(Set<String> dims) implements Connectivity {
        public Fixed {
            dims = Set.copyOf(dims);
            if (dims.isEmpty()) {
                throw new IllegalArgumentException("A fixed connectivity needs at least one dimension.");
            }
        }
    }

    /**
     * NAAS's importance encoding: one real per candidate, and a choice of k; the k candidates of highest importance
     * (ties broken by their order here) are unrolled.
     *
     * @param candidates the dimensions that may be chosen, no two equal
     * @param k          how many are chosen; each option between 1 and the number of candidates
     * @param reference  the reference dataflow on this axis, which the sizing-only space fixes
     */
    record Searched(List<String> candidates, Choice<Integer> k, Optional<Set<String>> reference) implements Connectivity {
        public Searched {
            candidates = List.copyOf(candidates);
            reference = reference.map(Set::copyOf);
            if (candidates.isEmpty() || new HashSet<>(candidates).size() != candidates.size()) {
                throw new IllegalArgumentException("Searched connectivity needs distinct candidate dimensions, got " + candidates + ".");
            }
            for (int v : k.options()) {
                if (v < 1 || v > candidates.size()) {
                    throw new IllegalArgumentException("Searched connectivity unrolls 1 to " + candidates.size()
                            + " of its candidates " + candidates + ", not " + v + ".");
                }
            }
            if (reference.isPresent() && reference.get().isEmpty()) {
                throw new IllegalArgumentException("A reference dataflow needs at least one dimension.");
            }
        }

        /** Whether the importances can change the chosen set (not when every k takes all the candidates). */
        boolean needsImportances() {
            return candidates.size() > 1 && k.options().stream().anyMatch(v -> v < candidates.size());
        }

        /** The k candidates of highest importance, ties broken by candidate order. */
        Set<String> top(int count, double[] importance) {
            Integer[] order = new Integer[candidates.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            // a stable sort keeps declared order among equal importances
            java.util.Arrays.sort(order, (a, b) -> Double.compare(importance[b], importance[a]));
            Set<String> out = new java.util.LinkedHashSet<>();
            for (int i = 0; i < count; i++) {
                out.add(candidates.get(order[i]));
            }
            return out;
        }
    }
}
