package org.mapwright.archsearch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The EDP-area Pareto front of a set of feasible candidates. */
public final class Pareto {
    private Pareto() {
    }

    /**
     * The candidates no other feasible candidate beats on both area and EDP (one per distinct key), by area
     * ascending.
     */
    public static List<Scored> front(List<Scored> all) {
        List<Scored> sorted = new ArrayList<>();
        for (Scored s : all) {
            if (s.feasible() && sorted.stream().noneMatch(t -> t.key().equals(s.key()))) {
                sorted.add(s);
            }
        }
        sorted.sort(Comparator.comparingDouble(Scored::areaMm2).thenComparingDouble(Scored::edp));
        List<Scored> front = new ArrayList<>();
        double bestEdp = Double.POSITIVE_INFINITY;
        for (Scored s : sorted) {
            if (s.edp() < bestEdp) {
                front.add(s);
                bestEdp = s.edp();
            }
        }
        return front;
    }
}
