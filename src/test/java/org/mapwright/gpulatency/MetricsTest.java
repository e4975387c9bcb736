package org.mapwright.gpulatency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.gpulatency.Metrics.Figures;

class MetricsTest {

    @Test
    void rmseOfHandMadeSamples() {
        // errors 0, 0, -2: sqrt(4 / 3)
        assertEquals(Math.sqrt(4.0 / 3), Metrics.rmse(new double[] {1, 2, 3}, new double[] {1, 2, 5}), 1e-12);
        assertEquals(0.5, Metrics.rmse(new double[] {0.5, -0.5}, new double[] {0, 0}), 1e-12);
    }

    @Test
    void spearmanGivesTiesTheirAverageRank() {
        // ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4): covariance 4.5, variances 4.5 and 5
        assertEquals(4.5 / Math.sqrt(4.5 * 5), Metrics.spearman(new double[] {10, 20, 20, 30},
                new double[] {1, 2, 3, 4}), 1e-12);
        assertEquals(-1, Metrics.spearman(new double[] {1, 2, 3}, new double[] {9, 4, 1}), 1e-12);
    }

    @Test
    void spearmanIsUnchangedByAnyIncreasingMap() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + rnd.nextInt(30);
            double[] a = new double[n];
            double[] b = new double[n];
            double[] expA = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = rnd.nextInt(8);
                b[i] = rnd.nextDouble();
                expA[i] = Math.exp(a[i]) * 3 + 1;
            }
            double s = Metrics.spearman(a, b);
            if (!Double.isNaN(s)) {
                assertEquals(s, Metrics.spearman(expA, b), 1e-12);
                assertEquals(s, Metrics.spearman(b, a), 1e-12);
            }
        }
    }

    @Test
    void figuresPoolRowsForRmseAndSpearmanAndAverageWithinDevices() {
        // device 1 predicted in reverse order, device 2 in order; device 2 is slower, and so predicted
        List<double[]> truth = List.of(new double[] {1, 2}, new double[] {5, 6});
        List<double[]> pred = List.of(new double[] {2, 1}, new double[] {5, 7});
        Figures f = Metrics.figures(pred, truth);
        assertEquals(Math.sqrt(3.0 / 4), f.rmse(), 1e-12);
        assertEquals(0, f.spearmanWithinDevice(), 1e-12);
        // pooled ranks: truth (1, 2, 3, 4), predicted (2, 1, 3, 4): 1 - 6 * 2 / (4 * 15)
        assertEquals(0.8, f.spearman(), 1e-12);
    }

    @Test
    void unequalSamplesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.rmse(new double[] {1}, new double[] {1, 2}));
        assertEquals("Comparing predictions needs two equally long, non-empty samples; got 1 and 2 values.",
                e.getMessage());
    }
}
