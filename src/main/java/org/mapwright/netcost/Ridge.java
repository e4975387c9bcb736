package org.mapwright.netcost;

/**
 * Ridge regression on z-scored inputs with an intercept: {@code y = b + W z(x)} minimising squared error plus
 * {@code lambda |W|^2}, solved exactly (Cholesky). Small, deterministic, for fitting a few outputs from tens of
 * features, such as a lookup table's scale factors from an accelerator's parameters.
 */
public final class Ridge {
    private final double[] mean;
    private final double[] std;
    private final double[][] w;
    private final double[] b;

    private Ridge(double[] mean, double[] std, double[][] w, double[] b) {
        this.mean = mean;
        this.std = std;
        this.w = w;
        this.b = b;
    }

    /** Fits {@code y} (rows x outputs) from {@code x} (rows x features). */
    public static Ridge fit(double[][] x, double[][] y, double lambda) {
        int n = x.length;
        if (n == 0 || y.length != n || !(lambda > 0)) {
            throw new IllegalArgumentException("Ridge regression needs rows, one target row per feature row and a "
                    + "positive lambda; got " + n + " and " + y.length + " rows, lambda " + lambda + ".");
        }
        int f = x[0].length;
        int o = y[0].length;
        double[] mean = new double[f];
        double[] std = new double[f];
        for (double[] r : x) {
            for (int j = 0; j < f; j++) {
                mean[j] += r[j] / n;
            }
        }
        for (double[] r : x) {
            for (int j = 0; j < f; j++) {
                std[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < f; j++) {
            std[j] = std[j] > 1e-12 ? Math.sqrt(std[j]) : 1;
        }
        double[] ym = new double[o];
        for (double[] r : y) {
            for (int k = 0; k < o; k++) {
                ym[k] += r[k] / n;
            }
        }
        double[][] a = new double[f][f];
        double[][] rhs = new double[f][o];
        double[] z = new double[f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                z[j] = (x[i][j] - mean[j]) / std[j];
            }
            for (int j = 0; j < f; j++) {
                for (int k = 0; k < f; k++) {
                    a[j][k] += z[j] * z[k];
                }
                for (int k = 0; k < o; k++) {
                    rhs[j][k] += z[j] * (y[i][k] - ym[k]);
                }
            }
        }
        for (int j = 0; j < f; j++) {
            a[j][j] += lambda;
        }
        double[][] l = cholesky(a);
        double[][] w = new double[o][f];
        for (int k = 0; k < o; k++) {
            double[] col = new double[f];
            for (int j = 0; j < f; j++) {
                col[j] = rhs[j][k];
            }
            double[] sol = solve(l, col);
            w[k] = sol;
        }
        return new Ridge(mean, std, w, ym);
    }

    /** The outputs for one feature row. */
    public double[] predict(double[] x) {
        double[] out = b.clone();
        for (int k = 0; k < out.length; k++) {
            for (int j = 0; j < x.length; j++) {
                out[k] += w[k][j] * (x[j] - mean[j]) / std[j];
            }
        }
        return out;
    }

    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j][j];
            }
        }
        return l;
    }

    private static double[] solve(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }
}
