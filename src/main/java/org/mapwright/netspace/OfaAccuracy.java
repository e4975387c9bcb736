package org.mapwright.netspace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mapwright.nn.Engines;
import org.mapwright.nn.ModelFolders;

/**
 * OFA's MobileNetV3 accuracy predictor (Cai et al., "Once-for-All: Train One Network and Specialize it for Efficient
 * Deployment", ICLR 2020; MIT license): an MLP 128-400-400-400-1 with ReLU on the hidden layers, from a subnet's
 * {@link OfaSubnet#features() 128 features} to its predicted ImageNet top-1 (a fraction), run with DJL.
 *
 * <p>The weights ship in {@code models/}{@value #FOLDER} (see its README for source and conversion). They are found
 * as every shipped model ({@link ModelFolders}): the folder {@value #FOLDER} of the directory named by the system
 * property {@code mapwright.models} or the environment variable {@code MAPWRIGHT_MODELS}; else {@code models/}{@value
 * #FOLDER} under the working directory (a checkout); else the copy in the jar. Predictions run in batches, any number
 * of threads at once.
 */
public final class OfaAccuracy implements AccuracyModel, AutoCloseable {
    /** The model's folder name under {@code models/}. */
    public static final String FOLDER = "ofa_mbv3_accuracy";
    private static OfaAccuracy shared;

    private final NDManager manager;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> biases = new ArrayList<>();
    private final List<Boolean> relu = new ArrayList<>();

    private OfaAccuracy(MlpFile mlp) {
        Engines.configure();
        manager = NDManager.newBaseManager();
        int in = OfaSubnet.FEATURES;
        for (MlpFile.Dense d : mlp.layers()) {
            if (d.in() != in) {
                manager.close();
                throw new IllegalArgumentException("The accuracy predictor's layers do not chain: a layer takes " + d.in()
                        + " inputs after one with " + in + " outputs; restore models/" + FOLDER + ".");
            }
            weights.add(manager.create(d.weight(), new Shape(d.out(), d.in())).transpose());
            biases.add(manager.create(d.bias(), new Shape(d.out())));
            relu.add(d.activation().equals("relu"));
            in = d.out();
        }
        if (in != 1) {
            manager.close();
            throw new IllegalArgumentException("The accuracy predictor must end in one output, got " + in + ".");
        }
    }

    /** The shipped predictor, loaded once per JVM from the place described above. */
    public static synchronized OfaAccuracy shared() {
        if (shared == null) {
            try {
                ModelFolders.Place place = ModelFolders.locate(FOLDER, MlpFile.CONFIG);
                if (place instanceof ModelFolders.OnDisk d) {
                    shared = load(d.dir());
                } else {
                    shared = new OfaAccuracy(MlpFile.read("classpath:/models/" + FOLDER, OfaAccuracy::packaged));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    static InputStream packaged(String name) throws IOException {
        InputStream in = ModelFolders.open(FOLDER, name).orElse(null);
        if (in == null) {
            throw new IOException("The OFA accuracy predictor is not in this build (models/" + FOLDER + "/" + name
                    + " missing); run from a checkout or set " + ModelFolders.PROPERTY + " to a models folder.");
        }
        return in;
    }

    /** The predictor in a folder holding {@code model.json} and {@code weights.f32}. */
    public static OfaAccuracy load(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(MlpFile.CONFIG))) {
            throw new IOException("No OFA accuracy predictor in " + dir + " (" + MlpFile.CONFIG + " missing); point "
                    + ModelFolders.PROPERTY + " at a folder holding " + FOLDER + "/.");
        }
        return new OfaAccuracy(MlpFile.read(dir.toString(), name -> Files.newInputStream(dir.resolve(name))));
    }

    @Override
    public String name() {
        return "ofa-mbv3-predictor";
    }

    /** @throws IllegalArgumentException for a candidate of another space */
    @Override
    public double[] predict(List<NetCandidate> candidates) {
        List<OfaSubnet> s = new ArrayList<>(candidates.size());
        for (NetCandidate c : candidates) {
            if (!(c instanceof OfaCandidate o)) {
                throw new IllegalArgumentException("OFA's accuracy predictor covers space " + OfaSpace.NAME
                        + " only; got a candidate of space " + c.spaceName() + ".");
            }
            s.add(o.subnet());
        }
        return predictSubnets(s);
    }

    /** Predicted top-1 of subnets at any OFA resolution (128 to 224 in steps of 4). */
    public double[] predictSubnets(List<OfaSubnet> subnets) {
        float[][] x = new float[subnets.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = subnets.get(i).features();
        }
        return predictFeatures(x);
    }

    /** Predicted top-1 of feature vectors of length 128. */
    public double[] predictFeatures(float[][] features) {
        if (features.length == 0) {
            return new double[0];
        }
        float[] flat = new float[features.length * OfaSubnet.FEATURES];
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != OfaSubnet.FEATURES) {
                throw new IllegalArgumentException("Feature vector " + i + " has " + features[i].length
                        + " values; OFA's predictor takes " + OfaSubnet.FEATURES + ".");
            }
            System.arraycopy(features[i], 0, flat, i * OfaSubnet.FEATURES, OfaSubnet.FEATURES);
        }
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(flat, new Shape(features.length, OfaSubnet.FEATURES));
            for (int l = 0; l < weights.size(); l++) {
                x = x.matMul(weights.get(l)).add(biases.get(l));
                if (relu.get(l)) {
                    x = Activation.relu(x);
                }
            }
            float[] y = x.toFloatArray();
            double[] out = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                out[i] = y[i];
            }
            return out;
        }
    }

    /** Frees the weights; the {@link #shared()} instance is never closed. */
    @Override
    public synchronized void close() {
        if (this != shared) {
            manager.close();
        }
    }
}
