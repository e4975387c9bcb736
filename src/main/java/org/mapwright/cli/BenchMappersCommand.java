package org.mapwright.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mapwright.bench.BenchConfig;
import org.mapwright.bench.BenchFiles;
import org.mapwright.bench.BenchResult;
import org.mapwright.bench.LayerCase;
import org.mapwright.bench.MapperBench;
import org.mapwright.bench.Provenance;
import org.mapwright.bench.Report;
import org.mapwright.bench.Summary;
import org.mapwright.diag.Suggestions;
import org.mapwright.dsl.Frontend;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.NoLegalMappingException;
import org.mapwright.netmap.Fingerprint;
import org.mapwright.search.Budget;
import org.mapwright.search.CostOracles;
import org.mapwright.search.Defaults;
import org.mapwright.search.MapperProvider;
import org.mapwright.search.Mappers;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mapwright bench mappers [FILE...] --budget-evals N --seeds K ...}: every mapper at its default settings on
 * every distinct layer and seed, at the same budget of true evaluations; see {@link MapperBench}. This class only
 * reads the options and inputs (as {@code map} does) and writes what {@code org.mapwright.bench} produces.
 */
@Command(name = "mappers", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Compares mappers: each at its default settings searches every distinct layer of the network (or the "
                + "given layers) with every seed, at the same budget of true evaluations (and, with "
                + "--budget-seconds, the same wall time). Prints per mapper the geomean over layers of the median "
                + "EDP over seeds, the same over each layer's lower bound, the geomean seconds and the layers won.",
            "Inputs are given as for `mapwright map`: DSL or Timeloop YAML files, or built-in names with --arch "
                + "and --workload.",
            "Progress goes to stderr. With --out DIR: results.csv (one row per search), summary.md, results.json "
                + "and PNG convergence plots (best EDP vs true evaluations and vs seconds)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:bad input, or no legal mapping for a layer", "1:internal error"})
