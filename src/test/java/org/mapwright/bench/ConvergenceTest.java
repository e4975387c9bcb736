package org.mapwright.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.bench.Fixtures.INF;
import static org.mapwright.bench.Fixtures.layer;
import static org.mapwright.bench.Fixtures.run;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConvergenceTest {
    static final double R18 = Math.sqrt(18);
    static final double R32 = Math.sqrt(32);

    /**
     * Layer A (bound 2), layer B (bound 1), three seeds, every search 100 evaluations. Ratios to the bound:
     * A: seed 0 4 at 1, 1 at 10; seed 1 2 at 5; seed 2 8 at 2, 2 at 50. B: seed 0 4 at 3; seed 1 9 at 1, 1 at 20;
     * seed 2 4 at 4. Geomean over layers per seed: seed 0 4 from 3, 2 from 10; seed 1 sqrt(18) from 5, sqrt(2)
     * from 20; seed 2 sqrt(32) from 4, sqrt(8) from 50.
     */
    static BenchResult handChecked() {
        return Fixtures.result(List.of("m"), 3, List.of(layer("A", 0, 2), layer("B", 1, 1)), List.of(
                run("A", "m", 0, 0.1, 1, 8, 10, 2), run("A", "m", 1, 0.1, 5, 4), run("A", "m", 2, 0.1, 2, 16, 50, 4),
                run("B", "m", 0, 0.1, 3, 4), run("B", "m", 1, 0.1, 1, 9, 20, 1), run("B", "m", 2, 0.1, 4, 4)));
    }

    @Test
    void medianMinAndMaxOverSeedsOfTheGeomeanOverLayers() {
        Convergence.Curve c = Convergence.of(handChecked(), "m", Convergence.Axis.EVALUATIONS).orElseThrow();
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 10, 20, 50, 100}, c.x());
        assertArrayEquals(new double[] {INF, INF, INF, R32, R18, R18, 2, 2, 2}, c.median(), 1e-12);
        assertArrayEquals(new double[] {INF, INF, 4, 4, 4, 2, Math.sqrt(2), Math.sqrt(2), Math.sqrt(2)}, c.min(), 1e-12);
        assertArrayEquals(new double[] {INF, INF, INF, INF, R32, R32, R32, Math.sqrt(8), Math.sqrt(8)}, c.max(), 1e-12);
    }

    @Test
    void againstSecondsTheCurveRunsToTheLongestSearch() {
        Convergence.Curve c = Convergence.of(handChecked(), "m", Convergence.Axis.SECONDS).orElseThrow();
        assertArrayEquals(new double[] {0.001, 0.002, 0.003, 0.004, 0.005, 0.01, 0.02, 0.05, 0.1}, c.x(), 1e-15);
        assertEquals(2, c.median()[8], 1e-12);
    }

    @Test
    void noCurveWithoutAPositiveLowerBound() {
        BenchResult r = Fixtures.result(List.of("m"), 1, List.of(layer("A", 0, 0)), List.of(run("A", "m", 0, 1, 1, 3)));
        assertTrue(Convergence.of(r, "m", Convergence.Axis.EVALUATIONS).isEmpty());
    }

    @Test
    void aMapperThatNeverFindsAMappingHasOnlyInfinitePoints() {
        BenchResult r = Fixtures.result(List.of("m"), 1, List.of(layer("A", 0, 1)), List.of(run("A", "m", 0, 1)));
        Convergence.Curve c = Convergence.of(r, "m", Convergence.Axis.EVALUATIONS).orElseThrow();
        assertArrayEquals(new double[] {100}, c.x());
        assertArrayEquals(new double[] {INF}, c.median());
        assertEquals(0, ConvergencePlots.steps(c.x(), c.median())[0].length);
    }

    @Test
    void plottedStepsHoldEachValueUntilTheNextX() {
        double[][] s = ConvergencePlots.steps(new double[] {1, 3, 5, 9}, new double[] {INF, 4, 2, 2});
        assertArrayEquals(new double[] {3, 5, 5, 9, 9}, s[0]);
        assertArrayEquals(new double[] {4, 4, 2, 2, 2}, s[1]);
    }

    @Test
    void plotAxesSpanWholeDecades() {
        assertEquals(1, ConvergencePlots.decadeBelow(3.2), 1e-15);
        assertEquals(10, ConvergencePlots.decadeAbove(3.2), 1e-15);
        assertEquals(100, ConvergencePlots.decadeBelow(100), 1e-12);
        assertEquals(100, ConvergencePlots.decadeAbove(100), 1e-12);
        assertEquals(0.001, ConvergencePlots.decadeBelow(0.0042), 1e-18);
    }
}
