package org.mapwright.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mapwright.archsearch.SpaceDesigns;
import org.mapwright.archsearch.Strategies;
import org.mapwright.archsearch.StrategyProvider;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.cosearch.CoExploration;
import org.mapwright.cosearch.CoFiles;
import org.mapwright.cosearch.CoReport;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.exec.Engine;
import org.mapwright.netcost.Features;
import org.mapwright.netcost.LearnedCost;
import org.mapwright.netcost.Predictors;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netmap.UnmappableLayerException;
import org.mapwright.netsearch.NetSearch;
import org.mapwright.netspace.NetSpace;
import org.mapwright.netspace.OfaAccuracy;
import org.mapwright.search.Budget;
import org.mapwright.search.Defaults;
import org.mapwright.workload.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mapwright search-co}: the network, the accelerator and the mapping found in one loop ({@link CoExploration});
 * the CLI only reads options and writes results.
 */
@Command(name = "search-co", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Co-searches the network (a subnet of a network space), the accelerator (a design of an "
                + "architecture space) and every layer's mapping: an accelerator search whose every design gets its own "
                + "network search (screened by the learned cost predictor, confirmed by mapping), for the lowest EDP at "
                + "an accuracy floor. Compared with a baseline network on the Eyeriss-like design as built "
                + "(row-stationary) and with the network search alone on that design.",
                "Checkpoints every generation in --out; a rerun with the same options resumes."})
