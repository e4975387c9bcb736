package org.mapwright.mappers;

/**
 * Online calibration of a surrogate to the layer being searched: a ridge regression of the surrogate's error (true
 * log objective over the lower bound, minus the prediction) on the z-scored mapping features of the points the true
 * oracle has evaluated. It is linear, so its gradient is its weight vector, and it is refitted every
 * {@value #REFIT_EVERY} new valid points; with fewer than {@value #MIN_POINTS} points it predicts 0.
 */
final class Calibration {
    static final int REFIT_EVERY = 32;
    static final int MIN_POINTS = 48;
    static final double RIDGE = Double.parseDouble(System.getProperty("gm.ridge", "10"));

    private final int n;
    private final float[] mean;
    private final float[] std;
    private final double[] xtx;
    private final double[] xty;
    private double sumY;
    private final double[] sumX;
    private int points;
    private int sinceFit;
    /** Weights on raw features (already divided by their standard deviations). */
    final double[] w;

    /** @param mean, std the model's normalisation of the mapping features */
    Calibration(float[] mean, float[] std) {
        this.n = mean.length;
        this.mean = mean;
        this.std = std;
        xtx = new double[n * n];
        xty = new double[n];
        sumX = new double[n];
        w = new double[n];
    }

    /** Adds an evaluated point: its raw mapping features at {@code x[off ..]} and the surrogate's error there. */
    void add(float[] x, int off, double error) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = (x[off + i] - mean[i]) / std[i];
        }
        for (int i = 0; i < n; i++) {
            if (z[i] == 0) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                xtx[i * n + j] += z[i] * z[j];
            }
            xty[i] += z[i] * error;
            sumX[i] += z[i];
        }
        sumY += error;
        points++;
        if (points >= MIN_POINTS && ++sinceFit >= REFIT_EVERY) {
            sinceFit = 0;
            fit();
        }
    }

    /** The correction at raw mapping features {@code x[off ..]} (up to a constant, which ranking ignores). */
    double predict(float[] x, int off) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += w[i] * x[off + i];
        }
        return s;
    }

    /** Solves the centred ridge normal equations by Cholesky decomposition. */
    private void fit() {
        double[] a = new double[n * n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = xtx[i * n + j] - sumX[i] * sumX[j] / points;
            }
            a[i * n + i] += RIDGE;
            b[i] = xty[i] - sumX[i] * sumY / points;
        }
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * n + k] * a[j * n + k];
            }
            if (!(d > 0)) {
                return;
            }
            a[j * n + j] = Math.sqrt(d);
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = s / a[j * n + j];
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= a[i * n + k] * y[k];
            }
            y[i] = s / a[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= a[k * n + i] * w[k] * std[k];
            }
            w[i] = s / a[i * n + i] / std[i];
        }
    }
}
