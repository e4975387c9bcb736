package org.mapwright.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NnTest {

    @Test
    void givenWeightsComputeReluLayersInOrder() {
        // 2 -> 2 -> 1: h = relu(W1 x + b1), y = w2 . h (no output bias)
        float[][] w1 = {{1, -1}, {2, 0.5f}};
        float[] b1 = {0.5f, -3};
        float[][] w2 = {{3, -2}};
        try (Mlp m = Mlp.withWeights(new Mlp.Spec(2, List.of(2), 1, false), List.of(w1, w2), java.util.Arrays.asList(b1, null))) {
            float[] out = m.predict(new float[] {1, 2, 3, 0}, 2);
            // row 1: h = relu(1-2+0.5, 2+1-3) = (0, 0) -> 0; row 2: h = relu(3.5, 3) -> 10.5 - 6 = 4.5
            assertArrayEquals(new float[] {0f, 4.5f}, out, 1e-6f);
        }
    }

    @Test
    void wrongWeightShapesAreRefusedWithTheExpectedShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mlp.withWeights(
                new Mlp.Spec(2, List.of(3), 1, true), List.of(new float[2][2], new float[1][3]),
                List.of(new float[3], new float[1])));
        assertEquals("Layer 0 needs a 3 x 2 weight matrix, got 2 x 2.", e.getMessage());
    }

    @Test
    void regressorLearnsASmoothFunctionAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        int rows = 2000;
        float[] x = new float[rows * 2];
        float[] y = new float[rows * 2];
        int[] g = new int[rows];
        for (int r = 0; r < rows; r++) {
            float a = (float) rnd.nextDouble(-2, 2);
            float b = (float) rnd.nextDouble(-2, 2);
            x[2 * r] = a;
            x[2 * r + 1] = 100 + 50 * b;
            y[2 * r] = a * b;
            y[2 * r + 1] = 10 * a + 3;
            g[r] = r;
        }
        Regressor.Settings s = new Regressor.Settings(List.of(64, 64), 60, 64, 3e-3f, 10, 5, 7, 1, 0f);
        Regressor.Trained t = Regressor.train(x, y, g, 2, s, null, m -> { });
        float[] test = {1, 150, -1.5f, 25};
        float[] p = t.regressor().predict(test, 2);
        assertEquals(1.0, p[0], 0.15);
        assertEquals(13.0, p[1], 0.5);
        assertEquals(2.25, p[2], 0.25);
        assertEquals(-12.0, p[3], 0.5);
        assertTrue(t.result().validationLoss() < 0.01, "validation loss " + t.result().validationLoss());
        t.regressor().save(dir);
        try (Regressor back = Regressor.load(dir)) {
            assertArrayEquals(p, back.predict(test, 2), 1e-6f);
        }
        t.regressor().close();
    }
}
