package org.mapwright.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.mapwright.diag.Suggestions;
import org.mapwright.netmap.LayerResult;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.search.Budget;
import org.mapwright.search.CostOracles;
import org.mapwright.search.Defaults;
import org.mapwright.search.MapperProvider;
import org.mapwright.search.Mappers;
import org.mapwright.search.Objective;
import org.mapwright.workload.Layer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mapwright map [FILE...] [--arch NAME] [--workload NAME] ...}: searches the best mapping of every layer of
 * a network on an accelerator and reports per-layer and network costs, optionally writing each mapping, checkpoints
 * and the result to a directory so that a killed run resumes where it stopped.
 */
@Command(name = "map", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Searches a mapping for every layer of a network (or the given layers) on an accelerator and prints a "
                + "per-layer table with network totals.",
            "FILEs are Mapwright DSL files or Timeloop YAML files (problem, architecture, ERT, constraints), "
                + "recognised by content; they may be mixed, such as a DSL network on a Timeloop architecture. "
                + "Without files, --arch and --workload name built-in accelerators and networks.",
            "Built-in accelerators: eyeriss_like, simple_ws, simple_os, simba_like, nvdla_like. "
                + "Built-in networks: resnet50, vgg16, mobilenet_v2, alexnet, bert_base."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every layer mapped", "2:bad input, or no legal mapping for a layer",
            "3:the cost oracle failed (timeloop-model crashed or hung)", "1:internal error"})
