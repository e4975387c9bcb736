package org.mapwright.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mapwright.archsearch.Exploration;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.dsl.Library;
import org.mapwright.netcost.CostPredictorStudy;
import org.mapwright.netcost.Target;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netspace.NetSpace;
import org.mapwright.nn.Regressor;
import org.mapwright.search.Budget;
import org.mapwright.search.MapperProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mapwright bench cost-predictor}: trains the learned network-cost predictor on accelerators drawn from a space
 * and compares it and the lookup-table baseline with exact mapping on held-out accelerators
 * ({@link CostPredictorStudy}); also the GPU setting on HELP's measured latencies when the data is there.
 */
@Command(name = "cost-predictor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains the learned cost predictor (layer shape + accelerator parameters -> energy and cycles) "
                + "on accelerators drawn from an architecture space, and reports RMSE of ln(EDP) and Spearman of it and "
                + "of the lookup-table baseline (one reference accelerator's per-layer table, scaled per accelerator by "
                + "calibration networks) against exact mapping, on accelerators neither saw.",
                "With HELP's data (--data), also the GPU setting: latency predictors trained on some GPUs with their "
                + "hardware parameters, tested on held-out GPUs."})
final class BenchCostPredictorCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--space", paramLabel = "S", description = "Architecture space the accelerators are drawn from "
            + "(default: eyeriss_resources).")
    String space = "eyeriss_resources";

    @Option(names = "--net-space", paramLabel = "N", description = "Network space: ofa-mbv3 or nb201 (default: ofa-mbv3).")
    String netSpace = "ofa-mbv3";

    @Option(names = "--train-accelerators", paramLabel = "N", description = "Training accelerators (default: 3,000).")
    int train = 3000;

    @Option(names = "--test-accelerators", paramLabel = "N", description = "Held-out accelerators (default: 20).")
    int test = 20;

    @Option(names = "--layers-per-accelerator", paramLabel = "N",
            description = "Layers of sampled networks mapped on each training accelerator (default: 10).")
    int layersPer = 10;

    @Option(names = "--test-networks", paramLabel = "N", description = "Networks costed on each held-out accelerator "
            + "(default: 40).")
    int testNets = 40;

    @Option(names = "--calibration-networks", paramLabel = "N", description = "Networks costed exactly on each held-out "
            + "accelerator to scale the lookup table (default: 10, as HELP's reference set).")
    int calibration = 10;

    @Option(names = "--inner-mapper", paramLabel = "NAME", description = "Mapper of the exact costs (default: anneal).")
    String innerMapper = "anneal";

    @Option(names = "--inner-budget-evals", paramLabel = "N", description = "Its evaluations per layer (default: 1,000).")
    long innerBudget = 1000;

    @Option(names = "--hidden", paramLabel = "W", split = ",", description = "Hidden widths (default: 256,256).")
    List<Integer> hidden = List.of(256, 256);

    @Option(names = "--epochs", paramLabel = "N", description = "Most training epochs (default: 300).")
    int epochs = 300;

    @Option(names = "--weight-decay", paramLabel = "W", description = "Adam's L2 weight decay (default: 1e-4).")
    float weightDecay = 1e-4f;

    @Option(names = "--ensemble", paramLabel = "K", description = "Models averaged in the predictor, each trained "
            + "with its own seed (default: 5).")
    int members = 5;

    @Option(names = "--seed", paramLabel = "S", description = "Root seed (default: 1).")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "T", description = "Accelerators mapped in parallel (default: every processor).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--save-model", paramLabel = "DIR", description = "Save the trained predictor here (a folder).")
    Path saveModel;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder holding hw-latency_HELP/ and "
            + "ofa-predictors_han-cai-files/ for the GPU setting (default: ../shared/data when it exists).")
    Path data;

    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Write result.json and summary.txt here.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (out != null) {
            OutputFiles.directory("--out", out);
        }
        MapperProvider mapper = NetSearchInputs.mapper("--inner-mapper", innerMapper);
        if (innerBudget < 1) {
            throw MapInputs.badInput("--inner-budget-evals", "Give at least 1 evaluation per layer, got " + innerBudget + ".");
        }
        ArchSpace archSpace = SearchArchCommand.resolveSpace("--space", space, Library.empty());
        NetSpace nets = NetSearchInputs.netSpace("--net-space", netSpace);
        PrintWriter err = spec.commandLine().getErr();
        String command = "mapwright " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        ObjectNode info = JSON.createObjectNode();
        info.put("commit", Provenance.commit());
        info.put("command", command);
        info.put("space", archSpace.name());
        info.put("net_space", nets.name());
        info.put("inner_mapper", mapper.name());
        info.put("inner_budget_evals", innerBudget);
        info.put("seed", seed);
        CostPredictorStudy.Settings s;
        try {
            s = new CostPredictorStudy.Settings(train, test, layersPer, testNets, calibration,
                    NetworkMapper.Settings.defaults().withMapper(mapper).withBudget(Budget.evaluations(innerBudget))
                            .withSeed(seed),
                    new Regressor.Settings(hidden, epochs, 128, 1e-3f, 20, 5, seed, 1, weightDecay), members, seed, threads);
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput("--train-accelerators", e.getMessage());
        }
        Target reference = Target.of(Exploration.eyerissAsBuilt(archSpace.resolveTechnology()));
        err.printf(Locale.ROOT, "Cost predictor study: %s accelerators (%d training, %d held out), %s networks, "
                + "exact = %s at %,d evaluations per layer%n", archSpace.name(), train, test, nets.name(), mapper.name(),
                innerBudget);
        CostPredictorStudy.Outcome o;
        try {
            int[] count = {0};
            o = CostPredictorStudy.run(archSpace, reference,
                    r -> nets.random(r).network("net" + count[0]++), s, info, line -> {
                        err.println(line);
                        err.flush();
                    });
            if (saveModel != null) {
                o.learned().save(saveModel);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode result = JSON.valueToTree(o.report());
        result.put("held_out_accelerators", o.report().heldOutAccelerators());
        ObjectNode gpu = GpuSetting.run(data, seed, line -> {
            err.println(line);
            err.flush();
        });
        result.set("gpu", gpu);
        result.put("commit", Provenance.commit());
        result.put("command", command);
        String jsonText = result.toPrettyString() + "\n";
        String table = table(o.report(), gpu, command);
        if (out != null) {
            OutputFiles.writeAtomically(out.resolve("result.json"), jsonText);
            OutputFiles.writeAtomically(out.resolve("summary.txt"), table);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.print(json ? jsonText : table);
        w.flush();
        return 0;
    }

    static String table(CostPredictorStudy.Report r, ObjectNode gpu, String command) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Network cost predictors against exact mapping on %d held-out accelerators "
                        + "x %d networks (%d training accelerators, %,d training layers, %,d layer searches, %.0f s)%n",
                r.heldOutAccelerators(), r.testNetworks(), r.trainingAccelerators(), r.trainingRows(), r.layerSearches(),
                r.seconds()));
        sb.append(String.format(Locale.ROOT, "%-18s %14s %10s %22s%n", "model", "RMSE ln(EDP)", "Spearman",
                "Spearman within accel."));
        for (var e : List.of(java.util.Map.entry("lut", r.lut()), java.util.Map.entry("learned", r.learned()),
                java.util.Map.entry("lut_calibrated", r.lutCalibrated()),
                java.util.Map.entry("learned_calibrated", r.learnedCalibrated()),
                java.util.Map.entry("lut_unscaled", r.lutUnscaled()))) {
            sb.append(String.format(Locale.ROOT, "%-18s %14.4f %10.4f %22.4f%n", e.getKey(), e.getValue().rmse(),
                    e.getValue().spearman(), e.getValue().spearmanWithin()));
        }
        sb.append(String.format(Locale.ROOT, "learned / lut RMSE: %.3f (lut: the table scaled by factors predicted from "
                + "the accelerator's parameters; _calibrated: scaled by %d networks costed exactly on each accelerator; "
                + "lut_unscaled: the reference's table as it is)%n", r.learned().rmse() / r.lut().rmse(),
                r.calibrationNetworks()));
        sb.append(GpuSetting.table(gpu));
        sb.append("command: ").append(command).append('\n');
        sb.append("commit: ").append(Provenance.commit()).append('\n');
        return sb.toString();
    }
}
