package org.mapwright.surrogate;

import org.mapwright.nn.Engines;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mapwright.search.Metric;

/**
 * A trained surrogate: a folder with the network's DJL parameters ({@value #PARAMS_NAME}-0000.params) and
 * {@value #CONFIG_FILE} (the family, the encoder's length, hidden widths, feature and target normalisation,
 * provenance and metrics). The network maps z-scored {@link FeatureEncoder} features to three outputs: z-scored
 * log(energy / lower-bound energy), z-scored log(cycles / lower-bound cycles), and the logit of the mapping being
 * valid. Thread-safe to share; each search thread opens its own {@link Session}.
 */
public final class SurrogateModel {
    public static final String CONFIG_FILE = "surrogate.json";
    public static final String PARAMS_NAME = "surrogate";
    static final ObjectMapper JSON = new ObjectMapper();
    /** Held while a gradient is collected: the engine has one collector per process. */
    static final Object GRADIENTS = Engines.GRADIENTS;

    private final Path dir;
    private final Config config;
    private final Family family;
    private final FeatureEncoder encoder;

    /**
     * The model's description.
     *
     * @param format       folder format (1)
     * @param family       the accelerator family
     * @param features     feature vector length
     * @param hidden       hidden layer widths
     * @param featureMean  per feature, for z-scoring
     * @param featureStd   per feature (1 where constant)
     * @param targetMean   of the two regression targets
     * @param targetStd    of the two regression targets
     * @param provenance   how it was made (seed, data, commit, command)
     * @param metrics      validation and held-out figures
     */
    public record Config(int format, String family, int features, List<Integer> hidden, float[] featureMean,
                         float[] featureStd, float[] targetMean, float[] targetStd, JsonNode provenance, JsonNode metrics) {
    }

    private SurrogateModel(Path dir, Config config, Family family) {
        this.dir = dir;
        this.config = config;
        this.family = family;
        this.encoder = new FeatureEncoder(family);
    }

    /** Loads a model folder; throws an IOException that says what is wrong with it. */
    public static SurrogateModel load(Path dir) throws IOException {
        Path cfg = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(cfg)) {
            throw new IOException(dir + " is not a surrogate model folder: it has no " + CONFIG_FILE
                    + ". Train one with `mapwright surrogate train`.");
        }
        Config c = JSON.readValue(cfg.toFile(), Config.class);
        Family f = Family.byName(c.family()).orElseThrow(() -> new IOException(cfg + " names family `" + c.family()
                + "`, which this Mapwright does not know."));
        FeatureEncoder enc = new FeatureEncoder(f);
        if (c.features() != enc.length() || c.featureMean().length != enc.length() || c.featureStd().length != enc.length()) {
            throw new IOException(cfg + " expects " + c.features() + " features but the " + f.name()
                    + " encoder makes " + enc.length() + "; retrain the model with this version.");
        }
        if (!Files.isRegularFile(dir.resolve(PARAMS_NAME + "-0000.params"))) {
            throw new IOException(dir + " has no " + PARAMS_NAME + "-0000.params; the model folder is incomplete.");
        }
        return new SurrogateModel(dir, c, f);
    }

    public Config config() {
        return config;
    }

    public Family family() {
        return family;
    }

    public FeatureEncoder encoder() {
        return encoder;
    }

    public Path dir() {
        return dir;
    }

    /** The network: Linear and ReLU per hidden width, then three outputs. */
    static SequentialBlock network(List<Integer> hidden) {
        SequentialBlock b = new SequentialBlock();
        for (int h : hidden) {
            b.add(Linear.builder().setUnits(h).build());
            b.add(Activation::relu);
        }
        b.add(Linear.builder().setUnits(Dataset.TARGETS).build());
        return b;
    }

    /** A per-thread evaluator holding its own copy of the network. */
    public Session open() {
        return new Session();
    }

    /** Predictions and input gradients in batches. Not thread-safe; close it when done. */
    public final class Session implements AutoCloseable {
        private final Model model;
        private final NDManager manager;
        private final ParameterStore store;
        private final NDArray mean;
        private final NDArray std;
        private final NDArray outScale;
        private final NDArray outShift;
        private final int nf;
        private boolean closed;

        Session() {
            Engines.configure();
            model = Model.newInstance("surrogate-" + family.name(), "PyTorch");
            model.setBlock(network(config.hidden()));
            try {
                model.load(dir, PARAMS_NAME);
            } catch (IOException | MalformedModelException e) {
                model.close();
                throw new IllegalStateException("Cannot load the surrogate parameters in " + dir + ": " + e.getMessage(), e);
            }
            manager = model.getNDManager().newSubManager();
            store = new ParameterStore(manager, false);
            nf = config.features();
            mean = manager.create(config.featureMean());
            std = manager.create(config.featureStd());
            float[] tm = config.targetMean();
            float[] ts = config.targetStd();
            outScale = manager.create(new float[] {ts[0], ts[1], 1});
            outShift = manager.create(new float[] {tm[0], tm[1], 0});
        }

        /**
         * The predicted objective of each row (log of the metric over its lower bound, plus {@code penalty} times
         * -log P(valid)); when {@code grad} is not null, also its gradient with respect to the raw features.
         */
        public float[] objective(float[] x, int rows, Metric metric, float penalty, float[] grad) {
            try (NDManager m = manager.newSubManager()) {
                NDArray in = m.create(x, new Shape(rows, nf));
                if (grad == null) {
                    return score(in, metric, penalty).toFloatArray();
                }
                // DJL's PyTorch engine allows one gradient collector at a time in the whole process
                synchronized (GRADIENTS) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        in.setRequiresGradient(true);
                        NDArray s = score(in, metric, penalty);
                        float[] out = s.toFloatArray();
                        gc.backward(s.sum());
                        float[] g = in.getGradient().toFloatArray();
                        System.arraycopy(g, 0, grad, 0, rows * nf);
                        return out;
                    }
                }
            }
        }

        /** Raw predictions per row: log energy ratio, log cycles ratio, validity logit. */
        public float[] predict(float[] x, int rows) {
            try (NDManager m = manager.newSubManager()) {
                return forward(m.create(x, new Shape(rows, nf))).toFloatArray();
            }
        }

        /** The network's outputs with the two cost ratios de-normalised (the validity logit as it is). */
        private NDArray forward(NDArray in) {
            NDArray z = in.sub(mean).div(std);
            NDArray out = model.getBlock().forward(store, new NDList(z), false).singletonOrThrow();
            return out.mul(outScale).add(outShift);
        }

        private NDArray score(NDArray in, Metric metric, float penalty) {
            NDArray out = forward(in);
            NDArray e = out.get(":, 0");
            NDArray c = out.get(":, 1");
            NDArray s = switch (metric) {
                case ENERGY -> e;
                case DELAY -> c;
                default -> e.add(c);
            };
            if (penalty > 0) {
                NDArray logit = out.get(":, 2");
                // -log sigmoid(z) = softplus(-z), computed stably
                NDArray nll = logit.neg().maximum(0f).add(logit.abs().neg().exp().add(1f).log());
                s = s.add(nll.mul(penalty));
            }
            return s;
        }

        /** Frees the native memory; later calls do nothing. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            manager.close();
            model.close();
        }
    }
}
