package org.mapwright.archsearch;

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: {@code A = V diag(values) V^T}. The
 * covariance matrices of an architecture search have tens of rows, where Jacobi's simplicity and accuracy beat
 * pulling in a linear-algebra library.
 */
final class SymmetricEigen {
    final double[] values;
    /** Eigenvectors as columns: {@code vectors[i][k]} is component i of eigenvector k. */
    final double[][] vectors;

    private static final int MAX_SWEEPS = 100;

    SymmetricEigen(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += m[i][i] * m[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += m[i][j] * m[i][j];
                }
            }
            if (off <= 1e-30 * Math.max(diag, 1e-300)) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] == 0) {
                        continue;
                    }
                    rotate(m, v, p, q);
                }
            }
        }
        values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = m[i][i];
        }
        vectors = v;
    }

    /** Zeroes m[p][q] with one rotation of rows and columns p and q, accumulating it into v. */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        int n = m.length;
        double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}
