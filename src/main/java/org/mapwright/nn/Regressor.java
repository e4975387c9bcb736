package org.mapwright.nn;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.CosineTracker;
import ai.djl.util.RandomUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A trained regressor: an {@link Mlp} on z-scored features predicting z-scored targets, with its normalisation,
 * provenance and metrics saved together ({@value #CONFIG} and {@value #PARAMS}-0000.params in one folder).
 *
 * <p>Training ({@link #train}): mean-squared error, Adam with a cosine learning-rate schedule, rows whose group is
 * a multiple of {@code validationEvery} held out for validation (whole groups, so a validation group is unseen), the
 * epoch with the lowest validation loss kept, early stop after {@code patience} epochs without improvement. The
 * same data and seed give the same model on the same machine.
 */
public final class Regressor implements AutoCloseable {
    public static final String CONFIG = "regressor.json";
    public static final String PARAMS = "regressor";
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Training settings.
     *
     * @param hidden          hidden widths
     * @param epochs          at most this many passes over the training rows
     * @param batch           rows per step
     * @param lr              initial learning rate (cosine decay to 2% of it)
     * @param patience        epochs without a better validation loss before stopping
     * @param validationEvery groups whose index is a multiple of this are validation; 0 for none (then the last
     *                        epoch is kept)
     * @param seed            seed of initialisation and shuffling
     * @param threads         intra-op threads for training
     * @param weightDecay     L2 weight decay of Adam (0 for none)
     */
    public record Settings(List<Integer> hidden, int epochs, int batch, float lr, int patience, int validationEvery,
                           long seed, int threads, float weightDecay) {
        public Settings {
            hidden = List.copyOf(hidden);
            if (epochs < 1 || batch < 1 || !(lr > 0) || patience < 1 || validationEvery < 0 || threads < 1
                    || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("Training needs epochs, batch, patience and threads of at least 1, "
                        + "a positive learning rate, validationEvery >= 0 and weight decay >= 0.");
            }
        }
    }

    /** What training reached: epochs run, the kept epoch, its validation loss (z-scored MSE), wall seconds. */
    public record Result(int epochs, int bestEpoch, double validationLoss, int trainRows, int validationRows,
                         double seconds) {
    }

    private final Mlp mlp;
    private final float[] xMean;
    private final float[] xStd;
    private final float[] yMean;
    private final float[] yStd;
    private final ObjectNode info;

    private Regressor(Mlp mlp, float[] xMean, float[] xStd, float[] yMean, float[] yStd, ObjectNode info) {
        this.mlp = mlp;
        this.xMean = xMean;
        this.xStd = xStd;
        this.yMean = yMean;
        this.yStd = yStd;
        this.info = info;
    }

    public int inputs() {
        return mlp.spec().inputs();
    }

    public int outputs() {
        return mlp.spec().outputs();
    }

    /** Provenance and metrics given at training, as saved. */
    public ObjectNode info() {
        return info.deepCopy();
    }

    /** Predictions for {@code rows} rows of raw features (row-major), in target units, row-major. */
    public float[] predict(float[] x, int rows) {
        int nf = inputs();
        float[] z = new float[x.length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < nf; j++) {
                z[r * nf + j] = (x[r * nf + j] - xMean[j]) / xStd[j];
            }
        }
        float[] out = mlp.predict(z, rows);
        int no = outputs();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < no; j++) {
                out[r * no + j] = out[r * no + j] * yStd[j] + yMean[j];
            }
        }
        return out;
    }

    /**
     * Trains on {@code rows} rows: features {@code x} (row-major, {@code nf} per row), targets {@code y} (row-major),
     * and a group per row for the validation split. {@code info} is saved with the model (provenance).
     */
    public static Trained train(float[] x, float[] y, int[] group, int nf, Settings s, ObjectNode info,
                                Consumer<String> progress) throws IOException {
        int rows = group.length;
        int no = y.length / Math.max(1, rows);
        if (rows == 0 || x.length != rows * nf || y.length != rows * no || no < 1) {
            throw new IllegalArgumentException("Training needs at least one row with " + nf + " features and one target; got "
                    + rows + " rows, " + x.length + " feature values and " + y.length + " target values.");
        }
        Engines.configureForTraining(s.threads());
        long start = System.nanoTime();
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            (s.validationEvery() > 0 && group[r] % s.validationEvery() == 0 ? val : train).add(r);
        }
        if (train.isEmpty()) {
            throw new IllegalArgumentException("Every row fell into validation; give more groups or a larger validationEvery.");
        }
        float[][] xs = stats(x, nf, train);
        float[][] ys = stats(y, no, train);
        float[] xz = normalise(x, nf, xs);
        float[] yz = normalise(y, no, ys);
        Mlp.Spec spec = new Mlp.Spec(nf, s.hidden(), no, true);
        RandomUtils.RANDOM.setSeed(s.seed());
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) s.seed());
        int steps = Math.max(1, s.epochs() * ((train.size() + s.batch() - 1) / s.batch()));
        Optimizer adam = Optimizer.adam().optLearningRateTracker(CosineTracker.builder().setBaseValue(s.lr())
                .optFinalValue(s.lr() * 0.02f).setMaxUpdates(steps).build()).optWeightDecays(s.weightDecay()).build();
        Path work = Files.createTempDirectory("mapwright-regressor");
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int epoch = 0;
        Model model = Mlp.newModel(spec, PARAMS);
        try (ai.djl.training.Trainer t = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam))) {
            t.initialize(new Shape(1, nf));
            SplittableRandom rnd = new SplittableRandom(s.seed());
            int[] order = train.stream().mapToInt(Integer::intValue).toArray();
            int[] vorder = val.stream().mapToInt(Integer::intValue).toArray();
            for (epoch = 1; epoch <= s.epochs(); epoch++) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    int tmp = order[i];
                    order[i] = order[j];
                    order[j] = tmp;
                }
                double sum = 0;
                for (int b = 0; b < order.length; b += s.batch()) {
                    int n = Math.min(s.batch(), order.length - b);
                    sum += step(t, xz, yz, nf, no, order, b, n) * n;
                    t.step();
                }
                double vl = vorder.length == 0 ? sum / order.length : mse(t, xz, yz, nf, no, vorder);
                progress.accept(String.format("train: epoch %d/%d, train loss %.4f, validation loss %.4f, %.0f s",
                        epoch, s.epochs(), sum / order.length, vl, (System.nanoTime() - start) / 1e9));
                if (vl < best - 1e-6 || vorder.length == 0) {
                    best = vl;
                    bestEpoch = epoch;
                    model.save(work, PARAMS);
                } else if (epoch - bestEpoch >= s.patience()) {
                    break;
                }
            }
        }
        model.close();
        Mlp kept = Mlp.load(spec, work, PARAMS);
        org.mapwright.files.Trees.delete(work);
        Result r = new Result(Math.min(epoch, s.epochs()), bestEpoch, best, train.size(), val.size(),
                (System.nanoTime() - start) / 1e9);
        ObjectNode i = info == null ? JSON.createObjectNode() : info.deepCopy();
        i.set("training", JSON.valueToTree(r));
        return new Trained(new Regressor(kept, xs[0], xs[1], ys[0], ys[1], i), r);
    }

    /** A freshly trained regressor and how training went. */
    public record Trained(Regressor regressor, Result result) {
    }

    private static double step(ai.djl.training.Trainer t, float[] xz, float[] yz, int nf, int no, int[] order, int from,
                               int n) {
        synchronized (Engines.GRADIENTS) {
            try (NDManager m = t.getManager().newSubManager(); GradientCollector gc = t.newGradientCollector()) {
                NDArray x = m.create(gather(xz, nf, order, from, n), new Shape(n, nf));
                NDArray y = m.create(gather(yz, no, order, from, n), new Shape(n, no));
                NDArray pred = t.forward(new NDList(x)).singletonOrThrow();
                NDArray loss = pred.sub(y).square().mean();
                double v = loss.getFloat();
                gc.backward(loss);
                return v;
            }
        }
    }

    private static double mse(ai.djl.training.Trainer t, float[] xz, float[] yz, int nf, int no, int[] rows) {
        double sum = 0;
        for (int b = 0; b < rows.length; b += 4096) {
            int n = Math.min(4096, rows.length - b);
            try (NDManager m = t.getManager().newSubManager()) {
                NDArray x = m.create(gather(xz, nf, rows, b, n), new Shape(n, nf));
                float[] p = t.evaluate(new NDList(x)).singletonOrThrow().toFloatArray();
                float[] y = gather(yz, no, rows, b, n);
                for (int k = 0; k < p.length; k++) {
                    sum += (p[k] - y[k]) * (double) (p[k] - y[k]);
                }
            }
        }
        return sum / ((double) rows.length * no);
    }

    private static float[] gather(float[] a, int w, int[] rows, int from, int n) {
        float[] out = new float[n * w];
        for (int k = 0; k < n; k++) {
            System.arraycopy(a, rows[from + k] * w, out, k * w, w);
        }
        return out;
    }

    /** Column means [0] and standard deviations [1] (1 where a column is constant) over the given rows. */
    static float[][] stats(float[] a, int w, List<Integer> rows) {
        double[] sum = new double[w];
        double[] sq = new double[w];
        for (int r : rows) {
            for (int j = 0; j < w; j++) {
                double v = a[r * w + j];
                sum[j] += v;
                sq[j] += v * v;
            }
        }
        float[] mean = new float[w];
        float[] std = new float[w];
        for (int j = 0; j < w; j++) {
            double m = sum[j] / rows.size();
            double var = Math.max(0, sq[j] / rows.size() - m * m);
            mean[j] = (float) m;
            std[j] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
        }
        return new float[][] {mean, std};
    }

    private static float[] normalise(float[] a, int w, float[][] st) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (a[i] - st[0][i % w]) / st[1][i % w];
        }
        return out;
    }

    /** Saves the model to {@code dir} (created if needed): {@value #CONFIG} and the parameters. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        mlp.save(dir, PARAMS);
        ObjectNode c = JSON.createObjectNode();
        c.put("format", 1);
        c.set("spec", JSON.valueToTree(mlp.spec()));
        c.set("x_mean", JSON.valueToTree(xMean));
        c.set("x_std", JSON.valueToTree(xStd));
        c.set("y_mean", JSON.valueToTree(yMean));
        c.set("y_std", JSON.valueToTree(yStd));
        c.set("info", info);
        org.mapwright.files.AtomicFiles.write(dir.resolve(CONFIG), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c));
    }

    /** Loads a model saved by {@link #save}. */
    public static Regressor load(Path dir) throws IOException {
        Path cfg = dir.resolve(CONFIG);
        if (!Files.isRegularFile(cfg)) {
            throw new IOException("There is no trained model in " + dir + " (no " + CONFIG + "); train one first.");
        }
        JsonNode c = JSON.readTree(cfg.toFile());
        Mlp.Spec spec = JSON.treeToValue(c.path("spec"), Mlp.Spec.class);
        float[] xm = JSON.treeToValue(c.path("x_mean"), float[].class);
        float[] xsd = JSON.treeToValue(c.path("x_std"), float[].class);
        float[] ym = JSON.treeToValue(c.path("y_mean"), float[].class);
        float[] ysd = JSON.treeToValue(c.path("y_std"), float[].class);
        if (xm.length != spec.inputs() || xsd.length != spec.inputs() || ym.length != spec.outputs()
                || ysd.length != spec.outputs()) {
            throw new IOException(cfg + " does not fit its network's shape; train the model again.");
        }
        ObjectNode info = c.path("info") instanceof ObjectNode o ? o : JSON.createObjectNode();
        return new Regressor(Mlp.load(spec, dir, PARAMS), xm, xsd, ym, ysd, info);
    }

    @Override
    public void close() {
        mlp.close();
    }
}
