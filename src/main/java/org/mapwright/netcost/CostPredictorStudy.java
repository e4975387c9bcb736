package org.mapwright.netcost;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.archspace.Candidate;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.nn.Regressor;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

/**
 * Trains the learned cost predictor and measures it and the lookup-table baseline against exact mapping on
 * accelerators neither saw. Accelerators are drawn uniformly from an architecture space (feasible ones only); the
 * training accelerators' layers (those of a few sampled networks each) are mapped exactly and become the training
 * rows (validation: whole accelerators); then on each held-out accelerator a fixed set of test networks is costed
 * three ways. Figures: RMSE of ln(EDP) over all (held-out accelerator, network) pairs, Spearman of EDP over all pairs
 * and its mean within one accelerator.
 */
public final class CostPredictorStudy {

    /**
     * @param trainAccelerators   accelerators whose layers are training rows
     * @param testAccelerators    held-out accelerators
     * @param layersPerAccelerator distinct layers of sampled networks mapped on each training accelerator (rows)
     * @param testNetworks        networks costed on every held-out accelerator
     * @param calibrationNetworks networks costed exactly on each held-out accelerator to scale the table
     * @param inner               the inner mapper of exact costs (its seed is the layers' root seed)
     * @param training            the predictor's training settings (its seed is the first member's)
     * @param members             models in the ensemble (each with its own seed)
     * @param seed                root seed of accelerator and network sampling
     * @param threads             accelerators mapped in parallel
     */
    public record Settings(int trainAccelerators, int testAccelerators, int layersPerAccelerator, int testNetworks,
                           int calibrationNetworks, NetworkMapper.Settings inner, Regressor.Settings training, int members,
                           long seed, int threads) {
        public Settings {
            if (trainAccelerators < 2 || testAccelerators < 1 || layersPerAccelerator < 1 || testNetworks < 2
                    || calibrationNetworks < 1 || threads < 1 || members < 1) {
                throw new IllegalArgumentException("The study needs at least 2 training and 1 held-out accelerator, "
                        + "1 layer per accelerator, 2 test networks, 1 calibration network, 1 model and 1 thread.");
            }
        }
    }

    /** Accuracy of one cost model on the held-out pairs. */
    public record Figures(double rmse, double spearman, double spearmanWithin, int pairs) {
    }

    /** What the study measured. */
    public record Report(int heldOutAccelerators, Figures lut, Figures learned, Figures lutCalibrated,
                         Figures learnedCalibrated, Figures lutUnscaled, int trainingAccelerators,
                         int trainingRows, int testNetworks, int calibrationNetworks, long layerSearches,
                         int rejectedAccelerators, int unmappablePairs, Regressor.Result training, double seconds) {
    }

    /** The report and the trained predictor. */
    public record Outcome(Report report, LearnedCost learned) {
    }

    private CostPredictorStudy() {
    }

