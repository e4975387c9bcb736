package org.mapwright.archsearch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class CmaEsTest {

    /** A rotated, ill-conditioned ellipsoid with its optimum inside the cube, away from the centre. */
    private static ToDoubleFunction<double[]> ellipsoid(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] opt = new double[n];
        for (int i = 0; i < n; i++) {
            opt[i] = 0.1 + 0.8 * r.nextDouble();
        }
        double[][] rot = randomRotation(n, r);
        return x -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double yi = 0;
                for (int j = 0; j < n; j++) {
                    yi += rot[i][j] * (x[j] - opt[j]);
                }
                s += Math.pow(100, (double) i / Math.max(1, n - 1)) * yi * yi;
            }
            return s;
        };
    }

    private static double[][] randomRotation(int n, SplittableRandom r) {
        double[][] q = new double[n][n];
        for (int k = 0; k < n; k++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = r.nextDouble() - 0.5;
            }
            for (int p = 0; p < k; p++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += v[i] * q[p][i];
                }
                for (int i = 0; i < n; i++) {
                    v[i] -= dot * q[p][i];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[k][i] = v[i] / norm;
            }
        }
        return q;
    }

    private static double run(Strategy s, ToDoubleFunction<double[]> f, int generations) {
        double best = Double.POSITIVE_INFINITY;
        for (int g = 0; g < generations; g++) {
            List<double[]> xs = s.ask();
            double[] fit = new double[xs.size()];
            for (int k = 0; k < xs.size(); k++) {
                for (double v : xs.get(k)) {
                    assertTrue(v >= 0 && v <= 1, "every asked coordinate lies in the unit cube");
                }
                fit[k] = f.applyAsDouble(xs.get(k));
                best = Math.min(best, fit[k]);
            }
            s.tell(xs, fit);
        }
        return best;
    }

    @Test
    void convergesOnARotatedEllipsoidWhereRandomSearchDoesNot() {
        for (long seed = 1; seed <= 5; seed++) {
            int n = 12;
            ToDoubleFunction<double[]> f = ellipsoid(n, seed);
            int pop = CmaEs.defaultPopulation(n);
            // without the step-size floor, the plain algorithm converges far past any random sample
            double plain = run(new CmaEs(n, pop, seed, 0), f, 250);
            double floored = run(new CmaEs(n, pop, seed), f, 150);
            double random = run(new RandomSearch(n, pop, seed), f, 150);
            assertTrue(plain < 1e-8, "seed " + seed + ": CMA-ES without a floor reached " + plain);
            assertTrue(floored < random / 20, "seed " + seed + ": CMA-ES " + floored + " vs random " + random);
        }
    }

    @Test
    void findsAnOptimumOnTheCubesFace() {
        int n = 6;
        // the optimum is at x = 0 in every coordinate, on the boundary: mirroring must still let the search reach it
        ToDoubleFunction<double[]> f = x -> {
            double s = 0;
            for (double v : x) {
                s += v;
            }
            return s;
        };
        double best = run(new CmaEs(n, CmaEs.defaultPopulation(n), 3), f, 200);
        assertTrue(best < 0.05 * n, "sum reached " + best);
    }

    @Test
    void sameSeedAndFitnessGiveTheSameGenerations() {
        int n = 9;
        ToDoubleFunction<double[]> f = ellipsoid(n, 7);
        CmaEs a = new CmaEs(n, 10, 42);
        CmaEs b = new CmaEs(n, 10, 42);
        for (int g = 0; g < 20; g++) {
            List<double[]> xa = a.ask();
            List<double[]> xb = b.ask();
            double[] fa = new double[xa.size()];
            for (int k = 0; k < xa.size(); k++) {
                assertArrayEquals(xa.get(k), xb.get(k));
                fa[k] = f.applyAsDouble(xa.get(k));
            }
            a.tell(xa, fa);
            b.tell(xb, fa.clone());
        }
        assertEquals(a.sigma(), b.sigma());
    }

    @Test
    void stepSizeStaysWithinItsBoundsUnderFlatFitness() {
        CmaEs s = new CmaEs(5, 8, 1);
        for (int g = 0; g < 300; g++) {
            List<double[]> xs = s.ask();
            s.tell(xs, new double[xs.size()]);
            assertTrue(s.sigma() >= CmaEs.MIN_SIGMA && s.sigma() <= 1.0, "sigma " + s.sigma());
            for (double m : s.mean()) {
                assertTrue(Double.isFinite(m));
            }
        }
    }

    @Test
    void mirrorFoldsIntoTheCube() {
        assertEquals(0.2, CmaEs.mirror(-0.2), 1e-12);
        assertEquals(0.8, CmaEs.mirror(1.2), 1e-12);
        assertEquals(0.5, CmaEs.mirror(2.5), 1e-12);
        assertEquals(0.5, CmaEs.mirror(Double.NaN));
    }

    @Test
    void jacobiReconstructsASymmetricMatrix() {
        SplittableRandom r = new SplittableRandom(5);
        for (int t = 0; t < 20; t++) {
            int n = 1 + r.nextInt(15);
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    a[i][j] = a[j][i] = r.nextDouble() - 0.5;
                }
            }
            SymmetricEigen e = new SymmetricEigen(a);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int k = 0; k < n; k++) {
                        s += e.vectors[i][k] * e.values[k] * e.vectors[j][k];
                    }
                    assertEquals(a[i][j], s, 1e-9, "entry " + i + "," + j + " of a " + n + "x" + n + " matrix");
                }
            }
        }
    }

    @Test
    void strategiesAreFoundByName() {
        assertTrue(Strategies.all().keySet().containsAll(List.of("cmaes", "random")));
        assertTrue(Strategies.byName("cmaes").create(3, 8, 1) instanceof CmaEs);
    }
}
