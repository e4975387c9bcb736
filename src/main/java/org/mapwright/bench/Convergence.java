package org.mapwright.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.mapwright.search.TracePoint;

/**
 * Convergence curves: how a mapper's best EDP falls as its searches go on. For each seed, the curve at {@code x}
 * (true evaluations, or seconds) is the geometric mean over layers of each search's best EDP by {@code x} divided by
 * the layer's lower bound; a search keeps its final best after it ends. The curve of a mapper is the median over
 * seeds of those curves, with the lowest and highest seed as its band. Each search's trace holds only the
 * improvements, so the curves are step functions that change only at the traces' points.
 */
public final class Convergence {
    private Convergence() {
    }

    /** What the curves are drawn against. */
    public enum Axis {
        /** True evaluations, as the budget counts them. */
        EVALUATIONS("true evaluations"),
        /** Wall-clock seconds since the search began. */
        SECONDS("seconds");

        private final String label;

        Axis(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        double of(TracePoint t) {
            return this == EVALUATIONS ? t.evaluations() : t.seconds();
        }

        double end(Run r) {
            return this == EVALUATIONS ? r.evaluations() : r.seconds();
        }
    }

    /**
     * A mapper's curve as steps: from {@code x[i]} up to {@code x[i + 1]} the values are those at {@code i}. A value is
     * +infinity while some layer of some (for {@code max}: any; {@code median}: the median) seed has no valid
     * mapping yet.
     *
     * @param mapper the mapper
     * @param x      where the values change, increasing; the last is where the longest search ended
     * @param median median over seeds of the geometric mean over layers of best EDP over lower bound
     * @param min    the lowest seed's value
     * @param max    the highest seed's value
     */
    public record Curve(String mapper, double[] x, double[] median, double[] min, double[] max) {
        public Curve {
            x = x.clone();
            median = median.clone();
            min = min.clone();
            max = max.clone();
            if (median.length != x.length || min.length != x.length || max.length != x.length) {
                throw new IllegalArgumentException("A curve needs one median, min and max per x.");
            }
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] median() {
            return median.clone();
        }

        @Override
        public double[] min() {
            return min.clone();
        }

        @Override
        public double[] max() {
            return max.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Curve c && mapper.equals(c.mapper) && Arrays.equals(x, c.x)
                    && Arrays.equals(median, c.median) && Arrays.equals(min, c.min) && Arrays.equals(max, c.max);
        }

        @Override
        public int hashCode() {
            return mapper.hashCode() * 31 + Arrays.hashCode(x);
        }

        @Override
        public String toString() {
            return "Curve[" + mapper + ", x=" + Arrays.toString(x) + ", median=" + Arrays.toString(median) + "]";
        }
    }

    /** One event of the sweep: a search's best improves at x. */
    private record Step(double x, int layer, int seed, double ratio) {
    }

    /**
     * The mapper's curve, or empty when some layer's lower bound is 0 (then no ratio is defined).
     */
    public static Optional<Curve> of(BenchResult r, String mapper, Axis axis) {
        List<BenchResult.Layer> layers = r.layers();
        if (layers.stream().anyMatch(l -> !(l.lowerBoundEdp() > 0))) {
            return Optional.empty();
        }
        int seeds = r.config().seeds();
        List<Step> steps = new ArrayList<>();
        double end = 0;
        for (int l = 0; l < layers.size(); l++) {
            double bound = layers.get(l).lowerBoundEdp();
            for (Run run : r.runs(layers.get(l).name(), mapper)) {
                for (TracePoint t : run.trace()) {
                    steps.add(new Step(axis.of(t), l, run.seedIndex(), t.best() / bound));
                }
                end = Math.max(end, axis.end(run));
            }
        }
        steps.sort(Comparator.comparingDouble(Step::x));
        double[][] current = new double[layers.size()][seeds];
        for (double[] row : current) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        List<double[]> rows = new ArrayList<>();
        int i = 0;
        while (i < steps.size()) {
            double x = steps.get(i).x();
            for (; i < steps.size() && steps.get(i).x() == x; i++) {
                Step s = steps.get(i);
                current[s.layer()][s.seed()] = Math.min(current[s.layer()][s.seed()], s.ratio());
            }
            rows.add(row(x, current));
        }
        if (rows.isEmpty() || rows.get(rows.size() - 1)[0] < end) {
            rows.add(row(end, current));
        }
        int n = rows.size();
        double[][] cols = new double[4][n];
        for (int k = 0; k < n; k++) {
            for (int c = 0; c < 4; c++) {
                cols[c][k] = rows.get(k)[c];
            }
        }
        return Optional.of(new Curve(mapper, cols[0], cols[1], cols[2], cols[3]));
    }

    /** {x, median, min, max} over seeds of the geometric mean over layers of {@code current[layer][seed]}. */
    private static double[] row(double x, double[][] current) {
        int seeds = current[0].length;
        double[] g = new double[seeds];
        for (int k = 0; k < seeds; k++) {
            double[] col = new double[current.length];
            for (int l = 0; l < current.length; l++) {
                col[l] = current[l][k];
            }
            g[k] = Stats.geomean(col);
        }
        return new double[] {x, Stats.median(g), Arrays.stream(g).min().orElseThrow(), Arrays.stream(g).max().orElseThrow()};
    }
}
