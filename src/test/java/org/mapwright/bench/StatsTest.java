package org.mapwright.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatsTest {
    static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(5, Stats.median(new double[] {5}));
        assertEquals(3, Stats.median(new double[] {9, 1, 3}));
        assertEquals(2.5, Stats.median(new double[] {4, 1, 2, 3}));
        assertEquals(7, Stats.median(new double[] {7, 7}));
    }

    @Test
    void aSearchWithoutMappingCountsAsWorstInTheMedian() {
        assertEquals(3, Stats.median(new double[] {INF, 1, 3}));
        assertEquals(INF, Stats.median(new double[] {INF, 1, INF}));
        // with an even count, the mean of the middle two: infinite as soon as the upper one is
        assertEquals(INF, Stats.median(new double[] {2, INF}));
        assertEquals(INF, Stats.median(new double[] {INF, INF}));
        assertEquals(2.5, Stats.median(new double[] {1, 2, 3, 3, INF, 2}));
    }

    @Test
    void medianDoesNotReorderItsInput() {
        double[] v = {3, 1, 2};
        Stats.median(v);
        assertEquals(3, v[0]);
    }

    @Test
    void geomeanOfHandCheckedValues() {
        assertEquals(4, Stats.geomean(new double[] {2, 8}), 1e-12);
        assertEquals(10, Stats.geomean(new double[] {1, 10, 100}), 1e-12);
        assertEquals(3, Stats.geomean(new double[] {3}), 1e-15);
        assertEquals(INF, Stats.geomean(new double[] {1, INF, 4}));
        assertEquals(0, Stats.geomean(new double[] {0, 5}));
        assertEquals(INF, Stats.geomean(new double[] {0, INF}));
    }

    @Test
    void geomeanOfTinyEdpsDoesNotUnderflow() {
        double[] v = new double[400];
        java.util.Arrays.fill(v, 1e-9);
        assertEquals(1e-9, Stats.geomean(v), 1e-20);
    }

    /** The geometric mean lies between the extremes, and scaling every value scales it alike. */
    @Test
    void geomeanPropertiesOnSeededRandomInputs() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 500; i++) {
            int n = 1 + r.nextInt(8);
            double[] v = new double[n];
            double[] scaled = new double[n];
            double c = Math.exp(r.nextDouble(-5, 5));
            for (int j = 0; j < n; j++) {
                v[j] = Math.exp(r.nextDouble(-20, 20));
                scaled[j] = v[j] * c;
            }
            double g = Stats.geomean(v);
            double lo = java.util.Arrays.stream(v).min().orElseThrow();
            double hi = java.util.Arrays.stream(v).max().orElseThrow();
            assertTrue(g >= lo * (1 - 1e-12) && g <= hi * (1 + 1e-12), g + " not in [" + lo + ", " + hi + "]");
            assertEquals(g * c, Stats.geomean(scaled), 1e-9 * g * c);
        }
    }

    @Test
    void badInputsAreRefusedWithASentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Stats.median(new double[0]));
        assertEquals("The median of no values is undefined; give at least one value.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Stats.median(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Stats.geomean(new double[0]));
        e = assertThrows(IllegalArgumentException.class, () -> Stats.geomean(new double[] {1, -2}));
        assertEquals("The geometric mean needs non-negative values, got -2.0.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Stats.geomean(new double[] {Double.NaN}));
    }

    @Test
    void overBound() {
        assertEquals(2.5, Stats.overBound(5, 2));
        assertEquals(INF, Stats.overBound(INF, 2));
        assertTrue(Double.isNaN(Stats.overBound(5, 0)));
    }
}
