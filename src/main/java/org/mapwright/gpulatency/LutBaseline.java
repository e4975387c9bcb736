package org.mapwright.gpulatency;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The lookup-table baseline (ProxylessNAS and OFA): a network's latency is the sum of per-layer latencies measured
 * once on one reference device (here OFA's Samsung Note10 tables), carried to another device by one scale factor.
 * The scale is either fitted on a few measured subnets of the target device ({@link #logScale}), or predicted from
 * the device's parameters alone ({@link #fitScale}) by a ridge regression over the training devices' scales.
 */
public final class LutBaseline {
    private LutBaseline() {
    }

    /**
     * The log scale that best carries the table to a device in log space: the mean of ln(measured) - ln(table) over
     * the given subnets (the least-squares fit of one factor to log latencies).
     */
    public static double logScale(double[] lnTable, double[] lnMeasured) {
        if (lnTable.length != lnMeasured.length || lnTable.length == 0) {
            throw new IllegalArgumentException("Fitting a scale needs at least one subnet with a table and a measured "
                    + "latency; got " + lnTable.length + " and " + lnMeasured.length + ".");
        }
        double s = 0;
        for (int i = 0; i < lnTable.length; i++) {
            s += lnMeasured[i] - lnTable[i];
        }
        return s / lnTable.length;
    }

    /**
     * A device's log scale as a linear function of its z-scored {@link GpuDevice#parameters()}, ridge-regularised.
     *
     * @param mean      feature means over the training devices
     * @param std       feature standard deviations (1 where constant)
     * @param intercept the mean training log scale
     * @param weights   one per feature
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ScaleModel(double[] mean, double[] std, double intercept, double[] weights) {
        public ScaleModel {
            mean = mean.clone();
            std = std.clone();
            weights = weights.clone();
        }

        /** The predicted log scale of a device. */
        public double predict(GpuDevice d) {
            double[] p = d.parameters();
            double v = intercept;
            for (int j = 0; j < p.length; j++) {
                v += weights[j] * (p[j] - mean[j]) / std[j];
            }
            return v;
        }
    }

    /**
     * Fits {@link ScaleModel} to the log scales of the training devices: minimises the squared error plus
     * {@code ridge} times the squared weights (the intercept is not penalised). With fewer distinct GPUs than
     * parameters the unregularised fit is not unique; the ridge term picks the smallest weights.
     */
    public static ScaleModel fitScale(List<GpuDevice> devices, double[] logScales, double ridge) {
        int n = devices.size();
        int k = GpuDevice.PARAMETERS;
        if (n == 0 || n != logScales.length || !(ridge > 0)) {
            throw new IllegalArgumentException("Fitting scales needs one log scale per device (at least one device) "
                    + "and a positive ridge; got " + n + " devices, " + logScales.length + " scales, ridge " + ridge
                    + ".");
        }
        double[][] x = new double[n][];
        double[] mean = new double[k];
        double[] std = new double[k];
        for (int i = 0; i < n; i++) {
            x[i] = devices.get(i).parameters();
            for (int j = 0; j < k; j++) {
                mean[j] += x[i][j] / n;
            }
        }
        for (int j = 0; j < k; j++) {
            double v = 0;
            for (int i = 0; i < n; i++) {
                v += (x[i][j] - mean[j]) * (x[i][j] - mean[j]) / n;
            }
            std[j] = v > 1e-12 ? Math.sqrt(v) : 1;
        }
        double ym = 0;
        for (double s : logScales) {
            ym += s / n;
        }
        double[][] a = new double[k][k + 1];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double zp = (x[i][p] - mean[p]) / std[p];
                for (int q = 0; q < k; q++) {
                    a[p][q] += zp * (x[i][q] - mean[q]) / std[q];
                }
                a[p][k] += zp * (logScales[i] - ym);
            }
        }
        for (int p = 0; p < k; p++) {
            a[p][p] += ridge;
        }
        return new ScaleModel(mean, std, ym, solve(a));
    }

    /** Solves the augmented system (symmetric positive definite, so no pivoting is needed). */
    private static double[] solve(double[][] a) {
        int k = a.length;
        for (int c = 0; c < k; c++) {
            for (int r = c + 1; r < k; r++) {
                double f = a[r][c] / a[c][c];
                for (int j = c; j <= k; j++) {
                    a[r][j] -= f * a[c][j];
                }
            }
        }
        double[] w = new double[k];
        for (int r = k - 1; r >= 0; r--) {
            double v = a[r][k];
            for (int j = r + 1; j < k; j++) {
                v -= a[r][j] * w[j];
            }
            w[r] = v / a[r][r];
        }
        return w;
    }
}
