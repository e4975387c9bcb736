package org.mapwright.archsearch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The covariance matrix adaptation evolution strategy (CMA-ES, Hansen and Ostermeier 2001, with the parameter
 * settings of Hansen's 2016 tutorial "The CMA Evolution Strategy"), the strategy NAAS searches accelerators with.
 * It samples each generation from a multivariate normal around a mean, moves the mean towards the better half
 * (weighted recombination), and adapts the step size (cumulative step-size adaptation) and the covariance (rank-one
 * and rank-mu updates) so that the search stretches along directions that paid off.
 *
 * <p>The space is the unit cube: a sampled coordinate outside [0, 1] is mirrored back in, and the mirrored point is
 * both what is evaluated and what updates the distribution. The step size is kept at least {@link #MIN_SIGMA}, so
 * that discrete choices (each a slice of a coordinate) keep being tried instead of the search freezing in one cell.
 * Only the ranks of the fitness values matter.
 */
public final class CmaEs implements Strategy {
    /** Starting step size, in units of the cube's side. */
    public static final double SIGMA0 = 0.3;
    /** Smallest step size the adaptation may reach. */
    public static final double MIN_SIGMA = 0.02;
    private static final double MAX_SIGMA = 1.0;

    private final int n;
    private final int lambda;
    private final int mu;
    private final double[] weights;
    private final double muEff;
    private final double cSigma;
    private final double dSigma;
    private final double cC;
    private final double c1;
    private final double cMu;
    private final double chiN;
    private final SplittableRandom rnd;
    private final double minSigma;

    private final double[] mean;
    private double sigma = SIGMA0;
    private final double[][] cov;
    private final double[] pSigma;
    private final double[] pC;
    private double[][] b;
    private double[] d;
    private int generation;

    /** The population size CMA-ES suggests for {@code n} dimensions, {@code 4 + floor(3 ln n)}, at least 8. */
    public static int defaultPopulation(int n) {
        return Math.max(8, 4 + (int) Math.floor(3 * Math.log(Math.max(1, n))));
    }

    /**
     * @param dimensions length of the points
     * @param population points per generation (at least 2)
     * @param seed       seed of the sampling; the starting mean is drawn from it too
     */
    public CmaEs(int dimensions, int population, long seed) {
        this(dimensions, population, seed, MIN_SIGMA);
    }

    /** As above, with another floor on the step size (0 lets it shrink freely, as plain CMA-ES). */
    CmaEs(int dimensions, int population, long seed, double minSigma) {
        this.minSigma = minSigma;
        if (dimensions < 1 || population < 2) {
            throw new IllegalArgumentException("CMA-ES needs at least one dimension and two points per generation.");
        }
        n = dimensions;
        lambda = population;
        mu = lambda / 2;
        weights = new double[mu];
        double sum = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] = Math.log(mu + 0.5) - Math.log(i + 1);
            sum += weights[i];
        }
        double sq = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] /= sum;
            sq += weights[i] * weights[i];
        }
        muEff = 1 / sq;
        cSigma = (muEff + 2) / (n + muEff + 5);
        dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
        cC = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
        cMu = Math.min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
        chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
        rnd = new SplittableRandom(seed);
        mean = new double[n];
        for (int i = 0; i < n; i++) {
            mean[i] = 0.25 + 0.5 * rnd.nextDouble();
        }
        cov = new double[n][n];
        b = new double[n][n];
        d = new double[n];
        for (int i = 0; i < n; i++) {
            cov[i][i] = 1;
            b[i][i] = 1;
            d[i] = 1;
        }
        pSigma = new double[n];
        pC = new double[n];
    }

    @Override
    public List<double[]> ask() {
        List<double[]> out = new ArrayList<>(lambda);
        for (int k = 0; k < lambda; k++) {
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = gaussian() * d[i];
            }
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += b[i][j] * z[j];
                }
                x[i] = mirror(mean[i] + sigma * s);
            }
            out.add(x);
        }
        return out;
    }

    /** Folds a coordinate back into [0, 1] as a mirror would. */
    static double mirror(double v) {
        if (!Double.isFinite(v)) {
            return 0.5;
        }
        double r = Math.abs(v) % 2;
        return r > 1 ? 2 - r : r;
    }

    @Override
    public void tell(List<double[]> asked, double[] fitness) {
        if (asked.size() != lambda || fitness.length != lambda) {
            throw new IllegalArgumentException("CMA-ES expects " + lambda + " points and fitness values, got "
                    + asked.size() + " and " + fitness.length + ".");
        }
        Integer[] order = new Integer[lambda];
        for (int k = 0; k < lambda; k++) {
            order[k] = k;
        }
        // ties (and NaN, treated as worst) keep the sampling order, so the update is deterministic
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> Double.isNaN(fitness[k]) ? Double.POSITIVE_INFINITY : fitness[k]));
        double[] old = mean.clone();
        double[][] y = new double[mu][n];
        double[] yw = new double[n];
        for (int r = 0; r < mu; r++) {
            double[] x = asked.get(order[r]);
            for (int i = 0; i < n; i++) {
                y[r][i] = (x[i] - old[i]) / sigma;
                yw[i] += weights[r] * y[r][i];
            }
        }
        for (int i = 0; i < n; i++) {
            mean[i] = old[i] + sigma * yw[i];
        }
        // C^(-1/2) yw = B D^-1 B^T yw
        double[] bt = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += b[i][j] * yw[i];
            }
            bt[j] = s / d[j];
        }
        double a = Math.sqrt(cSigma * (2 - cSigma) * muEff);
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += b[i][j] * bt[j];
            }
            pSigma[i] = (1 - cSigma) * pSigma[i] + a * s;
        }
        double psNorm = norm(pSigma);
        generation++;
        boolean hSigma = psNorm / Math.sqrt(1 - Math.pow(1 - cSigma, 2.0 * generation)) < (1.4 + 2.0 / (n + 1)) * chiN;
        double ac = Math.sqrt(cC * (2 - cC) * muEff);
        for (int i = 0; i < n; i++) {
            pC[i] = (1 - cC) * pC[i] + (hSigma ? ac * yw[i] : 0);
        }
        double keep = 1 - c1 - cMu + (hSigma ? 0 : c1 * cC * (2 - cC));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double rankMu = 0;
                for (int r = 0; r < mu; r++) {
                    rankMu += weights[r] * y[r][i] * y[r][j];
                }
                double v = keep * cov[i][j] + c1 * pC[i] * pC[j] + cMu * rankMu;
                cov[i][j] = v;
                cov[j][i] = v;
            }
        }
        sigma *= Math.exp((cSigma / dSigma) * (psNorm / chiN - 1));
        sigma = Math.max(minSigma, Math.min(MAX_SIGMA, sigma));
        decompose();
    }

    private void decompose() {
        SymmetricEigen e = new SymmetricEigen(cov);
        double max = 0;
        for (double v : e.values) {
            max = Math.max(max, v);
        }
        // a covariance squeezed flat in some direction is floored there, so that sampling never divides by zero
        double floor = Math.max(max, 1e-300) * 1e-14;
        for (int i = 0; i < n; i++) {
            d[i] = Math.sqrt(Math.max(e.values[i], floor));
        }
        b = e.vectors;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** A standard normal variate (Marsaglia's polar method), from this strategy's own stream. */
    private double gaussian() {
        while (true) {
            double u = 2 * rnd.nextDouble() - 1;
            double v = 2 * rnd.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }

    /** The current step size, for tests and reports. */
    double sigma() {
        return sigma;
    }

    /** The current mean, for tests and reports. */
    double[] mean() {
        return mean.clone();
    }

    /** Registers CMA-ES as {@code cmaes}. */
    public static final class Provider implements StrategyProvider {
        @Override
        public String name() {
            return "cmaes";
        }

        @Override
        public String description() {
            return "covariance matrix adaptation evolution strategy (as NAAS)";
        }

        @Override
        public Strategy create(int dimensions, int population, long seed) {
            return new CmaEs(dimensions, population, seed);
        }
    }
}
