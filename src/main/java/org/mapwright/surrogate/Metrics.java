package org.mapwright.surrogate;

import java.util.Arrays;
import java.util.List;

/** Normalisation statistics and the accuracy figures of a surrogate. */
public final class Metrics {
    private Metrics() {
    }

    /**
     * How well a surrogate ranks and predicts EDP on some samples.
     *
     * @param spearman             rank correlation of predicted and true EDP over valid samples
     * @param medianRelativeError  median of |predicted EDP / true EDP - 1| over valid samples
     * @param validityAccuracy     share of samples whose validity is predicted right (logit above 0 = valid)
     * @param samples              samples
     * @param validSamples         valid samples
     */
    public record Accuracy(double spearman, double medianRelativeError, double validityAccuracy, long samples,
                           long validSamples) {
    }

    /** The accuracy of a model on the given rows of a dataset. */
    public static Accuracy accuracy(SurrogateModel model, Dataset.Rows data, List<Integer> rows) {
        int nf = data.features();
        int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
        double[] pred = new double[idx.length];
        double[] truth = new double[idx.length];
        int nv = 0;
        int right = 0;
        try (SurrogateModel.Session s = model.open()) {
            for (int b = 0; b < idx.length; b += 4096) {
                int k = Math.min(4096, idx.length - b);
                float[] p = s.predict(Trainer.gather(data.x(), nf, idx, b, k), k);
                for (int i = 0; i < k; i++) {
                    int r = idx[b + i];
                    boolean valid = data.y()[r * Dataset.TARGETS + 2] > 0.5f;
                    if ((p[i * 3 + 2] > 0) == valid) {
                        right++;
                    }
                    if (valid) {
                        pred[nv] = p[i * 3] + p[i * 3 + 1];
                        truth[nv] = data.y()[r * Dataset.TARGETS] + data.y()[r * Dataset.TARGETS + 1];
                        nv++;
                    }
                }
            }
        }
        double[] pv = Arrays.copyOf(pred, nv);
        double[] tv = Arrays.copyOf(truth, nv);
        double[] rel = new double[nv];
        for (int i = 0; i < nv; i++) {
            rel[i] = Math.abs(Math.exp(pv[i] - tv[i]) - 1);
        }
        Arrays.sort(rel);
        double median = nv == 0 ? Double.NaN : nv % 2 == 1 ? rel[nv / 2] : (rel[nv / 2 - 1] + rel[nv / 2]) / 2;
        return new Accuracy(nv < 2 ? Double.NaN : spearman(pv, tv), median,
                idx.length == 0 ? Double.NaN : (double) right / idx.length, idx.length, nv);
    }

    /** Spearman's rank correlation (ties get their average rank); NaN when either side is constant. */
    public static double spearman(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Spearman needs equally long samples.");
        }
        return pearson(ranks(a), ranks(b));
    }

    static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(v[x], v[y]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = avg;
            }
            i = j + 1;
        }
        return r;
    }

    static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** Per-column mean and standard deviation over the given rows (1 where a column is constant). */
    static void columnStats(float[] x, int nf, List<Integer> rows, float[] mean, float[] std) {
        double[] s = new double[nf];
        double[] s2 = new double[nf];
        for (int r : rows) {
            for (int i = 0; i < nf; i++) {
                double v = x[r * nf + i];
                s[i] += v;
                s2[i] += v * v;
            }
        }
        int n = rows.size();
        for (int i = 0; i < nf; i++) {
            double m = s[i] / n;
            double var = Math.max(0, s2[i] / n - m * m);
            mean[i] = (float) m;
            std[i] = var < 1e-10 ? 1f : (float) Math.sqrt(var);
        }
    }

    /** Mean and standard deviation of the two regression targets over the valid rows. */
    static void targetStats(float[] y, List<Integer> rows, float[] mean, float[] std) {
        double[] s = new double[2];
        double[] s2 = new double[2];
        long n = 0;
        for (int r : rows) {
            if (y[r * Dataset.TARGETS + 2] > 0.5f) {
                n++;
                for (int k = 0; k < 2; k++) {
                    double v = y[r * Dataset.TARGETS + k];
                    s[k] += v;
                    s2[k] += v * v;
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            double m = n == 0 ? 0 : s[k] / n;
            double var = n == 0 ? 1 : Math.max(0, s2[k] / n - m * m);
            mean[k] = (float) m;
            std[k] = var < 1e-10 ? 1f : (float) Math.sqrt(var);
        }
    }

    static float[] normalise(float[] x, int nf, float[] mean, float[] std) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = i % nf;
            out[i] = (x[i] - mean[c]) / std[c];
        }
        return out;
    }

    static float[] normaliseTargets(float[] y, float[] mean, float[] std) {
        float[] out = y.clone();
        for (int r = 0; r < y.length / Dataset.TARGETS; r++) {
            if (y[r * Dataset.TARGETS + 2] > 0.5f) {
                for (int k = 0; k < 2; k++) {
                    out[r * Dataset.TARGETS + k] = (y[r * Dataset.TARGETS + k] - mean[k]) / std[k];
                }
            }
        }
        return out;
    }
}