final class SearchCoCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "DSL files declaring the space or the baseline network.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--space-net", paramLabel = "S", required = true, description = "Network space (ofa-mbv3).")
    String spaceNet;

    @Option(names = "--space-arch", paramLabel = "S", required = true, description = "Architecture space: a DSL "
            + "file, a space of the FILEs, or a built-in one (eyeriss_resources, edge_resources, cloud_resources).")
    String spaceArch;

    @Option(names = "--workload-baseline", paramLabel = "NET", required = true,
            description = "The baseline network (such as mobilenet_v2, or an ONNX model file), mapped on the "
                + "Eyeriss-like design as built.")
    String baselineName;

    @Option(names = "--baseline-accuracy", paramLabel = "A", required = true,
            description = "The baseline network's top-1 accuracy (fraction, such as 0.720).")
    double baselineAccuracy;

    @Option(names = "--min-accuracy", paramLabel = "A", description = "The accuracy floor of the searched networks "
            + "(default: the baseline's accuracy).")
    Double minAccuracy;

    @Option(names = "--budget-seconds", paramLabel = "S", description = "Seconds for the accelerator search.")
    Double budgetSeconds;

    @Option(names = "--budget-archs", paramLabel = "N", description = "Designs to score (default: 1,000 without "
            + "--budget-seconds).")
    Long budgetArchs;

    @Option(names = "--strategy", paramLabel = "NAME", description = "Accelerator search strategy (default: cmaes).")
    String strategy = "cmaes";

    @Option(names = "--population", paramLabel = "P", description = "Designs per generation (default: the strategy's).")
    Integer population;

    @Option(names = "--inner-budget-nets", paramLabel = "N", description = "Networks scored per design (default: 300).")
    long innerNets = 300;

    @Option(names = "--inner-population", paramLabel = "P", description = "Networks per generation of a design's "
            + "network search (default: 30).")
    int innerPopulation = 30;

    @Option(names = "--recheck-top", paramLabel = "K", description = "Networks per design re-checked exactly (default: 3).")
    int recheckTop = 3;

    @Option(names = "--network-only-budget-nets", paramLabel = "N", description = "Networks scored by the network "
            + "search on the fixed baseline design (default: 2,000).")
    long networkOnlyNets = 2000;

    @Option(names = "--inner-mapper", paramLabel = "NAME", description = "Mapper of exact costs (default: anneal).")
    String innerMapper = "anneal";

    @Option(names = "--inner-budget-evals", paramLabel = "N", description = "Its evaluations per layer (default: 1,000).")
    long innerEvals = 1000;

    @Option(names = "--final-mapper", paramLabel = "NAME", description = "Maps every answer's layers at the end "
            + "(default: default).")
    String finalMapper = "default";

    @Option(names = "--final-budget-evals", paramLabel = "N", description = "Its evaluations per layer (default: 20,000).")
    long finalEvals = 20000;

    @Option(names = "--final-top", paramLabel = "K", description = "Best designs re-mapped at the end (default: 3).")
    int finalTop = 3;

    @Option(names = "--predictor", paramLabel = "DIR", description = "The cost predictor (default: the shipped one "
            + "for the architecture space, models/cost_<space>).")
    Path predictor;

    @Option(names = "--seed", paramLabel = "S", description = "Root seed (default: 1).")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "T", description = "Designs scored at once (default: every processor).")
    Integer threads;

    @Option(names = "--json", description = "Print the result as JSON instead of the table.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Write result.json, summary.txt, best-arch.mw, "
            + "best-net.mw, mappings.mw, network-only.mw, plots and the checkpoint here.")
    Path out;

    @Mixin
    EngineChoice engines = new EngineChoice();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (out != null) {
            OutputFiles.directory("--out", out);
        }
        NetSpace netSpace = NetSearchInputs.netSpace("--space-net", spaceNet);
        if (!netSpace.name().equals("ofa-mbv3")) {
            throw MapInputs.badInput("--space-net", "The co-search needs a network space with an accuracy predictor; "
                    + "of the built-in spaces that is ofa-mbv3 (nb201's accuracies are a table of CIFAR-10 cells).");
        }
        Library lib = files.isEmpty() ? Library.empty() : Frontend.load(files);
        ArchSpace archSpace = SearchArchCommand.resolveSpace("--space-arch", spaceArch, lib);
        SpaceDesigns designs = new SpaceDesigns(archSpace);
        Network baseline = baseline(lib);
        if (!(baselineAccuracy > 0 && baselineAccuracy <= 1)) {
            throw MapInputs.badInput("--baseline-accuracy", "Give the accuracy as a fraction in (0, 1], such as 0.720; got "
                    + baselineAccuracy + ".");
        }
        double floor = minAccuracy == null ? baselineAccuracy : minAccuracy;
        if (!(floor >= 0 && floor <= 1)) {
            throw MapInputs.badInput("--min-accuracy", "Give the floor as a fraction in [0, 1], got " + floor + ".");
        }
        LearnedCost cost = predictor(archSpace);
        int t = threads == null ? Defaults.threads() : threads;
        if (t < 1) {
            throw MapInputs.badInput("--threads", "Give at least one thread, got " + t + ".");
        }
        if (budgetArchs != null && budgetArchs < 1 || budgetSeconds != null && !(budgetSeconds > 0)) {
            throw MapInputs.badInput(budgetArchs != null ? "--budget-archs" : "--budget-seconds",
                    "Give a positive budget.");
        }
        StrategyProvider sp;
        try {
            sp = Strategies.byName(strategy);
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput("--strategy", e.getMessage());
        }
        NetworkMapper.Settings exact = NetworkMapper.Settings.defaults()
                .withMapper(NetSearchInputs.mapper("--inner-mapper", innerMapper)).withBudget(Budget.evaluations(innerEvals));
        NetworkMapper.Settings last = NetworkMapper.Settings.defaults()
                .withMapper(NetSearchInputs.mapper("--final-mapper", finalMapper)).withBudget(Budget.evaluations(finalEvals));
        NetSearch.Settings networkOnly;
        try {
            // OFA's population of 100, or the whole budget when it is smaller
            networkOnly = new NetSearch.Settings((int) Math.min(100, networkOnlyNets), networkOnlyNets, 0.25, 0.1, 0.5,
                    10, 0);
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput("--network-only-budget-nets", e.getMessage());
        }
        CoExploration.Settings s;
        try {
            if (innerEvals < 1 || finalEvals < 1) {
                throw new IllegalArgumentException("Give at least 1 evaluation per layer.");
            }
            s = new CoExploration.Settings(sp, population == null ? 0 : population,
                    budgetArchs != null ? budgetArchs : budgetSeconds == null ? 1000 : 0,
                    budgetSeconds == null ? 0 : budgetSeconds, seed, t, floor,
                    new NetSearch.Settings(innerPopulation, innerNets, 0.25, 0.1, 0.5, recheckTop, 0),
                    networkOnly, exact, last, finalTop);
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput(innerEvals < 1 ? "--inner-budget-evals" : finalEvals < 1 ? "--final-budget-evals"
                    : finalTop < 1 ? "--final-top" : innerPopulation < 4 ? "--inner-population"
                    : recheckTop < 1 ? "--recheck-top" : "--inner-budget-nets", e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "Co-search: %s x %s, accuracy >= %.4f, baseline %s (%.4f) on eyeriss_like (row-stationary)%n",
                archSpace.name(), netSpace.name(), floor, baseline.name(), baselineAccuracy);
        CoExploration.Result r;
        Optional<Path> checkpoint = Optional.ofNullable(out).map(d -> d.resolve(CoFiles.CHECKPOINT));
        java.util.function.Consumer<String> progress = line -> {
            err.println(line);
            err.flush();
        };
        Optional<Engine> engine = engines.open(t);
        try {
            if (engine.isPresent()) {
                err.println("Designs are scored on " + engine.get().description());
                r = CoExploration.run(designs, netSpace, cost, baseline, baselineAccuracy, s, engine.get(), checkpoint,
                        "search-co", SearchArchCommand.progress(err), progress);
            } else {
                r = CoExploration.run(designs, netSpace, OfaAccuracy.shared(), cost, baseline, baselineAccuracy, s,
                        checkpoint, "search-co", SearchArchCommand.progress(err), progress);
            }
        } catch (UnmappableLayerException e) {
            throw NetSearchInputs.finalMapping(e, last.mapper().name(), finalEvals);
        } catch (CoExploration.FloorUnreached e) {
            throw MapInputs.badInput(minAccuracy != null ? "--min-accuracy" : "--baseline-accuracy", e.getMessage());
        } finally {
            engine.ifPresent(Engine::close);
        }
        CoReport.Origin origin = new CoReport.Origin(Provenance.commit(), "mapwright "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs()), seed,
                cost.model().info().path("command").asText("(unknown)"));
        String jsonText = CoReport.json(r, origin).toPrettyString() + "\n";
        String table = CoReport.table(r, origin);
        if (out != null) {
            CoFiles.write(out, r, jsonText, table);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.print(json ? jsonText : table);
        o.flush();
        return r.best().isPresent() ? 0 : Main.NO_RESULT;
    }

    private Network baseline(Library lib) {
        Optional<Network> onnx = OnnxWorkloads.network("--workload-baseline", baselineName, spec.commandLine().getErr());
        if (onnx.isPresent()) {
            return onnx.get();
        }
        Network n = lib.networks().get(baselineName);
        if (n != null) {
            return n;
        }
        if (MapInputs.BUILTIN_NETWORKS.contains(baselineName)) {
            return Frontend.loadBuiltin(baselineName + ".mw").networks().get(baselineName);
        }
        throw MapInputs.badInput("--workload-baseline", "There is no network `" + baselineName + "` in the input files "
                + "or the built-in library; the built-in networks are " + String.join(", ", MapInputs.BUILTIN_NETWORKS) + ".");
    }

    private LearnedCost predictor(ArchSpace space) {
        LearnedCost c;
        try {
            c = predictor != null ? Predictors.load(predictor) : Predictors.forSpace(space.name()).orElseThrow(() ->
                    MapInputs.badInput("--predictor", "There is no cost predictor for space " + space.name() + "; train "
                            + "one with `mapwright bench cost-predictor --space " + space.name() + " --save-model DIR` "
                            + "and give --predictor DIR."));
        } catch (IOException e) {
            throw MapInputs.badInput("--predictor", e.getMessage());
        }
        double[] mid = new double[space.dimensions()];
        java.util.Arrays.fill(mid, 0.5);
        var arch = space.decode(mid).architecture();
        if (c.model().inputs() != Features.rowLength(arch)) {
            throw MapInputs.badInput("--predictor", "The cost predictor was trained on accelerators of another structure "
                    + "than space " + space.name() + "'s; train one on this space with `mapwright bench cost-predictor`.");
        }
        return c;
    }
}
