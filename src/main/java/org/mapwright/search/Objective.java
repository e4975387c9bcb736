package org.mapwright.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The optimisation goal: one metric, or a ranked list compared lexicographically (the second breaks ties of the
 * first). Parsed from {@code edp}, {@code energy}, {@code delay} or a comma-separated list such as
 * {@code delay,energy}.
 */
public record Objective(List<Metric> metrics) {

    public static final Objective EDP = new Objective(List.of(Metric.EDP));

    public Objective {
        metrics = List.copyOf(metrics);
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("An objective needs at least one metric.");
        }
        if (metrics.stream().distinct().count() != metrics.size()) {
            throw new IllegalArgumentException("An objective lists a metric twice: " + metrics + ".");
        }
    }

    /** Parses a metric list; throws with the known names when one is unknown. */
    public static Objective parse(String text) {
        List<Metric> ms = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip().toUpperCase(Locale.ROOT);
            try {
                ms.add(Metric.valueOf(p));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown metric `" + part.strip() + "`; the metrics are edp, energy and delay.");
            }
        }
        return new Objective(ms);
    }

    public Metric primary() {
        return metrics.get(0);
    }

    /** Negative when a is better than b. Invalid outcomes are worse than any valid one. */
    public int compare(Outcome a, Outcome b) {
        if (a.valid() != b.valid()) {
            return a.valid() ? -1 : 1;
        }
        if (!a.valid()) {
            return 0;
        }
        for (Metric m : metrics) {
            int c = Double.compare(m.of(a.energyPj(), a.cycles()), m.of(b.energyPj(), b.cycles()));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The primary metric of a valid outcome, +infinity for an invalid one. */
    public double score(Outcome o) {
        return o.valid() ? primary().of(o.energyPj(), o.cycles()) : Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return metrics.stream().map(Metric::label).collect(Collectors.joining(","));
    }
}
