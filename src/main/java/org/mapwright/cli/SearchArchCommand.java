package org.mapwright.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mapwright.archsearch.ArchSearch;
import org.mapwright.archsearch.Exploration;
import org.mapwright.archsearch.ExplorationFiles;
import org.mapwright.archsearch.ExplorationReport;
import org.mapwright.archsearch.Scored;
import org.mapwright.archsearch.SpaceDesigns;
import org.mapwright.archsearch.Strategies;
import org.mapwright.archsearch.StrategyProvider;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.diag.Suggestions;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.exec.Engine;
import org.mapwright.search.Budget;
import org.mapwright.search.Defaults;
import org.mapwright.search.MapperProvider;
import org.mapwright.workload.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mapwright search-arch --space S --workload NET ...}: searches an architecture space for the accelerator with
 * the lowest network EDP, every candidate's layers mapped by an inner mapper, and compares it with the Eyeriss-like
 * baselines and the network's floor. A thin shell over {@link Exploration}.
 */
@Command(name = "search-arch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Searches an accelerator architecture space (sizes, banks, keeps and connectivity) for the design with the "
                + "lowest network EDP, mapping every layer onto every candidate (NAAS-style, with CMA-ES).",
            "Built-in spaces: eyeriss_resources, edge_resources, cloud_resources. Built-in networks: resnet50, vgg16, "
                + "mobilenet_v2, alexnet, bert_base."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:search done", "2:bad input", "3:the engine could not run the tasks (with --engine spark)",
            "1:internal error"})
final class SearchArchCommand implements Callable<Integer> {

