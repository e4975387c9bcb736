package org.mapwright.netcost;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * @param netsPerAccelerator  sampled networks per training accelerator (their distinct layers are the rows)
     * @param testNetworks        networks costed on every held-out accelerator
     * @param calibrationNetworks networks costed exactly on each held-out accelerator to scale the table
     * @param inner               the inner mapper of exact costs (its seed is the layers' root seed)
     * @param training            the predictor's training settings
     * @param seed                root seed of accelerator and network sampling
     * @param threads             accelerators mapped in parallel
     */
    public record Settings(int trainAccelerators, int testAccelerators, int netsPerAccelerator, int testNetworks,
                           int calibrationNetworks, NetworkMapper.Settings inner, Regressor.Settings training, long seed,
                           int threads) {
        public Settings {
            if (trainAccelerators < 2 || testAccelerators < 1 || netsPerAccelerator < 1 || testNetworks < 2
                    || calibrationNetworks < 0 || threads < 1) {
                throw new IllegalArgumentException("The study needs at least 2 training and 1 held-out accelerator, "
                        + "1 network per accelerator, 2 test networks and 1 thread.");
            }
        }
    }

    /** Accuracy of one cost model on the held-out pairs. */
    public record Figures(double rmse, double spearman, double spearmanWithin, int pairs) {
    }

    /** What the study measured. */
    public record Report(int heldOutAccelerators, Figures lut, Figures learned, int trainingAccelerators,
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
        SplittableRandom archRnd = root.split();
        SplittableRandom netRnd = root.split();
        int[] rejected = {0};
        List<Target> train = sample(space, s.trainAccelerators(), archRnd, reference, rejected);
        List<Target> test = sample(space, s.testAccelerators(), archRnd, reference, rejected);
        List<Network> testNets = new ArrayList<>();
        for (int i = 0; i < s.testNetworks(); i++) {
            testNets.add(networks.apply(netRnd));
        }
        List<Network> calibration = new ArrayList<>();
        for (int i = 0; i < s.calibrationNetworks(); i++) {
            calibration.add(networks.apply(netRnd));
        }
        List<List<Network>> trainNets = new ArrayList<>();
        for (int a = 0; a < train.size(); a++) {
            List<Network> nets = new ArrayList<>();
            for (int i = 0; i < s.netsPerAccelerator(); i++) {
                nets.add(networks.apply(netRnd));
            }
            trainNets.add(nets);
        }
        ExactCost exact = new ExactCost(s.inner().withThreads(1));
        ExecutorService pool = Executors.newFixedThreadPool(s.threads());
        try {
            List<float[]> rowsX = new ArrayList<>();
            List<float[]> rowsY = new ArrayList<>();
            List<Integer> groups = new ArrayList<>();
            AtomicInteger done = new AtomicInteger();
            List<Future<List<float[][]>>> jobs = new ArrayList<>();
            for (int a = 0; a < train.size(); a++) {
                Target t = train.get(a);
                List<Network> nets = trainNets.get(a);
                jobs.add(pool.submit(() -> {
                    List<float[][]> rows = rows(exact, t, nets);
                    progress.accept(String.format("cost predictor: training accelerator %d/%d mapped (%d layers), %.0f s",
                            done.incrementAndGet(), train.size(), rows.size(), (System.nanoTime() - start) / 1e9));
                    return rows;
                }));
            }
            for (int a = 0; a < jobs.size(); a++) {
                for (float[][] r : join(jobs.get(a))) {
                    rowsX.add(r[0]);
                    rowsY.add(r[1]);
                    groups.add(a);
                }
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
            Regressor.Trained trained = Regressor.train(x, y, g, nf, s.training(), info, progress);
            LearnedCost learned = new LearnedCost(trained.regressor());
            LutCost lut = new LutCost(exact, reference, calibration);

            done.set(0);
            List<Future<double[][]>> tests = new ArrayList<>();
            for (Target t : test) {
                tests.add(pool.submit(() -> {
                    double[][] r = new double[3][testNets.size()];
                    List<NetCost> le = learned.costs(testNets, t);
                    for (int i = 0; i < testNets.size(); i++) {
                        r[0][i] = exact.cost(testNets.get(i), t).edp();
                        r[1][i] = lut.cost(testNets.get(i), t).edp();
                        r[2][i] = le.get(i).edp();
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
            Figures lutF = figures(results, 1, unmappable);
            Figures learnedF = figures(results, 2, new int[1]);
            Report rep = new Report(test.size(), lutF, learnedF, train.size(), rowsX.size(), testNets.size(),
                    calibration.size(), exact.searches(), rejected[0], unmappable[0], trained.result(),
                    (System.nanoTime() - start) / 1e9);
            return new Outcome(rep, learned);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Feasible accelerators drawn uniformly from the space (infeasible draws are counted and redrawn). */
    static List<Target> sample(ArchSpace space, int n, SplittableRandom rnd, Target reference, int[] rejected) {
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
            out.add(new Target(c.architecture().withName("sampled_" + out.size()), reference.constraintsName(),
                    reference.constraints()));
        }
        return out;
    }

    /** Training rows of one accelerator: each distinct layer of the networks, mapped exactly. */
    static List<float[][]> rows(ExactCost exact, Target t, List<Network> nets) {
        Map<Workload, Workload> shapes = new LinkedHashMap<>();
        for (Network n : nets) {
            for (Layer l : n.layers()) {
                shapes.putIfAbsent(l.workload().withName(""), l.workload());
            }
        }
        float[] hw = Features.hardware(t.arch());
        List<float[][]> rows = new ArrayList<>();
        for (Workload w : shapes.keySet()) {
            Optional<float[]> f = Features.layer(w);
            ExactCost.LayerCost c = exact.layer(w, t);
            if (f.isEmpty() || !c.mappable()) {
                continue;
            }
            float[] x = new float[Features.LAYER + hw.length];
            System.arraycopy(f.get(), 0, x, 0, Features.LAYER);
            System.arraycopy(hw, 0, x, Features.LAYER, hw.length);
            rows.add(new float[][] {x, {(float) Math.log(c.energyPj()), (float) Math.log(c.cycles())}});
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
