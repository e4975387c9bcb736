package org.mapwright.surrogate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.mapwright.arch.Architecture;
import org.mapwright.exec.Engine;
import org.mapwright.exec.Job;
import org.mapwright.exec.LocalEngine;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.Moves;
import org.mapwright.mapspace.NoLegalMappingException;
import org.mapwright.mapspace.Sampler;
import org.mapwright.search.LowerBound;
import org.mapwright.search.Outcome;
import org.mapwright.search.CostOracle;
import org.mapwright.search.CostOracleProvider;
import org.mapwright.search.CostOracles;
import org.mapwright.search.OracleOptions;
import org.mapwright.workload.Workload;

/**
 * Generates surrogate training data for one family: (layer, accelerator) pairs, each with sampled legal mappings
 * labelled by the cost model.
 *
 * <p>Pair i draws from its own random stream (split from the root seed by index), so the data do not depend on the
 * thread count: one layer in {@value #NETWORK_SHARE_PERCENT}% of pairs is a layer of a training network
 * ({@link LayerSampler#TRAINING_NETWORKS}), the others are sampled ({@link LayerSampler}), never a held-out one;
 * the accelerator is a {@link Family.Split#TRAIN} variant of the family. Half of a pair's mappings are uniform
 * ({@link Sampler#uniform}), half come from a short annealing walk ({@link Moves}) from the best uniform one, so
 * the model also sees good mappings. Every evaluated mapping is a sample, invalid ones included (their validity
 * target is 0). Labels come from a {@link CostOracle}: the analytical model by default, or any plug-in (such as
 * Timeloop) for a surrogate of another cost.
 */
public final class DataGenerator {
    static final int NETWORK_SHARE_PERCENT = 15;
    /** Pairs per task. */
    static final int CHUNK = 8;

    /**
     * @param family   the accelerator family
     * @param pairs    (layer, accelerator) pairs
     * @param perPair  mappings per pair
     * @param seed     root seed
     * @param threads  worker threads
     * @param split    which accelerator sizes to draw
     * @param heldOutLayers draw layers from the held-out networks instead (for held-out evaluation)
     * @param oracle   what labels the mappings
     * @param oracleOptions the oracle's options (such as where timeloop-model is)
     */
    public record Settings(Family family, int pairs, int perPair, long seed, int threads, Family.Split split,
                           boolean heldOutLayers, CostOracleProvider oracle, OracleOptions oracleOptions) {
        public Settings {
            if (pairs < 1 || perPair < 2 || threads < 1) {
                throw new IllegalArgumentException("Dataset generation needs at least 1 pair, 2 mappings per pair and 1 thread.");
            }
        }

        /** Labels from the analytical model. */
        public Settings(Family family, int pairs, int perPair, long seed, int threads, Family.Split split,
                        boolean heldOutLayers) {
            this(family, pairs, perPair, seed, threads, split, heldOutLayers, CostOracles.analytical(), OracleOptions.DEFAULT);
        }
    }

    /** One pair's samples. */
    record PairData(int index, float[][] x, float[][] y) {
    }

    private DataGenerator() {
    }

    /** Generates the dataset into {@code out} on {@link Settings#threads()} local threads; returns the number of rows. */
    public static long generate(Settings s, Path out, ObjectNode provenance, Consumer<String> progress) throws IOException {
        try (LocalEngine engine = new LocalEngine(s.threads())) {
            return generate(s, engine, out, provenance, progress);
        }
    }

    /**
     * Generates the dataset into {@code out} with the pairs labelled as tasks on {@code engine} (chunks of
     * {@value #CHUNK} pairs); returns the number of rows. The rows are those of a local run: pairs draw from their
     * own streams, and the results come back in order.
     */
    public static long generate(Settings s, Engine engine, Path out, ObjectNode provenance, Consumer<String> progress)
            throws IOException {
        FeatureEncoder enc = new FeatureEncoder(s.family());
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.put("family", s.family().name());
        meta.put("features", enc.length());
        meta.put("pairs", s.pairs());
        meta.put("per_pair", s.perPair());
        meta.put("seed", s.seed());
        meta.put("split", s.split().name());
        meta.put("held_out_layers", s.heldOutLayers());
        meta.put("oracle", s.oracle().name());
        meta.setAll(provenance);
        Job job = PairTasks.job(s);
        long start = System.nanoTime();
        long lastReport = start;
        try (Dataset.Writer w = new Dataset.Writer(out, enc.length(), meta)) {
            int block = CHUNK * 4 * engine.parallelism();
            for (int first = 0; first < s.pairs(); first += block) {
                List<byte[]> items = new ArrayList<>();
                for (int c = first; c < Math.min(s.pairs(), first + block); c += CHUNK) {
                    items.add(PairTasks.item(c, Math.min(CHUNK, s.pairs() - c)));
                }
                for (byte[] result : engine.run(job, items)) {
                    for (PairData pd : PairTasks.pairs(result)) {
                        for (int k = 0; k < pd.x().length; k++) {
                            w.write(pd.x()[k], pd.y()[k], pd.index());
                        }
                    }
                }
                long now = System.nanoTime();
                if (now - lastReport > 1_000_000_000L) {
                    lastReport = now;
                    progress.accept(String.format("surrogate data: %d/%d pairs, %,d samples, %.0f s",
                            Math.min(s.pairs(), first + block), s.pairs(), w.rows(), (now - start) / 1e9));
                }
            }
            progress.accept(String.format("surrogate data: %d pairs, %,d samples in %.1f s", s.pairs(), w.rows(),
                    (System.nanoTime() - start) / 1e9));
            return w.rows();
        }
    }