    /**
     * Runs the study.
     *
     * @param space     where accelerators are drawn from
     * @param reference the lookup table's accelerator
     * @param networks  a random network of the network space per call
     * @param info      provenance saved with the trained predictor
     */
    public static Outcome run(ArchSpace space, Target reference, Function<SplittableRandom, Network> networks,
                              Settings s, ObjectNode info, Consumer<String> progress) throws IOException {
        long start = System.nanoTime();
        SplittableRandom root = new SplittableRandom(s.seed());
        // held-out accelerators and networks have streams of their own, so they stay the same when the training set grows
        SplittableRandom testArchRnd = root.split();
        SplittableRandom netRnd = root.split();
        SplittableRandom trainArchRnd = root.split();
        SplittableRandom trainNetRnd = root.split();
        int[] rejected = {0};
        List<Target> test = sample(space, s.testAccelerators(), testArchRnd, reference, rejected, "held_out_");
        List<Target> train = sample(space, s.trainAccelerators(), trainArchRnd, reference, rejected, "train_");
        List<Network> testNets = new ArrayList<>();
        for (int i = 0; i < s.testNetworks(); i++) {
            testNets.add(networks.apply(netRnd));
        }
        List<Network> calibration = new ArrayList<>();
        for (int i = 0; i < s.calibrationNetworks(); i++) {
            calibration.add(networks.apply(netRnd));
        }
        List<List<Workload>> trainLayers = new ArrayList<>();
        for (int a = 0; a < train.size(); a++) {
            trainLayers.add(layers(networks, trainNetRnd, s.layersPerAccelerator()));
        }
        ExactCost exact = new ExactCost(s.inner().withThreads(1));
        ExecutorService pool = Executors.newFixedThreadPool(s.threads());
        try {
            AtomicInteger done = new AtomicInteger();
            List<Future<List<float[][]>>> jobs = new ArrayList<>();
            for (int a = 0; a < train.size(); a++) {
                Target t = train.get(a);
                List<Workload> ls = trainLayers.get(a);
                jobs.add(pool.submit(() -> {
                    List<float[][]> rows = rows(exact, t, ls, reference);
                    int k = done.incrementAndGet();
                    if (k % 10 == 0 || k == train.size()) {
                        progress.accept(String.format("cost predictor: %d/%d training accelerators mapped, %.0f s", k,
                                train.size(), (System.nanoTime() - start) / 1e9));
                    }
                    return rows;
                }));
            }
            List<float[]> rowsX = new ArrayList<>();
            List<float[]> rowsY = new ArrayList<>();
            List<Integer> groups = new ArrayList<>();
            double[][] scaleX = new double[train.size()][];
            double[][] scaleY = new double[train.size()][];
            for (int a = 0; a < jobs.size(); a++) {
                double[] sum = new double[4];
                for (float[][] r : join(jobs.get(a))) {
                    rowsX.add(r[0]);
                    rowsY.add(r[1]);
                    groups.add(a);
                    for (int k = 0; k < 4; k++) {
                        sum[k] += r[2][k];
                    }
                }
                float[] hw = Features.hardware(train.get(a).arch());
                scaleX[a] = new double[hw.length];
                for (int i = 0; i < hw.length; i++) {
                    scaleX[a][i] = hw[i];
                }
                scaleY[a] = new double[] {Math.log(sum[0] / sum[2]), Math.log(sum[1] / sum[3])};
            }
            int nf = rowsX.get(0).length;
            float[] x = new float[rowsX.size() * nf];
            float[] y = new float[rowsY.size() * 2];
            int[] g = new int[groups.size()];
            for (int r = 0; r < rowsX.size(); r++) {
                System.arraycopy(rowsX.get(r), 0, x, r * nf, nf);
                System.arraycopy(rowsY.get(r), 0, y, r * 2, 2);
                g[r] = groups.get(r);
            }
            Regressor.Trained trained = null;
            List<Regressor> members = new ArrayList<>();
            SplittableRandom memberSeeds = new SplittableRandom(s.training().seed());
            for (int m = 0; m < s.members(); m++) {
                Regressor.Settings t = s.training();
                long seed = m == 0 ? t.seed() : memberSeeds.split().nextLong();
                Regressor.Trained tr = Regressor.train(x, y, g, nf, new Regressor.Settings(t.hidden(), t.epochs(), t.batch(),
                        t.lr(), t.patience(), t.validationEvery(), seed, t.threads(), t.weightDecay()), info, progress);
                progress.accept(String.format("cost predictor: model %d/%d trained (validation loss %.4f)", m + 1,
                        s.members(), tr.result().validationLoss()));
                trained = trained == null ? tr : trained;
                members.add(tr.regressor());
            }
            LearnedCost learned = new LearnedCost(members);
            LutCost lut = new LutCost(exact, reference, Optional.of(Ridge.fit(scaleX, scaleY, train.size() * 0.1)));
            LutCost unscaled = new LutCost(exact, reference, Optional.empty());
            List<CostModel> models = List.of(lut, learned, new Calibrated(unscaled, exact, calibration),
                    new Calibrated(learned, exact, calibration), unscaled);

            done.set(0);
            List<Future<double[][]>> tests = new ArrayList<>();
            for (Target t : test) {
                tests.add(pool.submit(() -> {
                    double[][] r = new double[models.size() + 1][testNets.size()];
                    for (int i = 0; i < testNets.size(); i++) {
                        r[0][i] = exact.cost(testNets.get(i), t).edp();
                    }
                    for (int m = 0; m < models.size(); m++) {
                        List<NetCost> c = models.get(m).costs(testNets, t);
                        for (int i = 0; i < testNets.size(); i++) {
                            r[m + 1][i] = c.get(i).edp();
                        }
                    }
                    progress.accept(String.format("cost predictor: held-out accelerator %d/%d costed, %.0f s",
                            done.incrementAndGet(), test.size(), (System.nanoTime() - start) / 1e9));
                    return r;
                }));
            }
            List<double[][]> results = new ArrayList<>();
            for (Future<double[][]> f : tests) {
                results.add(join(f));
            }
            int[] unmappable = {0};
            Figures[] f = new Figures[models.size()];
            for (int m = 0; m < models.size(); m++) {
                f[m] = figures(results, m + 1, m == 0 ? unmappable : new int[1]);
            }
            Report rep = new Report(test.size(), f[0], f[1], f[2], f[3], f[4], train.size(), rowsX.size(),
                    testNets.size(), calibration.size(), exact.searches(), rejected[0], unmappable[0], trained.result(),
                    (System.nanoTime() - start) / 1e9);
            return new Outcome(rep, learned);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Up to {@code n} distinct layers drawn from random networks (whole networks' layers, then a random subset). */
    static List<Workload> layers(Function<SplittableRandom, Network> networks, SplittableRandom rnd, int n) {
        List<Workload> pool = new ArrayList<>();
        java.util.Set<Workload> seen = new java.util.HashSet<>();
        for (int tries = 0; pool.size() < n && tries < 4; tries++) {
            for (Layer l : networks.apply(rnd).layers()) {
                if (seen.add(l.workload().withName(""))) {
                    pool.add(l.workload());
                }
            }
        }
        for (int i = pool.size() - 1; i > 0; i--) {
            java.util.Collections.swap(pool, i, rnd.nextInt(i + 1));
        }
        return List.copyOf(pool.subList(0, Math.min(n, pool.size())));
    }

    /** Feasible accelerators drawn uniformly from the space (infeasible draws are counted and redrawn). */
    static List<Target> sample(ArchSpace space, int n, SplittableRandom rnd, Target reference, int[] rejected,
                               String prefix) {
        List<Target> out = new ArrayList<>();
        int tries = 0;
        int want = Features.hardwareLength(reference.arch());
        while (out.size() < n) {
            if (++tries > 1000 * n) {
                throw new IllegalArgumentException("Fewer than one in a thousand draws from space " + space.name()
                        + " is a feasible design; loosen its limits.");
            }
            double[] u = new double[space.dimensions()];
            for (int i = 0; i < u.length; i++) {
                u[i] = rnd.nextDouble();
            }
            Candidate c = space.decode(u);
            if (!c.feasible() || Features.hardwareLength(c.architecture()) != want) {
                rejected[0]++;
                continue;
            }
            out.add(new Target(c.architecture().withName(prefix + out.size()), reference.constraintsName(),
                    reference.constraints()));
        }
        return out;
    }

    /**
     * Training rows of one accelerator: each layer mapped exactly there (features, targets) and its energy and cycles
     * there and on the reference (for the table's scale factors).
     */
    static List<float[][]> rows(ExactCost exact, Target t, List<Workload> layers, Target reference) {
        float[] hw = Features.hardware(t.arch());
        List<float[][]> rows = new ArrayList<>();
        for (Workload w : layers) {
            Optional<float[]> f = Features.row(w, t.arch(), hw);
            ExactCost.LayerCost c = exact.layer(w, t);
            ExactCost.LayerCost ref = exact.layer(w, reference);
            if (f.isEmpty() || !c.mappable() || !ref.mappable()) {
                continue;
            }
            float[] x = f.get();
            rows.add(new float[][] {x, Features.targets(w, t.arch(), c.energyPj(), c.cycles()),
                    {(float) c.energyPj(), (float) c.cycles(), (float) ref.energyPj(), (float) ref.cycles()}});
        }
        return rows;
    }

    static Figures figures(List<double[][]> results, int model, int[] unmappable) {
        List<Double> truth = new ArrayList<>();
        List<Double> pred = new ArrayList<>();
        double within = 0;
        int accels = 0;
        for (double[][] r : results) {
            List<Double> t1 = new ArrayList<>();
            List<Double> p1 = new ArrayList<>();
            for (int i = 0; i < r[0].length; i++) {
                if (Double.isFinite(r[0][i]) && Double.isFinite(r[model][i])) {
                    t1.add(r[0][i]);
                    p1.add(r[model][i]);
                } else {
                    unmappable[0]++;
                }
            }
            truth.addAll(t1);
            pred.addAll(p1);
            if (t1.size() >= 2) {
                within += spearman(t1, p1);
                accels++;
            }
        }
        double se = 0;
        for (int i = 0; i < truth.size(); i++) {
            double d = Math.log(pred.get(i)) - Math.log(truth.get(i));
            se += d * d;
        }
        return new Figures(truth.isEmpty() ? Double.NaN : Math.sqrt(se / truth.size()), spearman(truth, pred),
                accels == 0 ? Double.NaN : within / accels, truth.size());
    }

    static double spearman(List<Double> a, List<Double> b) {
        return org.mapwright.surrogate.Metrics.spearman(a.stream().mapToDouble(Double::doubleValue).toArray(),
                b.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while costing networks.", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
