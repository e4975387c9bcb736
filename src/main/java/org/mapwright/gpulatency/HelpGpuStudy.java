package org.mapwright.gpulatency;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.mapwright.gpulatency.Folds.Fold;
import org.mapwright.gpulatency.Metrics.Figures;
import org.mapwright.netspace.OfaCandidate;
import org.mapwright.netspace.OfaSubnet;
import org.mapwright.nn.Regressor;

/**
 * The GPU setting of Syed and Srinivasan, "Generalized Latency Performance Estimation for Once-For-All Neural
 * Architecture Search" (2021), on HELP's measured OFA-MobileNetV3 latencies (4 GPUs x batch 1, 32, 64): a predictor
 * that takes the hardware's parameters as input, trained on some GPUs and tested on held-out ones, against the
 * ProxylessNAS/OFA lookup table carried to the held-out device.
 *
 * <p>Protocol ({@link #run}):
 * <ul>
 *   <li>Subnets: HELP's subnets at the resolutions of OFA's Note10 tables (160, 176, 192, 208, 224).</li>
 *   <li>Folds: leave one GPU out (its three batch sizes are the held-out devices); optionally also leave one
 *       device out.</li>
 *   <li>Learned: {@link LearnedPredictor} trained on every subnet of the training devices (none of a held-out
 *       device), seeded per fold.</li>
 *   <li>Lookup table: the Note10 network latency times one scale per held-out device, fitted on the
 *       calibration subnets measured on that device ({@link HelpOfaData#calibrationIds}). This is the strongest
 *       fair variant: it uses measurements of the target device the learned predictor never sees. A second figure
 *       predicts the scale from the device's parameters alone ({@link LutBaseline#fitScale} over the training
 *       devices' scales).</li>
 *   <li>Figures ({@link Metrics}) over each held-out device's subnets except the calibration ones: RMSE of
 *       ln(latency / ms), Spearman pooled over a fold's held-out devices (averaged over folds) and within a
 *       device (averaged over devices).</li>
 * </ul>
 */
public final class HelpGpuStudy {
    /** The shared data's folder of HELP's latencies. */
    public static final String HELP_DIR = "hw-latency_HELP";
    /** The shared data's folder of OFA's files, which holds the Note10 tables. */
    public static final String OFA_DIR = "ofa-predictors_han-cai-files";
    static final ObjectMapper JSON = new ObjectMapper();

    private HelpGpuStudy() {
    }

    /**
     * What to run.
     *
     * @param training          the learned predictor's training settings (its seed is the study's root seed)
     * @param calibrationArchs  subnets measured on a held-out device to fit the table's scale
     * @param maxArchs          use only the first this many admitted subnets (0 for all)
     * @param scaleRidge        ridge weight of the scale-from-parameters fit (on z-scored parameters)
     * @param leaveOneDeviceOut also run the leave-one-device-out folds
     * @param derivedFeatures   give the learned predictor each subnet's ln MACs and ln Note10 table latency besides
     *                          its one-hot encoding (off by default: the paper's predictor has the encoding and the
     *                          hardware parameters only; on HELP's GPUs the extra inputs lowered the validation loss
     *                          but raised the held-out RMSE)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Settings(Regressor.Settings training, int calibrationArchs, int maxArchs, double scaleRidge,
                           boolean leaveOneDeviceOut, boolean derivedFeatures) {
        public Settings {
            if (calibrationArchs < 1 || maxArchs < 0 || !(scaleRidge > 0)) {
                throw new IllegalArgumentException("The study needs at least one calibration subnet, maxArchs >= 0 "
                        + "(0 for all) and a positive scale ridge.");
            }
        }

        /** The settings of the reported study. */
        public static Settings defaults() {
            return new Settings(new Regressor.Settings(List.of(128, 128), 300, 128, 3e-3f, 40, 5, 1, 1, 0f), 10, 0, 1.0,
                    true, false);
        }

