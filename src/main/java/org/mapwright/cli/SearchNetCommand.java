package org.mapwright.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.netcost.CostMetric;
import org.mapwright.netcost.CostModel;
import org.mapwright.netcost.ExactCost;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netsearch.NetExploration;
import org.mapwright.netsearch.NetReport;
import org.mapwright.netsearch.NetSearch;
import org.mapwright.netsearch.NetSearchFiles;
import org.mapwright.netsearch.Objective;
import org.mapwright.netspace.AccuracyModel;
import org.mapwright.netspace.Nb201Accuracy;
import org.mapwright.netspace.NetSpace;
import org.mapwright.netspace.OfaAccuracy;
import org.mapwright.search.Budget;
import org.mapwright.search.Defaults;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mapwright search-net --space S --arch A --max-edp X ...}: the most accurate network of a network space under
 * a hardware-cost limit on one accelerator ({@link NetExploration}); the CLI only reads options and writes results.
 */
@Command(name = "search-net", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Searches a network space (OFA MobileNetV3 subnets or NAS-Bench-201 cells) for the most accurate "
                + "network whose hardware cost on an accelerator stays under a limit: an evolutionary search scored by "
                + "an accuracy model and a cost predictor, the best candidates re-checked by mapping every layer.",
                "Limits: a number, or Fx for F times the cost of the space's largest network (such as 0.5x)."})