    /** Designs scored by default. */
    static final long DEFAULT_BUDGET_ARCHS = 1000;
    /** Inner mapper by default: the classic mapper that does best at a small budget (bench/README). */
    static final String DEFAULT_INNER_MAPPER = "anneal";
    /** Evaluations per layer of the inner mapper by default. */
    static final long DEFAULT_INNER_EVALS = 3000;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "DSL files declaring the space or the network.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--space", paramLabel = "S", required = true,
            description = "The architecture space: a DSL file declaring one space, a space declared in the FILEs, or a "
                + "built-in space.")
    String space;

    @Option(names = "--workload", paramLabel = "NET", required = true,
            description = "The network: one the DSL files declare, else a built-in network, or an ONNX model file "
                + "(a path ending in .onnx).")
    String workload;

    @Option(names = "--budget-archs", paramLabel = "N",
            description = "Candidate designs to score (whole generations; default " + DEFAULT_BUDGET_ARCHS
                + " unless --budget-seconds is given).")
    Long budgetArchs;

    @Option(names = "--budget-seconds", paramLabel = "S", description = "Stop after the generation that passes S seconds.")
    Double budgetSeconds;

    @Option(names = "--seed", paramLabel = "S", description = "Root seed (default: ${DEFAULT-VALUE}).")
    long seed = Defaults.SEED;

    @Option(names = "--threads", paramLabel = "T", description = "Designs scored in parallel (default: every processor).")
    Integer threads;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = Strategies.DEFAULT,
            description = "Outer search: cmaes or random (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--population", paramLabel = "N",
            description = "Candidates per generation (default: CMA-ES's 4 + 3 ln(dimensions), at least 8).")
    Integer population;

    @Option(names = "--inner-mapper", paramLabel = "NAME", defaultValue = DEFAULT_INNER_MAPPER,
            description = "Mapper of every layer of every candidate (default: ${DEFAULT-VALUE}).")
    String innerMapper;

    @Option(names = "--inner-budget-evals", paramLabel = "N",
            description = "Evaluations per layer of the inner mapper (default: " + DEFAULT_INNER_EVALS + ").")
    Long innerEvals;

    @Option(names = "--final-top", paramLabel = "K", defaultValue = "5",
            description = "Re-map the search's K best distinct designs and the baselines with the final mapper and "
                + "report the best of them (0: report the search's figures; default: ${DEFAULT-VALUE}).")
    int finalTop;

    @Option(names = "--final-mapper", paramLabel = "NAME", defaultValue = Defaults.MAPPER,
            description = "Mapper of the final re-mapping (default: ${DEFAULT-VALUE}, at map's default budget).")
    String finalMapper;

    @Option(names = "--final-budget-evals", paramLabel = "N",
            description = "Evaluations per layer of the final mapper (default: map's default).")
    Long finalEvals;

    @Option(names = "--sizing-only",
            description = "Fix the connectivity to the space's reference dataflow and search only the sizes (the "
                + "ablation of NAAS).")
    boolean sizingOnly;

    @Option(names = "--json", description = "Print the result as JSON instead of the table.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write best.mw, best.arch.yaml, best.ert.yaml, mappings, result.json, summary.txt, plots and "
                + "a checkpoint per generation here; a rerun with the same options resumes.")
    Path out;

    @Mixin
    EngineChoice engines = new EngineChoice();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Exploration.Settings settings = settings();
        if (out != null) {
            OutputFiles.directory("--out", out);
        }
        Library lib = files.isEmpty() ? Library.empty() : Frontend.load(files);
        ArchSpace archSpace = resolveSpace("--space", space, lib);
        PrintWriter err = spec.commandLine().getErr();
        NetworkSource net = network(lib, err);
        ArchSpace searched = sizingOnly ? archSpace.sizingOnly() : archSpace;
        SpaceDesigns designs = new SpaceDesigns(searched);
        long computeLimit = archSpace.limits().computeUnits().orElse(
                org.mapwright.archspace.SpaceBounds.maxComputeUnits(archSpace.fanouts()));
        Optional<Engine> engine = engines.open(settings.threads());
        err.printf(Locale.ROOT, "Searching %s for %s: %d coordinates, %s, inner mapper %s at %,d evaluations per layer%n",
                searched.name(), net.network().name(), designs.dimensions(), settings.strategy().name(),
                settings.innerMapper().name(), settings.innerBudget().evaluations());
        Optional<Path> checkpoint = Optional.ofNullable(out).map(d -> d.resolve(ExplorationFiles.CHECKPOINT));
        Exploration.Result r;
        try {
            if (engine.isPresent()) {
                err.println("Candidates are scored on " + engine.get().description());
                r = Exploration.run(designs, computeLimit, net.network(), settings, engine.get(), checkpoint,
                        designs.fingerprint(), progress(err), line -> err.println(line));
            } else {
                r = Exploration.run(designs, designs.technology(), computeLimit, net.network(), settings, checkpoint,
                        designs.fingerprint(), progress(err), line -> err.println(line));
            }
        } finally {
            engine.ifPresent(Engine::close);
        }
        ExplorationReport.Origin origin = new ExplorationReport.Origin(Provenance.commit(),
                "mapwright " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), settings);
        String jsonText = ExplorationReport.json(r, origin).toPrettyString() + "\n";
        String table = ExplorationReport.table(r, origin);
        if (out != null) {
            net.dsl().ifPresent(text -> org.mapwright.files.AtomicFiles.write(out.resolve(net.include()), text));
            ExplorationFiles.write(out, r, jsonText, table, net.include());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.print(json ? jsonText : table);
        o.flush();
        return 0;
    }

    static ArchSearch.Listener progress(PrintWriter err) {
        return new ArchSearch.Listener() {
            @Override
            public void generation(int g, List<Scored> scored, Optional<Scored> best, long evaluated, double seconds,
                                   boolean replayed) {
                long feasible = scored.stream().filter(Scored::feasible).count();
                err.printf(Locale.ROOT, "generation %d%s: %d candidates (%d feasible), %,d scored, best EDP %s, %.1f s%n",
                        g + 1, replayed ? " (from checkpoint)" : "", scored.size(), feasible, evaluated,
                        best.map(b -> String.format(Locale.ROOT, "%.4g (%.3f mm2)", b.edp(), b.areaMm2())).orElse("-"),
                        seconds);
                err.flush();
            }
        };
    }

    private Exploration.Settings settings() {
        StrategyProvider sp;
        try {
            sp = Strategies.byName(strategy);
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput("--strategy", e.getMessage());
        }
        MapperProvider mp = NetSearchInputs.mapper("--inner-mapper", innerMapper);
        int t = threads == null ? Defaults.threads() : threads;
        if (t < 1) {
            throw MapInputs.badInput("--threads", "Give at least one thread, got " + t + ".");
        }
        if (budgetArchs != null && budgetArchs < 1) {
            throw MapInputs.badInput("--budget-archs", "The budget must be at least one design, got " + budgetArchs + ".");
        }
        if (budgetSeconds != null && !(budgetSeconds > 0 && Double.isFinite(budgetSeconds))) {
            throw MapInputs.badInput("--budget-seconds", "The time budget must be a positive number of seconds, got "
                    + budgetSeconds + ".");
        }
        if (population != null && population < 2) {
            throw MapInputs.badInput("--population", "A generation needs at least two candidates, got " + population + ".");
        }
        long evals = innerEvals == null ? DEFAULT_INNER_EVALS : innerEvals;
        if (evals < 1) {
            throw MapInputs.badInput("--inner-budget-evals", "The inner budget must be at least 1, got " + evals + ".");
        }
        MapperProvider fm = NetSearchInputs.mapper("--final-mapper", finalMapper);
        if (finalTop < 0) {
            throw MapInputs.badInput("--final-top", "Give 0 or more designs to re-map, got " + finalTop + ".");
        }
        if (finalEvals != null && finalEvals < 1) {
            throw MapInputs.badInput("--final-budget-evals", "The final budget must be at least 1, got " + finalEvals + ".");
        }
        Budget fb = finalEvals == null ? Defaults.budget() : Budget.evaluations(finalEvals);
        long archs = budgetArchs != null ? budgetArchs : budgetSeconds == null ? DEFAULT_BUDGET_ARCHS : 0;
        return new Exploration.Settings(sp, population == null ? 0 : population, archs,
                budgetSeconds == null ? 0 : budgetSeconds, seed, t, mp, Budget.evaluations(evals), sizingOnly, fm, fb,
                finalTop);
    }

    /** The architecture space an option names: a DSL file, a space of the input files, or a built-in space. */
    static ArchSpace resolveSpace(String option, String space, Library lib) {
        Path asFile = Path.of(space);
        if (space.endsWith(".mw") || Files.isRegularFile(asFile)) {
            if (!Files.isRegularFile(asFile)) {
                throw MapInputs.badInput(option, "No such file: " + space + "; give a DSL file that declares a space, "
                        + "or a built-in space's name.");
            }
            Library own = Frontend.load(List.of(asFile));
            if (own.spaces().size() != 1) {
                throw MapInputs.badInput(option, space + " declares " + own.spaces().size() + " spaces; give a file "
                        + "with exactly one, or name the space and pass the file as an argument.");
            }
            return own.spaces().values().iterator().next();
        }
        ArchSpace s = lib.spaces().get(space);
        if (s != null) {
            return s;
        }
        Optional<String> builtin = Frontend.builtinText(space + ".mw");
        if (builtin.isPresent()) {
            ArchSpace b = Frontend.loadBuiltin(space + ".mw").spaces().get(space);
            if (b != null) {
                return b;
            }
        }
        List<String> known = new ArrayList<>(lib.spaces().keySet());
        known.addAll(BUILTIN_SPACES);
        throw MapInputs.badInput(option, "There is no space `" + space + "` in the input files or the built-in "
                + "library" + Suggestions.closest(space, known).map(c -> "; did you mean `" + c + "`?").orElse(".")
                + " Give a DSL file that declares one, or a built-in space: " + String.join(", ", BUILTIN_SPACES) + ".");
    }

    static final List<String> BUILTIN_SPACES = List.of("eyeriss_resources", "edge_resources", "cloud_resources");

    /**
     * The network and how a DSL file in the output directory includes its declaration; for an ONNX model, which a
     * DSL file cannot include, the network's DSL text to write beside the outputs.
     */
    private record NetworkSource(Network network, String include, Optional<String> dsl) {
    }

    private NetworkSource network(Library lib, PrintWriter err) {
        Optional<Network> onnx = OnnxWorkloads.network("--workload", workload, err);
        if (onnx.isPresent()) {
            return new NetworkSource(onnx.get(), OnnxWorkloads.dslFileName(onnx.get()),
                    Optional.of(OnnxWorkloads.dsl(onnx.get())));
        }
        Network n = lib.networks().get(workload);
        if (n != null) {
            Path file = files.stream().filter(f -> Frontend.load(List.of(f)).networks().containsKey(workload)).findFirst()
                    .orElse(files.get(0));
            return new NetworkSource(n, file.toAbsolutePath().toString(), Optional.empty());
        }
        if (MapInputs.BUILTIN_NETWORKS.contains(workload)) {
            return new NetworkSource(Frontend.loadBuiltin(workload + ".mw").networks().get(workload),
                    Frontend.BUILTIN + workload + ".mw", Optional.empty());
        }
        List<String> known = new ArrayList<>(lib.networks().keySet());
        known.addAll(MapInputs.BUILTIN_NETWORKS);
        throw MapInputs.badInput("--workload", "There is no network `" + workload + "` in the input files or the "
                + "built-in library" + Suggestions.closest(workload, known).map(c -> "; did you mean `" + c + "`?")
                .orElse(".") + " The built-in networks are " + String.join(", ", MapInputs.BUILTIN_NETWORKS) + ".");
    }
}