    /** Generates a dataset in memory (for held-out evaluation), on the calling thread. */
    public static Dataset.Rows rows(Settings s) {
        FeatureEncoder enc = new FeatureEncoder(s.family());
        LayerSampler layers = new LayerSampler();
        List<Workload> networkLayers = networkLayers(s, layers);
        List<PairData> all = new ArrayList<>();
        for (int i = 0; i < s.pairs(); i++) {
            all.add(pair(s, enc, layers, networkLayers, i));
        }
        return rows(all, enc.length());
    }

    /**
     * Samples of given layers on given accelerators (for held-out evaluation on built-in designs): on each
     * accelerator, layer i draws from pair stream i of the seed; pairs without a legal mapping are left out.
     */
    public static Dataset.Rows rows(Family family, List<Workload> layers, List<Architecture> accelerators, int perPair,
                                    long seed) {
        FeatureEncoder enc = new FeatureEncoder(family);
        List<PairData> all = new ArrayList<>();
        for (Architecture a : accelerators) {
            for (int i = 0; i < layers.size(); i++) {
                Mapspace ms;
                try {
                    ms = new Mapspace(layers.get(i), a, Constraints.NONE);
                } catch (NoLegalMappingException e) {
                    continue;
                }
                try (CostOracle oracle = CostOracles.analytical().open(ms, OracleOptions.DEFAULT)) {
                    all.add(samples(ms, enc.bind(ms), perPair, pairStream(seed, i), i, oracle));
                }
            }
        }
        return rows(all, enc.length());
    }

    /** Pairs' samples as one table of rows, each row's group its pair's index. */
    private static Dataset.Rows rows(List<PairData> pairs, int nf) {
        int n = pairs.stream().mapToInt(p -> p.x().length).sum();
        float[] x = new float[n * nf];
        float[] y = new float[n * Dataset.TARGETS];
        int[] g = new int[n];
        int r = 0;
        for (PairData pd : pairs) {
            for (int k = 0; k < pd.x().length; k++, r++) {
                System.arraycopy(pd.x()[k], 0, x, r * nf, nf);
                System.arraycopy(pd.y()[k], 0, y, r * Dataset.TARGETS, Dataset.TARGETS);
                g[r] = pd.index();
            }
        }
        return new Dataset.Rows(JsonNodeFactory.instance.objectNode(), nf, x, y, g);
    }

    /** Pair i's random stream, split from the root seed by the pair's index. */
    private static SplittableRandom pairStream(long seed, int index) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
    }

    /** The network layers pairs may draw: the held-out networks' when asked for, else the training networks'. */
    static List<Workload> networkLayers(Settings s, LayerSampler layers) {
        return s.heldOutLayers()
                ? LayerSampler.heldOutLayers().stream().map(l -> l.workload().withName(l.name())).toList()
                : layers.trainingNetworkLayers();
    }

    /** Pair i's samples; pairs without any legal mapping are drawn again from the same stream. */
    static PairData pair(Settings s, FeatureEncoder enc, LayerSampler layers, List<Workload> networkLayers, int index) {
        SplittableRandom rnd = pairStream(s.seed(), index);
        while (true) {
            Workload w = s.heldOutLayers() || rnd.nextInt(100) < NETWORK_SHARE_PERCENT
                    ? networkLayers.get(rnd.nextInt(networkLayers.size()))
                    : layers.sample(rnd, "l" + index);
            Architecture a = s.family().sample(rnd, s.split(), s.family().name() + "_" + index);
            Mapspace ms;
            try {
                ms = new Mapspace(w, a, Constraints.NONE);
            } catch (NoLegalMappingException e) {
                continue;
            }
            try (CostOracle oracle = s.oracle().open(ms, s.oracleOptions())) {
                return samples(ms, enc.bind(ms), s.perPair(), rnd, index, oracle);
            }
        }
    }

    static PairData samples(Mapspace ms, FeatureEncoder.Bound enc, int n, SplittableRandom rnd, int index,
                            CostOracle ev) {
        LowerBound lb = LowerBound.of(ms);
        Sampler sampler = new Sampler(ms);
        Moves moves = new Moves(ms);
        float[][] x = new float[n][];
        float[][] y = new float[n][];
        MapPoint p = ms.newPoint();
        MapPoint cur = ms.newPoint();
        double curScore = Double.POSITIVE_INFINITY;
        int uniform = n / 2;
        for (int k = 0; k < n; k++) {
            if (k < uniform) {
                sampler.uniform(p, rnd);
            } else {
                p.copyFrom(cur);
                moves.mutate(p, rnd);
                if (rnd.nextBoolean()) {
                    moves.mutate(p, rnd);
                }
            }
            Outcome o = ev.evaluate(p);
            x[k] = new float[enc.encoder().length()];
            enc.encode(p, x[k], 0);
            y[k] = targets(o, lb);
            double score = o.valid() ? y[k][0] + y[k][1] : Double.POSITIVE_INFINITY;
            double temperature = 0.5 * (1 - (double) (k - uniform) / Math.max(1, n - uniform)) + 0.02;
            if (score < curScore || (k >= uniform && score < Double.POSITIVE_INFINITY
                    && rnd.nextDouble() < Math.exp(-(score - curScore) / temperature))) {
                cur.copyFrom(p);
                curScore = score;
            }
        }
        return new PairData(index, x, y);
    }

    /** The training targets of an outcome (see {@link Dataset#TARGETS}). */
    static float[] targets(Outcome o, LowerBound lb) {
        if (!o.valid()) {
            return new float[] {0, 0, 0};
        }
        double e = Math.log(o.energyPj() / lb.energyPj());
        double c = Math.log((double) o.cycles() / lb.cycles());
        return new float[] {(float) e, (float) c, 1};
    }
}