final class BenchMappersCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "DSL (.mw) or Timeloop YAML files.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--arch", paramLabel = "NAME", description = "The accelerator, as for `map`.")
    String arch;

    @Option(names = "--workload", paramLabel = "NAME", description = "The network or layer (or an ONNX model file), "
            + "as for `map`.")
    String workload;

    @Option(names = "--layers", paramLabel = "L", split = ",",
            description = "Benchmark only these layers (comma-separated names). Default: every distinct layer; "
                + "a layer with the same workload as an earlier one is searched once.")
    List<String> layers;

    @Option(names = "--budget-evals", paramLabel = "N", description = "True evaluations per search (required).")
    Long budgetEvals;

    @Option(names = "--budget-seconds", paramLabel = "S",
            description = "Also stop each search after S seconds, so every mapper gets the same wall time.")
    Double budgetSeconds;

    @Option(names = "--seeds", paramLabel = "K", description = "Searches per mapper and layer, each with its own "
            + "seed (required); the median over them is reported.")
    Integer seeds;

    @Option(names = "--seed", paramLabel = "S", description = "Root seed: seed index k uses root seed S+k, split per "
            + "layer as `map --seed` does (default: ${DEFAULT-VALUE}).")
    long seed = Defaults.SEED;

    @Option(names = "--mappers", paramLabel = "LIST", split = ",",
            description = "The mappers to compare, in order. Default: every registered mapper but exhaustive.")
    List<String> mappers;

    @Option(names = "--threads", paramLabel = "T", description = "Threads per search (default: ${DEFAULT-VALUE}, "
            + "like for like).")
    int threads = 1;

    @Option(names = "--constraints", paramLabel = "NAME", description = "DSL constraints to apply, as for `map`.")
    String constraints;

    @Option(names = "--no-link-transfers", description = "Evaluate without forwarding between neighbouring "
            + "instances, as for `map`.")
    boolean noLinkTransfers;

    @Option(names = "--oracle", paramLabel = "NAME", defaultValue = CostOracles.DEFAULT,
            description = "The cost oracle every search ranks by and the budget counts, as for `map` (default: "
                + "${DEFAULT-VALUE}).")
    String oracle;

    @Option(names = "--timeloop", paramLabel = "PATH", description = "timeloop-model for --oracle timeloop, as for `map`.")
    Path timeloop;

    @Option(names = "--json", description = "Print the result as JSON instead of the table.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Write results.csv, summary.md, results.json and "
            + "the convergence plots here.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<MapperProvider> providers = providers();
        BenchConfig config = config(providers);
        if (out != null) {
            OutputFiles.directory("--out", out);
        }
        MapInputs in = MapInputs.load(files, arch, workload, constraints);
        if (noLinkTransfers) {
            in.disableLinkTransfers();
        }
        PrintWriter err = spec.commandLine().getErr();
        in.notes().forEach(err::println);
        in.newWarnings().forEach(w -> err.println(w.format()));
        List<LayerCase> cases = cases(in, err);
        providers = supported(providers, cases, err);
        config = config.withMappers(providers.stream().map(MapperProvider::name).toList());
        BenchResult result = MapperBench.run(in.workloadName(), in.architecture().name(), cases, providers, config, err);
        Summary summary = Summary.of(result);
        Provenance provenance = provenance(in);
        if (out != null) {
            for (Map.Entry<String, byte[]> f : BenchFiles.of(result, summary, provenance).entrySet()) {
                OutputFiles.writeAtomically(out.resolve(f.getKey()), f.getValue());
            }
            err.println("results written to " + out);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.print(json ? Report.json(result, summary, provenance).toPrettyString() + "\n" : Report.table(result, summary));
        o.flush();
        return 0;
    }

    /**
     * The mappers that can search every layer (see {@link MapperProvider#unsupported}): one the user listed and cannot
     * is bad input at the first layer it cannot search; one from the default list is left out with a note.
     */
    private List<MapperProvider> supported(List<MapperProvider> providers, List<LayerCase> cases, PrintWriter err) {
        List<MapperProvider> out = new ArrayList<>();
        for (MapperProvider p : providers) {
            Optional<String> why = Optional.empty();
            String where = "";
            for (LayerCase c : cases) {
                why = p.unsupported(c.space());
                if (why.isPresent()) {
                    where = "layer " + c.name();
                    break;
                }
            }
            if (why.isEmpty()) {
                out.add(p);
            } else if (mappers != null) {
                throw MapInputs.badInput(where, why.get());
            } else {
                err.println("note: mapper " + p.name() + " left out: " + why.get());
            }
        }
        if (out.isEmpty()) {
            throw MapInputs.badInput("--mappers", "None of the mappers can search these layers; give others with --mappers.");
        }
        return out;
    }

    private List<MapperProvider> providers() {
        Map<String, MapperProvider> all = Mappers.all();
        List<String> names = mappers == null ? MapperBench.defaultMappers(all.keySet()) : mappers;
        if (names.isEmpty() || names.stream().anyMatch(String::isBlank)) {
            throw MapInputs.badInput("--mappers", "Give the mappers to compare as a comma-separated list without "
                    + "empty names, such as --mappers anneal,genetic; the mappers are " + String.join(", ", all.keySet())
                    + ".");
        }
        List<MapperProvider> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            MapperProvider p = all.get(n);
            if (p == null) {
                throw MapInputs.badInput("--mappers", "There is no mapper `" + n + "`"
                        + Suggestions.closest(n, all.keySet()).map(c -> "; did you mean `" + c + "`?").orElse(".")
                        + " The mappers are " + String.join(", ", all.keySet()) + ".");
            }
            if (!seen.add(n)) {
                throw MapInputs.badInput("--mappers", "Mapper `" + n + "` is listed twice; give each mapper once.");
            }
            out.add(p);
        }
        return out;
    }

    /** Checks the options that need no input files, before any file is read. */
    private BenchConfig config(List<MapperProvider> providers) {
        if (budgetEvals == null) {
            throw MapInputs.badInput("--budget-evals", "A benchmark needs an evaluation budget, so that every mapper "
                    + "gets the same number of true evaluations; give --budget-evals N (such as 1000).");
        }
        if (budgetEvals < 1) {
            throw MapInputs.badInput("--budget-evals", "The evaluation budget must be at least 1, got " + budgetEvals
                    + ".");
        }
        if (budgetSeconds != null && !(budgetSeconds > 0 && Double.isFinite(budgetSeconds))) {
            throw MapInputs.badInput("--budget-seconds", "The time budget must be a positive number of seconds, got "
                    + budgetSeconds + ".");
        }
        if (seeds == null) {
            throw MapInputs.badInput("--seeds", "A benchmark needs a number of seeds per mapper and layer; give "
                    + "--seeds K (such as 3), and the median over the K searches is reported.");
        }
        if (seeds < 1) {
            throw MapInputs.badInput("--seeds", "A benchmark needs at least one seed per mapper and layer, got "
                    + seeds + "; give --seeds K with K at least 1.");
        }
        if (threads < 1) {
            throw MapInputs.badInput("--threads", "A search needs at least one thread, got " + threads + ".");
        }
        Budget budget = new Budget(budgetEvals, budgetSeconds == null ? 0 : budgetSeconds, 0, 0);
        OracleChoice o = OracleChoice.of(oracle, timeloop, System.getenv(), spec.commandLine().getErr());
        return new BenchConfig(providers.stream().map(MapperProvider::name).toList(), budget, seeds, seed, threads,
                o.provider(), o.options());
    }

    /** The layers to search, in network order, each distinct workload once. */
    private List<LayerCase> cases(MapInputs in, PrintWriter err) {
        List<Layer> all = in.layers();
        List<Integer> selected = new ArrayList<>();
        if (layers == null) {
            for (int i = 0; i < all.size(); i++) {
                selected.add(i);
            }
        } else {
            List<String> names = all.stream().map(Layer::name).toList();
            for (String l : layers) {
                int i = names.indexOf(l);
                if (i < 0) {
                    throw MapInputs.badInput("--layers", in.workloadName() + " has no layer `" + l + "`"
                            + Suggestions.hint(l, names));
                }
                if (selected.contains(i)) {
                    throw MapInputs.badInput("--layers", "Layer `" + l + "` is listed twice; give each layer once.");
                }
                selected.add(i);
            }
            selected.sort(null);
        }
        Map<Workload, Integer> first = new LinkedHashMap<>();
        Map<Integer, List<String>> sameAs = new LinkedHashMap<>();
        for (int i : selected) {
            Workload shape = all.get(i).workload().withName("");
            Integer f = first.putIfAbsent(shape, i);
            sameAs.computeIfAbsent(f == null ? i : f, k -> new ArrayList<>());
            if (f != null) {
                sameAs.get(f).add(all.get(i).name());
            }
        }
        List<LayerCase> cases = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> e : sameAs.entrySet()) {
            Layer layer = all.get(e.getKey());
            String where = "layer " + layer.name();
            Mapspace space;
            try {
                space = new Mapspace(layer.workload(), in.architecture(), in.constraintsFor(layer.workload()));
            } catch (NoLegalMappingException | IllegalArgumentException ex) {
                throw MapInputs.badInput(where, ex.getMessage());
            }
            in.newWarnings().forEach(x -> err.println(x.format()));
            space.warnings().forEach(x -> err.println(where + ": warning: " + x));
            cases.add(new LayerCase(layer.name(), e.getKey(), space, e.getValue()));
        }
        int folded = selected.size() - cases.size();
        if (folded > 0) {
            err.println(folded + " layer" + (folded == 1 ? " has" : "s have") + " the workload of an earlier one and "
                    + (folded == 1 ? "is" : "are") + " searched once with it; " + cases.size() + " layer"
                    + (cases.size() == 1 ? "" : "s") + " to benchmark.");
        }
        return cases;
    }

    private Provenance provenance(MapInputs in) {
        List<Provenance.Input> inputs = new ArrayList<>();
        for (Path f : in.files()) {
            inputs.add(new Provenance.Input(f.toString(), InputFiles.sha256(f)));
        }
        for (String b : in.builtins()) {
            inputs.add(new Provenance.Input(b, Fingerprint.sha256(
                    Frontend.builtinText(b.substring(Frontend.BUILTIN.length())).orElse(""))));
        }
        String commit = System.getProperty("mapwright.commit", System.getenv("MAPWRIGHT_COMMIT"));
        return new Provenance(Main.version(), Optional.ofNullable(commit).filter(c -> !c.isBlank()),
                spec.commandLine().getParseResult().originalArgs(), inputs);
    }
}
