package org.mapwright.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void spearmanOfMonotoneAndReversedSamples() {
        double[] a = {1, 2, 3, 4, 5};
        assertEquals(1.0, Metrics.spearman(a, new double[] {10, 20, 30, 40, 1000}), 1e-12);
        assertEquals(-1.0, Metrics.spearman(a, new double[] {5, 4, 3, 2, 1}), 1e-12);
    }

    @Test
    void spearmanByHandWithTies() {
        // ranks of b with the tie averaged: 1, 2.5, 2.5, 4; d^2 = 0, 0.25, 0.25, 0 -> Pearson of ranks
        double[] a = {1, 2, 3, 4};
        double[] b = {1, 2, 2, 3};
        double[] rb = Metrics.ranks(b);
        assertEquals(2.5, rb[1]);
        assertEquals(2.5, rb[2]);
        double r = Metrics.spearman(a, b);
        // Pearson of (1,2,3,4) and (1,2.5,2.5,4): cov 4.5/4 ... = 0.9486832980505138
        assertEquals(0.9486832980505138, r, 1e-12);
    }

    @Test
    void spearmanOfAConstantIsNaN() {
        assertTrue(Double.isNaN(Metrics.spearman(new double[] {1, 2, 3}, new double[] {4, 4, 4})));
    }
}
