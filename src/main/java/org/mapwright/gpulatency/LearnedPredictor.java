package org.mapwright.gpulatency;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.mapwright.netspace.OfaSubnet;
import org.mapwright.nn.Regressor;

/**
 * The hardware-generalising predictor of the paper's GPU setting: one MLP over (subnet encoding, device parameters)
 * predicting ln(latency / ms), trained on the training devices' measurements only. Inputs: OFA's 128-input one-hot
 * subnet encoding ({@link OfaSubnet#features()}), then any derived per-subnet numbers (the study's are ln MACs and
 * ln Note10 table latency; they use no GPU measurement), then {@link GpuDevice#parameters()} (log spec-sheet
 * numbers and log batch size).
 */
public final class LearnedPredictor {
    private LearnedPredictor() {
    }

    /**
     * Training rows: one per (training device, subnet).
     *
     * @param x      features, row-major, {@link #features(int)} per row
     * @param y      ln(latency / ms), one per row
     * @param group  the subnet's position in the data, per row (validation holds out whole subnets)
     * @param device the device of each row
     */
    public record Rows(float[] x, float[] y, int[] group, List<GpuDevice> device, int features) {
        public Rows {
            device = List.copyOf(device);
        }

        public int size() {
            return group.length;
        }
    }

    /** Inputs per row with {@code derived} derived numbers per subnet. */
    public static int features(int derived) {
        return OfaSubnet.FEATURES + derived + GpuDevice.PARAMETERS;
    }

    /** The inputs of one subnet, with its derived numbers, on one device. */
    public static float[] features(OfaSubnet s, double[] derived, GpuDevice d) {
        float[] x = java.util.Arrays.copyOf(s.features(), features(derived.length));
        for (int j = 0; j < derived.length; j++) {
            x[OfaSubnet.FEATURES + j] = (float) derived[j];
        }
        double[] p = d.parameters();
        for (int j = 0; j < p.length; j++) {
            x[OfaSubnet.FEATURES + derived.length + j] = (float) p[j];
        }
        return x;
    }

    /**
     * The training rows of the given devices over every subnet of {@code data} ({@code derived[a]}: the derived
     * numbers of subnet a); no other device contributes.
     */
    public static Rows trainingRows(HelpOfaData data, double[][] derived, List<GpuDevice> train) {
        List<HelpOfaData.Arch> archs = data.archs();
        int nf = features(derived.length == 0 ? 0 : derived[0].length);
        int n = archs.size() * train.size();
        float[] x = new float[n * nf];
        float[] y = new float[n];
        int[] g = new int[n];
        GpuDevice[] dev = new GpuDevice[n];
        int r = 0;
        for (GpuDevice d : train) {
            int col = GpuDevices.all().indexOf(d);
            for (int a = 0; a < archs.size(); a++) {
                System.arraycopy(features(archs.get(a).subnet(), derived[a], d), 0, x, r * nf, nf);
                y[r] = (float) Math.log(archs.get(a).latencyMs(col));
                g[r] = a;
                dev[r] = d;
                r++;
            }
        }
        return new Rows(x, y, g, List.of(dev), nf);
    }

    /** Trains the predictor on {@code rows}. */
    public static Regressor.Trained train(Rows rows, Regressor.Settings s, ObjectNode info, Consumer<String> progress)
            throws IOException {
        return Regressor.train(rows.x(), rows.y(), rows.group(), rows.features(), s, info, progress);
    }

    /** Predicted ln(latency / ms) of each subnet (with its derived numbers) on device {@code d}. */
    public static double[] predictLn(Regressor model, List<OfaSubnet> subnets, List<double[]> derived, GpuDevice d) {
        int nf = model.inputs();
        float[] x = new float[subnets.size() * nf];
        for (int i = 0; i < subnets.size(); i++) {
            System.arraycopy(features(subnets.get(i), derived.get(i), d), 0, x, i * nf, nf);
        }
        float[] p = model.predict(x, subnets.size());
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i];
        }
        return out;
    }
}
