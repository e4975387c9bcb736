package org.mapwright.nn;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A multi-layer perceptron run with DJL (PyTorch engine): fully connected layers with ReLU between them and a
 * linear output. Made with given weights ({@link #withWeights}), loaded from a DJL parameter file ({@link #load}),
 * or by {@link Regressor} training. Thread-safe: predictions are serialised, each on its own NDArray scope.
 */
public final class Mlp implements AutoCloseable {

    /**
     * The network's shape.
     *
     * @param inputs   input width
     * @param hidden   hidden widths, in order
     * @param outputs  output width
     * @param lastBias whether the output layer has a bias
     */
    public record Spec(int inputs, List<Integer> hidden, int outputs, boolean lastBias) {
        public Spec {
            hidden = List.copyOf(hidden);
            if (inputs < 1 || outputs < 1 || hidden.stream().anyMatch(h -> h < 1)) {
                throw new IllegalArgumentException("Every layer of an MLP needs at least one unit; got " + inputs
                        + " inputs, hidden " + hidden + ", " + outputs + " outputs.");
            }
        }

        /** Widths of every layer, inputs first. */
        public int[] widths() {
            int[] w = new int[hidden.size() + 2];
            w[0] = inputs;
            for (int i = 0; i < hidden.size(); i++) {
                w[i + 1] = hidden.get(i);
            }
            w[w.length - 1] = outputs;
            return w;
        }

        SequentialBlock block() {
            SequentialBlock b = new SequentialBlock();
            for (int h : hidden) {
                b.add(Linear.builder().setUnits(h).build());
                b.add(Activation::relu);
            }
            b.add(Linear.builder().setUnits(outputs).optBias(lastBias).build());
            return b;
        }
    }

    private final Spec spec;
    private final Model model;
    private final ParameterStore store;

    Mlp(Spec spec, Model model) {
        this.spec = spec;
        this.model = model;
        this.store = new ParameterStore(model.getNDManager(), false);
    }

    static Model newModel(Spec spec, String name) {
        Engines.configure();
        Model m = Model.newInstance(name, "PyTorch");
        m.setBlock(spec.block());
        return m;
    }

    /**
     * An MLP with the given weights: {@code weights.get(i)} is layer i's matrix, [out][in] (y = W x + b), and
     * {@code biases.get(i)} its bias (null for the output layer when {@code spec.lastBias()} is false).
     */
    public static Mlp withWeights(Spec spec, List<float[][]> weights, List<float[]> biases) {
        int[] w = spec.widths();
        int layers = w.length - 1;
        if (weights.size() != layers || biases.size() != layers) {
            throw new IllegalArgumentException("An MLP of widths " + java.util.Arrays.toString(w) + " needs " + layers
                    + " weight matrices and biases, got " + weights.size() + " and " + biases.size() + ".");
        }
        Model m = newModel(spec, "mlp");
        m.getBlock().initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, spec.inputs()));
        List<Parameter> params = new ArrayList<>();
        m.getBlock().getParameters().forEach(p -> params.add(p.getValue()));
        int at = 0;
        for (int i = 0; i < layers; i++) {
            float[][] wi = weights.get(i);
            if (wi.length != w[i + 1] || wi[0].length != w[i]) {
                m.close();
                throw new IllegalArgumentException("Layer " + i + " needs a " + w[i + 1] + " x " + w[i]
                        + " weight matrix, got " + wi.length + " x " + wi[0].length + ".");
            }
            float[] flat = new float[w[i + 1] * w[i]];
            for (int r = 0; r < w[i + 1]; r++) {
                System.arraycopy(wi[r], 0, flat, r * w[i], w[i]);
            }
            params.get(at++).getArray().set(flat);
            boolean hasBias = i < layers - 1 || spec.lastBias();
            if (hasBias) {
                float[] b = Objects.requireNonNull(biases.get(i), "bias of layer " + i);
                if (b.length != w[i + 1]) {
                    m.close();
                    throw new IllegalArgumentException("Layer " + i + " needs " + w[i + 1] + " biases, got " + b.length + ".");
                }
                params.get(at++).getArray().set(b);
            }
        }
        return new Mlp(spec, m);
    }

    /** Loads the parameters {@code dir/name-0000.params} written by {@link #save}. */
    public static Mlp load(Spec spec, Path dir, String name) throws IOException {
        Model m = newModel(spec, name);
        // initialised first so that the block knows its input shape and can be saved again
        m.getBlock().initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, spec.inputs()));
        try {
            m.load(dir, name);
        } catch (MalformedModelException | IOException e) {
            m.close();
            throw new IOException("Cannot load the network parameters " + dir.resolve(name + "-0000.params") + ": "
                    + e.getMessage() + "; restore the file or train the model again.", e);
        }
        return new Mlp(spec, m);
    }

    /** Writes the parameters as {@code dir/name-0000.params}. */
    public void save(Path dir, String name) throws IOException {
        model.save(dir, name);
    }

    public Spec spec() {
        return spec;
    }

    Model model() {
        return model;
    }

    /** The outputs of {@code rows} inputs given row-major in {@code x}, row-major. */
    public synchronized float[] predict(float[] x, int rows) {
        if (x.length != rows * spec.inputs()) {
            throw new IllegalArgumentException("Expected " + rows + " x " + spec.inputs() + " inputs, got " + x.length + ".");
        }
        if (rows == 0) {
            return new float[0];
        }
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray in = m.create(x, new Shape(rows, spec.inputs()));
            return model.getBlock().forward(store, new NDList(in), false).singletonOrThrow().toFloatArray();
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