        /** These settings with another root seed. */
        public Settings withSeed(long seed) {
            Regressor.Settings t = training;
            return new Settings(new Regressor.Settings(t.hidden(), t.epochs(), t.batch(), t.lr(), t.patience(),
                    t.validationEvery(), seed, t.threads(), t.weightDecay()), calibrationArchs, maxArchs, scaleRidge,
                    leaveOneDeviceOut, derivedFeatures);
        }
    }

    /**
     * One held-out device's figures; each method's {@link Figures} has its within-device Spearman as both Spearmans.
     *
     * @param calibratedLogScale ln of the table's scale fitted on the device's calibration subnets
     * @param predictedLogScale  ln of the scale predicted from the device's parameters
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeviceResult(String device, int testArchs, double calibratedLogScale, double predictedLogScale,
                               Figures lut, Figures lutPredictedScale, Figures learned) {
    }

    /** One fold: what was held out, what was trained on, the figures and how training went. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FoldResult(String heldOut, List<String> heldOutDevices, List<String> trainDevices, int trainRows,
                             long seed, Figures lut, Figures lutPredictedScale, Figures learned,
                             List<DeviceResult> devices, Regressor.Result training, double seconds) {
    }

    /**
     * The figures of one way of folding: RMSE pooled over every held-out row, Spearman pooled per fold and averaged
     * over folds, within-device Spearman averaged over devices.
     *
     * @param learnedRmseReduction 1 - learned RMSE / lookup-table RMSE (the paper reports more than 0.5)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Protocol(String name, int heldOutDevices, Figures lut, Figures lutPredictedScale, Figures learned,
                           double learnedRmseReduction, List<FoldResult> folds) {
    }

    /** What data the study used. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DataInfo(int archsInFile, int archsAdmitted, List<Integer> resolutions, int referenceArchsAdmitted,
                           List<Integer> calibrationArchIds, String calibrationRule, int testArchsPerDevice) {
    }

    /**
     * The study's result. The top-level figures are those of leave-one-GPU-out.
     *
     * @param leaveOneDeviceOut null unless asked for
     * @param inputs            SHA-256 of every file read, by name
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(int heldOutDevices, Figures lut, Figures lutPredictedScale, Figures learned,
                         double learnedRmseReduction, Protocol leaveOneGpuOut, Protocol leaveOneDeviceOut,
                         DataInfo data, Settings settings, Map<String, String> inputs, double seconds) {
    }

    /**
     * Runs the study on the shared data folder {@code dataDir} (holding {@value #HELP_DIR} and {@value #OFA_DIR}),
     * the table baseline summing OFA's Note10 tables over each subnet's {@link OfaCandidate#note10Keys()}; progress
     * goes to {@code progress}.
     */
    public static Report run(Path dataDir, Settings s, Consumer<String> progress) throws IOException {
        Note10Table t = Note10Table.read(dataDir.resolve(OFA_DIR));
        Map<String, String> hashes = new LinkedHashMap<>();
        t.sha256().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> hashes.put(OFA_DIR + "/" + e.getKey(), e.getValue()));
        return run(dataDir, s, t.latency(n -> OfaCandidate.of(n).note10Keys()), hashes, progress);
    }

    /**
     * Runs the study on the shared data folder {@code dataDir} (holding {@value #HELP_DIR}), with the Note10 network
     * latency (ms) of a subnet given by {@code note10Ms} (whose inputs' hashes are {@code lutInputs}); progress goes
     * to {@code progress}.
     */
    public static Report run(Path dataDir, Settings s, ToDoubleFunction<OfaSubnet> note10Ms,
                             Map<String, String> lutInputs, Consumer<String> progress) throws IOException {
        long start = System.nanoTime();
        HelpOfaData all = HelpOfaData.read(dataDir.resolve(HELP_DIR));
        HelpOfaData data = s.maxArchs() > 0 ? all.firstArchs(s.maxArchs()) : all;
        List<Integer> calib = data.calibrationIds(s.calibrationArchs());
        if (calib.size() >= data.archs().size()) {
            throw new IllegalArgumentException("With " + data.archs().size() + " subnets and " + calib.size()
                    + " calibration subnets no subnet is left to test; use more subnets or fewer calibration ones.");
        }
        int refs = all.admittedReferences();
        String rule = refs >= s.calibrationArchs()
                ? "HELP's reference subnets (" + HelpOfaData.REFERENCES + ", ofa)"
                : "the first " + calib.size() + " admitted subnets by arch id (only " + refs + " of HELP's "
                + all.referenceIds().size() + " reference subnets are at an admitted resolution)";
        progress.accept(String.format("gpu: %d of %d HELP subnets at resolutions 160-224 (%d used); calibration: %s",
                all.archs().size(), all.total(), data.archs().size(), rule));
        double[] lnLut = new double[data.archs().size()];
        for (int a = 0; a < lnLut.length; a++) {
            double ms = note10Ms.applyAsDouble(data.archs().get(a).subnet());
            if (!(ms > 0) || Double.isInfinite(ms)) {
                throw new IllegalArgumentException("The Note10 latency of subnet " + data.archs().get(a).archId()
                        + " is " + ms + " ms; a lookup table must give a positive latency.");
            }
            lnLut[a] = Math.log(ms);
        }
        double[][] derived = new double[lnLut.length][s.derivedFeatures() ? 2 : 0];
        for (int a = 0; a < lnLut.length && s.derivedFeatures(); a++) {
            derived[a][0] = Math.log(OfaCandidate.of(data.archs().get(a).subnet()).macs());
            derived[a][1] = lnLut[a];
        }
        SplittableRandom root = new SplittableRandom(s.training().seed());
        Protocol gpu = protocol("leave one GPU out", data, lnLut, derived, calib,
                Folds.leaveOneGpuOut(GpuDevices.all()), s, root.split(), progress);
        Protocol device = s.leaveOneDeviceOut() ? protocol("leave one (GPU, batch) device out", data, lnLut, derived,
                calib, Folds.leaveOneDeviceOut(GpuDevices.all()), s, root.split(), progress) : null;
        Map<String, String> inputs = new LinkedHashMap<>();
        all.sha256().forEach((k, v) -> inputs.put(HELP_DIR + "/" + k, v));
        inputs.putAll(lutInputs);
        DataInfo info = new DataInfo(all.total(), all.archs().size(), java.util.Arrays.stream(OfaSubnet.RESOLUTIONS)
                .boxed().toList(), refs, calib, rule, data.archs().size() - calib.size());
        return new Report(gpu.heldOutDevices(), gpu.lut(), gpu.lutPredictedScale(), gpu.learned(),
                gpu.learnedRmseReduction(), gpu, device, info, s, inputs, (System.nanoTime() - start) / 1e9);
    }

    static Protocol protocol(String name, HelpOfaData data, double[] lnLut, double[][] derived, List<Integer> calib,
                             List<Fold> folds, Settings s, SplittableRandom rnd, Consumer<String> progress)
            throws IOException {
        List<FoldResult> results = new ArrayList<>();
        List<List<double[]>> pred = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<double[]> truth = new ArrayList<>();
        for (Fold f : folds) {
            FoldResult r = fold(f, data, lnLut, derived, calib, s, rnd.split().nextLong(), pred, truth, progress);
            results.add(r);
            progress.accept(String.format("gpu: %s, held out %s: RMSE lut %.3f, lut (scale from parameters) %.3f, "
                            + "learned %.3f; Spearman lut %.3f, learned %.3f (%.0f s)", name, f.name(), r.lut().rmse(),
                    r.lutPredictedScale().rmse(), r.learned().rmse(), r.lut().spearman(), r.learned().spearman(),
                    r.seconds()));
        }
        Figures[] overall = new Figures[3];
        for (int m = 0; m < 3; m++) {
            Figures pooled = Metrics.figures(pred.get(m), truth);
            final int mm = m;
            double foldMean = results.stream().mapToDouble(r -> (mm == 0 ? r.lut() : mm == 1 ? r.lutPredictedScale()
                    : r.learned()).spearman()).average().orElseThrow();
            overall[m] = new Figures(pooled.rmse(), foldMean, pooled.spearmanWithinDevice());
        }
        return new Protocol(name, truth.size(), overall[0], overall[1], overall[2],
                1 - overall[2].rmse() / overall[0].rmse(), results);
    }

    /** One fold; appends each held-out device's predictions (lut, lut with predicted scale, learned) and truth. */
    static FoldResult fold(Fold f, HelpOfaData data, double[] lnLut, double[][] derived, List<Integer> calib,
                           Settings s, long seed,
                           List<List<double[]>> predOut, List<double[]> truthOut, Consumer<String> progress)
            throws IOException {
        long start = System.nanoTime();
        List<HelpOfaData.Arch> archs = data.archs();
        double[] trainScales = new double[f.train().size()];
        for (int i = 0; i < trainScales.length; i++) {
            trainScales[i] = LutBaseline.logScale(lnLut, lnMeasured(archs, f.train().get(i)));
        }
        LutBaseline.ScaleModel scaleModel = LutBaseline.fitScale(f.train(), trainScales, s.scaleRidge());
        LearnedPredictor.Rows rows = LearnedPredictor.trainingRows(data, derived, f.train());
        Regressor.Settings t = s.training();
        Regressor.Settings ts = new Regressor.Settings(t.hidden(), t.epochs(), t.batch(), t.lr(), t.patience(),
                t.validationEvery(), seed, t.threads(), t.weightDecay());
        ObjectNode info = JSON.createObjectNode();
        info.put("study", "HELP GPU latency, held out: " + f.name());
        info.set("train_devices", JSON.valueToTree(f.train().stream().map(GpuDevice::name).toList()));
        progress.accept("gpu: training on " + rows.size() + " rows of " + f.train().size() + " devices, holding out "
                + f.name());
        Regressor.Trained trained = LearnedPredictor.train(rows, ts, info, throttled(progress, f.name()));
        int[] calibIdx = new int[calib.size()];
        List<Integer> test = new ArrayList<>();
        for (int a = 0; a < archs.size(); a++) {
            int c = calib.indexOf(archs.get(a).archId());
            if (c >= 0) {
                calibIdx[c] = a;
            } else {
                test.add(a);
            }
        }
        List<OfaSubnet> testNets = test.stream().map(a -> archs.get(a).subnet()).toList();
        List<double[]> testDerived = test.stream().map(a -> derived[a]).toList();
        List<DeviceResult> devices = new ArrayList<>();
        List<List<double[]>> pred = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<double[]> truth = new ArrayList<>();
        try (Regressor model = trained.regressor()) {
            for (GpuDevice d : f.heldOut()) {
                double[] measured = lnMeasured(archs, d);
                double calibrated = LutBaseline.logScale(pick(lnLut, calibIdx), pick(measured, calibIdx));
                double predicted = scaleModel.predict(d);
                int[] ti = test.stream().mapToInt(Integer::intValue).toArray();
                double[] y = pick(measured, ti);
                double[] lut = pick(lnLut, ti);
                double[] lutCal = new double[ti.length];
                double[] lutPred = new double[ti.length];
                for (int i = 0; i < ti.length; i++) {
                    lutCal[i] = lut[i] + calibrated;
                    lutPred[i] = lut[i] + predicted;
                }
                double[] learned = LearnedPredictor.predictLn(model, testNets, testDerived, d);
                devices.add(new DeviceResult(d.name(), ti.length, calibrated, predicted, one(lutCal, y),
                        one(lutPred, y), one(learned, y)));
                pred.get(0).add(lutCal);
                pred.get(1).add(lutPred);
                pred.get(2).add(learned);
                truth.add(y);
            }
        }
        for (int m = 0; m < 3; m++) {
            predOut.get(m).addAll(pred.get(m));
        }
        truthOut.addAll(truth);
        return new FoldResult(f.name(), f.heldOut().stream().map(GpuDevice::name).toList(),
                f.train().stream().map(GpuDevice::name).toList(), rows.size(), seed,
                Metrics.figures(pred.get(0), truth), Metrics.figures(pred.get(1), truth),
                Metrics.figures(pred.get(2), truth), devices, trained.result(),
                (System.nanoTime() - start) / 1e9);
    }

    private static Figures one(double[] p, double[] y) {
        return Metrics.figures(List.of(p), List.of(y));
    }

    private static double[] lnMeasured(List<HelpOfaData.Arch> archs, GpuDevice d) {
        int col = GpuDevices.all().indexOf(d);
        double[] v = new double[archs.size()];
        for (int a = 0; a < v.length; a++) {
            v[a] = Math.log(archs.get(a).latencyMs(col));
        }
        return v;
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    /** Training's per-epoch lines, at most one every 10 s. */
    private static Consumer<String> throttled(Consumer<String> progress, String fold) {
        long[] last = {0};
        return m -> {
            long now = System.nanoTime();
            if (now - last[0] >= 10_000_000_000L) {
                last[0] = now;
                progress.accept("gpu: held out " + fold + ": " + m);
            }
        };
    }
}
