package org.mapwright.gpulatency;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The paper's figures of a latency estimate: RMSE of natural-log latency and Spearman's rank correlation. */
public final class Metrics {
    private Metrics() {
    }

    /**
     * The figures of one method on some held-out devices.
     *
     * @param rmse                 root-mean-square error of ln(latency / ms) over every held-out row
     * @param spearman             rank correlation of predicted and measured latency, rows of all held-out devices
     *                             pooled (so it also scores the order of the devices)
     * @param spearmanWithinDevice rank correlation within each held-out device, averaged over the devices
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Figures(double rmse, double spearman, double spearmanWithinDevice) {
    }

    /** Root-mean-square difference of two equally long, non-empty samples. */
    public static double rmse(double[] predicted, double[] truth) {
        check(predicted, truth);
        double s = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = predicted[i] - truth[i];
            s += d * d;
        }
        return Math.sqrt(s / truth.length);
    }

    /** Spearman's rank correlation, ties at their average rank; NaN when either side is constant. */
    public static double spearman(double[] a, double[] b) {
        check(a, b);
        return org.mapwright.surrogate.Metrics.spearman(a, b);
    }

    /**
     * Figures over devices: {@code predicted.get(d)} and {@code truth.get(d)} are one held-out device's rows (ln ms).
     */
    public static Figures figures(List<double[]> predicted, List<double[]> truth) {
        if (predicted.size() != truth.size() || truth.isEmpty()) {
            throw new IllegalArgumentException("Figures need the same, non-zero number of predicted and measured "
                    + "devices.");
        }
        int n = truth.stream().mapToInt(t -> t.length).sum();
        double[] p = new double[n];
        double[] t = new double[n];
        int at = 0;
        double within = 0;
        for (int d = 0; d < truth.size(); d++) {
            check(predicted.get(d), truth.get(d));
            System.arraycopy(predicted.get(d), 0, p, at, truth.get(d).length);
            System.arraycopy(truth.get(d), 0, t, at, truth.get(d).length);
            at += truth.get(d).length;
            within += spearman(predicted.get(d), truth.get(d));
        }
        return new Figures(rmse(p, t), spearman(p, t), within / truth.size());
    }

    private static void check(double[] a, double[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("Comparing predictions needs two equally long, non-empty samples; got "
                    + a.length + " and " + b.length + " values.");
        }
    }
}