final class SearchNetCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "DSL files declaring the accelerator or constraints.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--space", paramLabel = "S", required = true, description = "Network space: ofa-mbv3 or nb201.")
    String space;

    @Option(names = "--arch", paramLabel = "A", description = "The accelerator: declared in the FILEs, or built in.")
    String arch;

    @Option(names = "--constraints", paramLabel = "NAME", description = "Mapping constraints on the accelerator "
            + "(such as row_stationary for eyeriss_like). Default: none.")
    String constraints;

    static final class Limit {
        @Option(names = "--max-edp", paramLabel = "X", required = true, description = "Most EDP (J x cycles, as map reports it), or Fx.")
        String edp;

        @Option(names = "--max-latency-cycles", paramLabel = "N", required = true, description = "Most cycles, or Fx.")
        String cycles;

        @Option(names = "--max-energy-pj", paramLabel = "X", required = true, description = "Most energy (pJ), or Fx.")
        String energy;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Limit limit;

    @Option(names = "--penalty", description = "Penalise candidates in proportion to their relative distance from the "
            + "limit (HW-EvRSNAS) instead of a hard constraint; the answer must still keep the limit.")
    boolean penalty;

    @Option(names = "--penalty-weight", paramLabel = "W", description = "Accuracy lost per unit of relative distance "
            + "(default: 0.1).")
    double penaltyWeight = Objective.DEFAULT_WEIGHT;

    @Option(names = "--budget-nets", paramLabel = "N", description = "Networks scored (default: 2,000).")
    long budgetNets = 2000;

    @Option(names = "--population", paramLabel = "P", description = "Networks per generation (default: 100).")
    int population = 100;

    @Option(names = "--cost-model", paramLabel = "M", description = "What scores candidates: learned (the shipped "
            + "cost predictor, when it serves the accelerator) or exact (every layer mapped). Default: learned, else exact.")
    String costModel;

    @Option(names = "--predictor", paramLabel = "DIR", description = "A cost predictor saved by `bench cost-predictor "
            + "--save-model` (default: the shipped one, models/cost_eyeriss_resources).")
    Path predictor;

    @Option(names = "--recheck-top", paramLabel = "K", description = "Best candidates re-checked exactly (default: 10).")
    int recheckTop = 10;

    @Option(names = "--inner-mapper", paramLabel = "NAME", description = "Mapper of the exact costs (default: anneal).")
    String innerMapper = "anneal";

    @Option(names = "--inner-budget-evals", paramLabel = "N", description = "Its evaluations per layer (default: 1,000).")
    long innerBudget = 1000;

    @Option(names = "--final-mapper", paramLabel = "NAME", description = "Maps the best network's layers for the "
            + "reported mappings (default: default).")
    String finalMapper = "default";

    @Option(names = "--final-budget-evals", paramLabel = "N", description = "Its evaluations per layer (default: 20,000).")
    long finalBudget = 20000;

    @Option(names = "--accuracy-file", paramLabel = "F", description = "For nb201: a table of accuracies in the format of "
            + "NATS-Bench's landscape CSV (arch_str and cifar10_test_acc columns, percent).")
    Path accuracyFile;

    @Option(names = "--seed", paramLabel = "S", description = "Root seed (default: 1).")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "T", description = "Layers mapped at once (default: every processor).")
    Integer threads;

    @Option(names = "--json", description = "Print the result as JSON instead of the table.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Write best.mw, mappings.mw, candidates.csv, "
            + "result.json, summary.txt and accuracy-vs-cost.png here.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (out != null) {
            OutputFiles.directory("--out", out);
        }
        NetSpace netSpace = NetSearchInputs.netSpace("--space", space);
        int t = threads == null ? Defaults.threads() : threads;
        if (t < 1) {
            throw MapInputs.badInput("--threads", "Give at least one thread, got " + t + ".");
        }
        Library lib = files.isEmpty() ? Library.empty() : Frontend.load(files);
        NetSearchInputs.Accelerator acc = NetSearchInputs.accelerator(files, lib, arch, constraints);
        AccuracyModel accuracy = accuracy(netSpace);
        String option = limit.edp != null ? "--max-edp" : limit.cycles != null ? "--max-latency-cycles" : "--max-energy-pj";
        CostMetric metric = limit.edp != null ? CostMetric.EDP : limit.cycles != null ? CostMetric.CYCLES : CostMetric.ENERGY;
        double[] lim = NetSearchInputs.limit(option, limit.edp != null ? limit.edp : limit.cycles != null ? limit.cycles
                : limit.energy);
        Objective objective;
        NetSearch.Settings search;
        try {
            objective = Objective.maxAccuracy(metric, Double.isNaN(lim[0]) ? 1 : lim[0]);
            if (penalty) {
                objective = objective.withPenalty(penaltyWeight);
            }
            search = new NetSearch.Settings(population, budgetNets, 0.25, 0.1, 0.5, recheckTop, seed);
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput(penalty ? "--penalty-weight" : "--budget-nets", e.getMessage());
        }
        if (innerBudget < 1 || finalBudget < 1) {
            throw MapInputs.badInput(innerBudget < 1 ? "--inner-budget-evals" : "--final-budget-evals",
                    "Give at least 1 evaluation per layer.");
        }
        NetworkMapper.Settings inner = NetworkMapper.Settings.defaults()
                .withMapper(NetSearchInputs.mapper("--inner-mapper", innerMapper))
                .withBudget(Budget.evaluations(innerBudget)).withSeed(seed).withThreads(1);
        ExactCost exact = new ExactCost(inner, t);
        PrintWriter err = spec.commandLine().getErr();
        CostModel screen = NetSearchInputs.screen(costModel, predictor, acc.target(), exact, err);
        NetExploration.Settings settings = new NetExploration.Settings(objective, lim[1], search,
                inner.withMapper(NetSearchInputs.mapper("--final-mapper", finalMapper))
                        .withBudget(Budget.evaluations(finalBudget)).withThreads(t));
        err.printf(Locale.ROOT, "Searching %s on %s: %s, screened by %s, %,d networks%n", netSpace.name(),
                acc.target().arch().name(), Double.isNaN(lim[1]) ? objective.describe()
                        : metric.label() + " <= " + lim[1] + " x the largest network's", screen.name(), budgetNets);
        NetExploration.Result r = NetExploration.run(netSpace, accuracy, screen, exact, acc.target(), settings,
                (g, scored, best, seconds) -> {
                    err.printf(Locale.ROOT, "generation %d: %,d networks, best fitness %.4f (accuracy %.4f, %s %.4g), %.1f s%n",
                            g, scored, best.fitness(), best.accuracy(), metric.label(), best.cost().metric(metric), seconds);
                    err.flush();
                }, line -> {
                    err.println(line);
                    err.flush();
                });
        NetReport.Origin origin = new NetReport.Origin(Provenance.commit(), "mapwright "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs()), seed,
                acc.target().arch().name() + (constraints == null ? "" : " (" + constraints + ")"), accuracy.name());
        String jsonText = NetReport.json(r, origin).toPrettyString() + "\n";
        String table = NetReport.table(r, origin);
        if (out != null) {
            NetSearchFiles.write(out, r, jsonText, table, acc.include(), acc.target().arch().name());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.print(json ? jsonText : table);
        o.flush();
        return r.search().best().isPresent() ? 0 : Main.NO_RESULT;
    }

    private AccuracyModel accuracy(NetSpace s) {
        if (s.name().equals("nb201")) {
            if (accuracyFile == null) {
                throw MapInputs.badInput("--accuracy-file", "The nb201 space needs a table of accuracies; give "
                        + "--accuracy-file with a NATS-Bench landscape CSV (arch_str, cifar10_test_acc).");
            }
            if (!Files.isRegularFile(accuracyFile)) {
                throw MapInputs.badInput("--accuracy-file", "No such file: " + accuracyFile + ".");
            }
            try {
                return Nb201Accuracy.read(accuracyFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (accuracyFile != null) {
            throw MapInputs.badInput("--accuracy-file", "Only the nb201 space reads accuracies from a file; " + s.name()
                    + " uses OFA's shipped accuracy predictor.");
        }
        return OfaAccuracy.shared();
    }
}