final class MapCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "DSL (.mw) or Timeloop YAML files.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--arch", paramLabel = "NAME",
            description = "The accelerator: one the DSL files declare, else a built-in one. Default: the one "
                + "accelerator of the DSL files, else the Timeloop architecture and ERT.")
    String arch;

    @Option(names = "--workload", paramLabel = "NAME",
            description = "The network or layer: one the DSL files declare, else a built-in network, or an ONNX model "
                + "file (a path ending in .onnx). Default: the one network of the DSL files, else their top-level "
                + "layers, else the Timeloop problem.")
    String workload;

    @Option(names = "--layer", paramLabel = "NAME", description = "Map only this layer of the network.")
    String layer;

    @Option(names = "--mapper", paramLabel = "NAME", defaultValue = Defaults.MAPPER,
            description = "The search strategy (default: ${DEFAULT-VALUE}).")
    String mapper;

    @Option(names = "--oracle", paramLabel = "NAME", defaultValue = CostOracles.DEFAULT,
            description = "What evaluates the candidates: analytical (Mapwright's model) or timeloop (the "
                + "timeloop-model of --timeloop, run on every new mapping; default: ${DEFAULT-VALUE}).")
    String oracle;

    @Option(names = "--timeloop", paramLabel = "PATH",
            description = "timeloop-model (or the run-model script of a Timeloop build) for --oracle timeloop. "
                + "Default: the environment variable " + OracleChoice.ENV + ".")
    Path timeloop;

    @Option(names = "--budget-evals", paramLabel = "N", description = "Evaluations per layer, over all threads; with "
            + "an oracle other than analytical, true evaluations (cache hits are free). Default: 400,000 (1,000 with "
            + "another oracle), or fewer when a thread stops improving.")
    Long budgetEvals;

    @Option(names = "--budget-seconds", paramLabel = "S", description = "Seconds per layer.")
    Double budgetSeconds;

    @Option(names = "--seed", paramLabel = "S", description = "Root seed; each layer's seed is split from it "
            + "(default: ${DEFAULT-VALUE}).")
    long seed = Defaults.SEED;

    @Option(names = "--threads", paramLabel = "T", description = "Search threads (default: every processor).")
    Integer threads;

    @Option(names = "--metric", paramLabel = "METRIC", defaultValue = "edp",
            description = "What to minimise: edp, energy, delay, or a ranked list such as delay,energy "
                + "(default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--constraints", paramLabel = "NAME",
            description = "DSL constraints to apply. Default: every DSL constraints declaration written on the "
                + "accelerator. Timeloop constraints sections in the YAML files always apply.")
    String constraints;

    @Option(names = "--no-link-transfers",
            description = "Evaluate without forwarding between neighbouring instances (Timeloop's "
                + "TIMELOOP_DISABLE_LINK_TRANSFERS=1); by default instances forward, as in Timeloop.")
    boolean noLinkTransfers;

    @Option(names = "--no-network-energy",
            description = "Leave out the energy of moving words across the fan-outs' meshes (their `hop` energies), "
                + "as a Timeloop ERT without network entries does.")
    boolean noNetworkEnergy;

    @Option(names = "--json", description = "Print the result as JSON instead of the table.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write each layer's mapping (DSL and Timeloop YAML), checkpoints, result.json and "
                + "summary.txt here; a rerun with the same arguments resumes from the checkpoints.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NetworkMapper.Settings settings = settings();
        Optional<MapOutputs> outputs = out == null ? Optional.empty() : Optional.of(MapOutputs.open(out));
        MapInputs in = MapInputs.load(files, arch, workload, constraints);
        if (noLinkTransfers) {
            in.disableLinkTransfers();
        }
        if (noNetworkEnergy) {
            in.disableNetworkEnergy();
        }
        List<Integer> selected = select(in);
        PrintWriter err = spec.commandLine().getErr();
        in.notes().forEach(err::println);
        in.newWarnings().forEach(w -> err.println(w.format()));
        if (outputs.isPresent() && in.includes().isEmpty()) {
            err.println("note: the workload or the accelerator comes from Timeloop YAML or an ONNX model, which a DSL "
                    + "file cannot include, so the mappings are written as Timeloop YAML only (LAYER.timeloop.yaml).");
        }
        List<LayerResult> results = NetworkMapping.run(in, settings, outputs, err, System.console() != null, selected)
                .layers();
        MapReport.Run run = new MapReport.Run(settings.mapper().name(), settings.objective().toString(),
                settings.budget(), settings.seed(), settings.threads(), spec.commandLine().getParseResult().originalArgs(),
                settings.oracle().name());
        String table = MapReport.table(in, run, results);
        String jsonText = MapReport.json(in, run, results).toPrettyString() + "\n";
        outputs.ifPresent(o -> o.writeResult(jsonText, table));
        PrintWriter o = spec.commandLine().getOut();
        o.print(json ? jsonText : table);
        o.flush();
        return 0;
    }

    /** Checks the options that need no input files, before any file is read. */
    private NetworkMapper.Settings settings() {
        MapperProvider provider;
        try {
            provider = Mappers.byName(mapper);
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput("--mapper", e.getMessage());
        }
        Objective objective;
        try {
            objective = Objective.parse(metric);
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput("--metric", e.getMessage());
        }
        int t = threads == null ? Defaults.threads() : threads;
        if (t < 1) {
            throw MapInputs.badInput("--threads", "A search needs at least one thread, got " + t + ".");
        }
        if (budgetEvals != null && budgetEvals < 1) {
            throw MapInputs.badInput("--budget-evals", "The evaluation budget must be at least 1, got " + budgetEvals
                    + ".");
        }
        if (budgetSeconds != null && !(budgetSeconds > 0 && Double.isFinite(budgetSeconds))) {
            throw MapInputs.badInput("--budget-seconds", "The time budget must be a positive number of seconds, got "
                    + budgetSeconds + ".");
        }
        OracleChoice o = OracleChoice.of(oracle, timeloop, System.getenv(), spec.commandLine().getErr());
        Budget budget = budgetEvals == null && budgetSeconds == null
                ? (o.provider().name().equals(CostOracles.DEFAULT) ? Defaults.budget() : Defaults.expensiveBudget())
                : new Budget(budgetEvals == null ? 0 : budgetEvals, budgetSeconds == null ? 0 : budgetSeconds, 0, 0);
        return new NetworkMapper.Settings(provider, objective, budget, seed, t, o.provider(), o.options());
    }

    /** The indices of the layers to map: all of them, or the one {@code --layer} names. */
    private List<Integer> select(MapInputs in) {
        List<Layer> all = in.layers();
        if (layer == null) {
            return IntStream.range(0, all.size()).boxed().toList();
        }
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name().equals(layer)) {
                return List.of(i);
            }
        }
        throw MapInputs.badInput("--layer", in.workloadName() + " has no layer `" + layer + "`"
                + Suggestions.hint(layer, all.stream().map(Layer::name).toList()));
    }
}
