package org.mapwright.surrogate;

import org.mapwright.nn.Engines;

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
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains a surrogate on a {@link Dataset} with DJL (PyTorch engine): an MLP on z-scored features, Smooth-L1 loss on
 * the two z-scored log cost ratios of valid samples plus half the binary cross-entropy of validity on all samples;
 * Adam with a cosine learning-rate schedule; pairs whose index is a multiple of {@value #VALIDATION_EVERY} form the
 * validation set (whole pairs, so validation layers and accelerators are unseen); the epoch with the lowest
 * validation loss is kept, and training stops after {@code patience} epochs without improvement. The same seed and
 * data give the same model on the same machine (PyTorch's CPU kernels can differ in the last bits across CPUs).
 */
public final class Trainer {
    static final int VALIDATION_EVERY = 10;
    /** Mappings per pair of the held-out sets measured after training. */
    static final int HELD_OUT_PER_PAIR = 50;

    /**
     * @param hidden   hidden layer widths
     * @param epochs   most epochs
     * @param batch    batch size
     * @param lr       peak learning rate
     * @param patience epochs without validation improvement before stopping
     * @param seed     shuffling and initialisation seed
     * @param threads  PyTorch threads
     * @param heldOutPairs pairs per {@link HeldOut} set measured after training and stored with the metrics (0: none)
     */
    public record Settings(List<Integer> hidden, int epochs, int batch, float lr, int patience, long seed, int threads,
                           int heldOutPairs) {
        public Settings {
            hidden = List.copyOf(hidden);
            if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h < 1) || epochs < 1 || batch < 1 || !(lr > 0)
                    || patience < 1 || threads < 1) {
                throw new IllegalArgumentException("Training needs hidden widths, epochs, batch, patience and threads "
                        + "of at least 1 and a positive learning rate.");
            }
            if (heldOutPairs < 0) {
                throw new IllegalArgumentException("Held-out pairs must not be negative, got " + heldOutPairs + ".");
            }
        }

        /** Without the held-out measurement. */
        public Settings(List<Integer> hidden, int epochs, int batch, float lr, int patience, long seed, int threads) {
            this(hidden, epochs, batch, lr, patience, seed, threads, 0);
        }
    }

    /** What training measured on the validation pairs at the kept epoch. */
    public record Result(int epochs, int bestEpoch, double validationLoss, Metrics.Accuracy validation, long trainRows,
                         long validationRows, double seconds,
                         @JsonIgnore Map<String, Metrics.Accuracy> heldOut) {
    }

    private Trainer() {
    }

    /** Trains on {@code data} and writes the model folder {@code out} (atomically: built beside it, then moved). */
    public static Result train(Dataset.Rows data, Settings s, Path out, ObjectNode provenance, Consumer<String> progress)
            throws IOException {
        Engines.configureForTraining(s.threads());
        long start = System.nanoTime();
        String familyName = data.meta().path("family").asText();
        Family family = Family.byName(familyName).orElseThrow(() -> new IOException("The dataset's family `"
                + familyName + "` is unknown."));
        int nf = data.features();
        if (nf != new FeatureEncoder(family).length()) {
            throw new IOException("The dataset has " + nf + " features but the " + familyName
                    + " encoder makes " + new FeatureEncoder(family).length() + "; generate it again.");
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        for (int r = 0; r < data.size(); r++) {
            (data.group()[r] % VALIDATION_EVERY == 0 ? val : train).add(r);
        }
        if (train.isEmpty() || val.isEmpty()) {
            throw new IOException("The dataset needs at least " + VALIDATION_EVERY + " pairs so that some go to "
                    + "validation; it has " + (train.isEmpty() ? "no training" : "no validation") + " rows.");
        }
        float[] mean = new float[nf];
        float[] std = new float[nf];
        Metrics.columnStats(data.x(), nf, train, mean, std);
        float[] tm = new float[2];
        float[] ts = new float[2];
        Metrics.targetStats(data.y(), train, tm, ts);
        float[] xs = Metrics.normalise(data.x(), nf, mean, std);
        float[] ys = Metrics.normaliseTargets(data.y(), tm, ts);

        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path work = Files.createTempDirectory(parent, out.getFileName() + ".training");
        RandomUtils.RANDOM.setSeed(s.seed());
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) s.seed());
        int steps = Math.max(1, s.epochs() * ((train.size() + s.batch() - 1) / s.batch()));
        Optimizer adam = Optimizer.adam().optLearningRateTracker(CosineTracker.builder().setBaseValue(s.lr())
                .optFinalValue(s.lr() * 0.02f).setMaxUpdates(steps).build()).build();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        int epoch = 0;
        try (Model model = Model.newInstance("surrogate-" + familyName, "PyTorch")) {
            model.setBlock(SurrogateModel.network(s.hidden()));
            try (ai.djl.training.Trainer t = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam))) {
                t.initialize(new Shape(1, nf));
                SplittableRandom rnd = new SplittableRandom(s.seed());
                int[] order = train.stream().mapToInt(Integer::intValue).toArray();
                for (epoch = 1; epoch <= s.epochs(); epoch++) {
                    shuffle(order, rnd);
                    double sum = 0;
                    int batches = 0;
                    for (int b = 0; b < order.length; b += s.batch()) {
                        int n = Math.min(s.batch(), order.length - b);
                        sum += batch(t, xs, ys, nf, order, b, n);
                        batches++;
                        t.step();
                    }
                    double vl = validationLoss(t, xs, ys, nf, val);
                    progress.accept(String.format("surrogate train: epoch %d/%d, train loss %.4f, validation loss %.4f, %.0f s",
                            epoch, s.epochs(), sum / Math.max(1, batches), vl, (System.nanoTime() - start) / 1e9));
                    if (vl < bestLoss - 1e-5) {
                        bestLoss = vl;
                        bestEpoch = epoch;
                        model.save(work, SurrogateModel.PARAMS_NAME);
                        Path saved = work.resolve(SurrogateModel.PARAMS_NAME + "-0000.params");
                        Files.move(saved, work.resolve("best.params"), StandardCopyOption.REPLACE_EXISTING);
                    } else if (epoch - bestEpoch >= s.patience()) {
                        break;
                    }
                }
            }
        }
        epoch = Math.min(epoch, s.epochs());
        Files.move(work.resolve("best.params"), work.resolve(SurrogateModel.PARAMS_NAME + "-0000.params"),
                StandardCopyOption.REPLACE_EXISTING);
        SurrogateModel.Config cfg0 = new SurrogateModel.Config(1, familyName, nf, s.hidden(), mean, std, tm, ts,
                provenance, SurrogateModel.JSON.createObjectNode());
        SurrogateModel.JSON.writerWithDefaultPrettyPrinter().writeValue(work.resolve(SurrogateModel.CONFIG_FILE).toFile(), cfg0);
        SurrogateModel sm = SurrogateModel.load(work);
        Metrics.Accuracy acc = Metrics.accuracy(sm, data, val);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Metrics.Accuracy> heldOut = s.heldOutPairs() > 0
                ? HeldOut.evaluate(sm, s.heldOutPairs(), HELD_OUT_PER_PAIR, s.seed()) : Map.of();
        Result r = new Result(epoch, bestEpoch, bestLoss, acc, train.size(), val.size(), seconds, heldOut);
        ObjectNode metrics = SurrogateModel.JSON.createObjectNode();
        metrics.set("validation", SurrogateModel.JSON.valueToTree(r));
        if (!heldOut.isEmpty()) {
            metrics.set("held_out", SurrogateModel.JSON.valueToTree(heldOut));
        }
        SurrogateModel.Config cfg = new SurrogateModel.Config(1, familyName, nf, s.hidden(), mean, std, tm, ts,
                provenance, metrics);
        SurrogateModel.JSON.writerWithDefaultPrettyPrinter().writeValue(work.resolve(SurrogateModel.CONFIG_FILE).toFile(), cfg);
        replaceFolder(work, out);
        return r;
    }

    /** Replaces {@code out} with {@code work}: the old folder is moved aside first and deleted last. */
    static void replaceFolder(Path work, Path out) throws IOException {
        try (var files = Files.list(work)) {
            for (Path f : files.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the defaults stay
        }
        try {
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // as above
        }
        Path old = null;
        if (Files.exists(out)) {
            old = Files.createTempDirectory(out.toAbsolutePath().getParent(), out.getFileName() + ".old");
            Files.delete(old);
            Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(work, out, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            org.mapwright.files.Trees.delete(old);
        }
    }

    /** One batch's forward and backward pass; returns its loss. */
    private static double batch(ai.djl.training.Trainer t, float[] xs, float[] ys, int nf, int[] order, int from, int n) {
        // DJL's PyTorch engine allows one gradient collector at a time in the whole process
        synchronized (SurrogateModel.GRADIENTS) {
            try (NDManager m = t.getManager().newSubManager();
                 GradientCollector gc = t.newGradientCollector()) {
                NDArray x = m.create(gather(xs, nf, order, from, n), new Shape(n, nf));
                NDArray y = m.create(gather(ys, Dataset.TARGETS, order, from, n), new Shape(n, Dataset.TARGETS));
                NDArray pred = t.forward(new NDList(x)).singletonOrThrow();
                NDArray loss = loss(pred, y);
                double v = loss.getFloat();
                gc.backward(loss);
                return v;
            }
        }
    }

    /** Smooth-L1 on the regression targets of valid rows, plus half the validity cross-entropy on all rows. */
    static NDArray loss(NDArray pred, NDArray y) {
        NDArray valid = y.get(":, 2");
        NDArray d = pred.get(":, 0:2").sub(y.get(":, 0:2")).abs();
        NDArray smooth = ai.djl.ndarray.NDArrays.where(d.lt(1f), d.square().mul(0.5f), d.sub(0.5f)).sum(new int[] {1});
        NDArray reg = smooth.mul(valid).sum().div(valid.sum().maximum(1f));
        NDArray z = pred.get(":, 2");
        NDArray bce = z.maximum(0f).sub(z.mul(valid)).add(z.abs().neg().exp().add(1f).log()).mean();
        return reg.add(bce.mul(0.5f));
    }

    private static double validationLoss(ai.djl.training.Trainer t, float[] xs, float[] ys, int nf, List<Integer> val) {
        int[] rows = val.stream().mapToInt(Integer::intValue).toArray();
        double sum = 0;
        int n = 0;
        for (int b = 0; b < rows.length; b += 4096) {
            int k = Math.min(4096, rows.length - b);
            try (NDManager m = t.getManager().newSubManager()) {
                NDArray x = m.create(gather(xs, nf, rows, b, k), new Shape(k, nf));
                NDArray y = m.create(gather(ys, Dataset.TARGETS, rows, b, k), new Shape(k, Dataset.TARGETS));
                NDArray pred = t.evaluate(new NDList(x)).singletonOrThrow();
                sum += loss(pred, y).getFloat() * k;
                n += k;
            }
        }
        return sum / n;
    }

    static float[] gather(float[] a, int width, int[] rows, int from, int n) {
        float[] out = new float[n * width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, rows[from + i] * width, out, i * width, width);
        }
        return out;
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
