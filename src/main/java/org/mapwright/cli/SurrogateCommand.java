package org.mapwright.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mapwright.exec.Engine;
import org.mapwright.surrogate.DataGenerator;
import org.mapwright.surrogate.Dataset;
import org.mapwright.surrogate.Family;
import org.mapwright.surrogate.HeldOut;
import org.mapwright.surrogate.Metrics;
import org.mapwright.surrogate.SurrogateModel;
import org.mapwright.surrogate.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mapwright surrogate data|train|eval}: makes the learned surrogate the gradient mapper descends on, from
 * data generation to held-out accuracy. The shipped models in {@code models/} are made with the commands in
 * {@code models/README.md}.
 */
@Command(name = "surrogate", mixinStandardHelpOptions = true,
        description = "Generates surrogate training data, trains surrogate models and measures them on held-out inputs.",
        subcommands = {SurrogateCommand.Data.class, SurrogateCommand.Train.class, SurrogateCommand.Eval.class})
final class SurrogateCommand implements Runnable {
    static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing command: try `mapwright surrogate data --help`.");
    }

    static Family family(String name) {
        return Family.byName(name).orElseThrow(() -> MapInputs.badInput("--family", "There is no accelerator family `"
                + name + "`; the families are " + String.join(", ", Family.all().stream().map(Family::name).toList()) + "."));
    }

    static ObjectNode provenance(CommandSpec spec) {
        ObjectNode p = JSON.createObjectNode();
        p.put("commit", Provenance.commit());
        p.put("command", "mapwright " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        return p;
    }

    static void positive(String option, long value) {
        if (value < 1) {
            throw MapInputs.badInput(option, option + " must be at least 1, got " + value + ".");
        }
    }

    /** {@code surrogate data}. */
    @Command(name = "data", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Samples layers, accelerators of a family and mappings, labels them with the cost model and "
                + "streams them to a binary dataset file.")
    static final class Data implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--family", required = true, paramLabel = "NAME", description = "Accelerator family: eyeriss or simple.")
        String family;

        @Option(names = "--pairs", paramLabel = "N", defaultValue = "8000", description = "(Layer, accelerator) pairs (default: ${DEFAULT-VALUE}).")
        int pairs;

        @Option(names = "--per-pair", paramLabel = "K", defaultValue = "50", description = "Mappings per pair (default: ${DEFAULT-VALUE}).")
        int perPair;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Root seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: every processor).")
        Integer threads;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The dataset file to write.")
        Path out;

        @Option(names = "--oracle", paramLabel = "NAME", defaultValue = "analytical",
                description = "What labels the mappings, as for `map` (default: ${DEFAULT-VALUE}).")
        String oracle;

        @Option(names = "--timeloop", paramLabel = "PATH", description = "timeloop-model for --oracle timeloop.")
        Path timeloop;

        @Mixin
        EngineChoice engines = new EngineChoice();

        @Override
        public Integer call() throws IOException {
            positive("--pairs", pairs);
            positive("--per-pair", perPair - 1);
            int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            positive("--threads", t);
            PrintWriter err = spec.commandLine().getErr();
            OracleChoice o = OracleChoice.of(oracle, timeloop, System.getenv(), err);
            DataGenerator.Settings settings = new DataGenerator.Settings(family(family), pairs, perPair, seed, t,
                    Family.Split.TRAIN, false, o.provider(), o.options());
            long rows;
            Optional<Engine> engine = engines.open(t);
            try {
                if (engine.isPresent()) {
                    err.println("Pairs are labelled on " + engine.get().description());
                    rows = DataGenerator.generate(settings, engine.get(), out, provenance(spec), m -> err.println(m));
                } else {
                    rows = DataGenerator.generate(settings, out, provenance(spec), m -> err.println(m));
                }
            } finally {
                engine.ifPresent(Engine::close);
            }
            spec.commandLine().getOut().printf("%s: %,d samples of %d pairs%n", out, rows, pairs);
            return 0;
        }
    }

    /** {@code surrogate train}. */
    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Trains a surrogate on a dataset with DJL and writes a model folder (parameters, "
                + "normalisation, provenance, validation and held-out metrics).")
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DATA", description = "A dataset from `mapwright surrogate data`.")
        Path data;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The model folder, such as models/eyeriss.")
        Path out;

        @Option(names = "--hidden", paramLabel = "W,...", split = ",", defaultValue = "256,256,256",
                description = "Hidden layer widths (default: ${DEFAULT-VALUE}).")
        List<Integer> hidden = new ArrayList<>();

        @Option(names = "--epochs", paramLabel = "N", defaultValue = "15", description = "Most epochs (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--batch", paramLabel = "N", defaultValue = "512", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--lr", paramLabel = "X", defaultValue = "0.002", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
        float lr;

        @Option(names = "--patience", paramLabel = "N", defaultValue = "3",
                description = "Epochs without validation improvement before stopping (default: ${DEFAULT-VALUE}).")
        int patience;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", paramLabel = "T", description = "PyTorch threads (default: every processor).")
        Integer threads;

        @Option(names = "--held-out-pairs", paramLabel = "N", defaultValue = "200",
                description = "Pairs per held-out set measured after training (default: ${DEFAULT-VALUE}; 0 skips).")
        int heldOutPairs;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(data)) {
                throw MapInputs.badInput(data.toString(), "There is no dataset file " + data
                        + "; make one with `mapwright surrogate data --family NAME --out FILE`.");
            }
            Dataset.Rows rows;
            try {
                rows = Dataset.read(data);
            } catch (IOException e) {
                throw MapInputs.badInput(data.toString(), e.getMessage());
            }
            int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            Trainer.Settings s;
            try {
                s = new Trainer.Settings(hidden, epochs, batch, lr, patience, seed, t, heldOutPairs);
            } catch (IllegalArgumentException e) {
                throw MapInputs.badInput("--hidden/--epochs/--batch/--lr/--patience/--threads/--held-out-pairs", e.getMessage());
            }
            PrintWriter err = spec.commandLine().getErr();
            ObjectNode prov = provenance(spec);
            prov.put("data", data.toString());
            prov.set("data_meta", rows.meta());
            prov.put("samples", rows.size());
            prov.put("seed", seed);
            prov.put("oracle", rows.meta().path("oracle").asText("analytical"));
            Trainer.Result r;
            try {
                r = Trainer.train(rows, s, out, prov, m -> err.println(m));
            } catch (IOException e) {
                throw MapInputs.badInput(data.toString(), e.getMessage());
            }
            PrintWriter o = spec.commandLine().getOut();
            o.printf("%s: %d epochs (kept %d), validation: Spearman %.4f, median relative EDP error %.3f, validity "
                    + "accuracy %.3f, %.0f s%n", out, r.epochs(), r.bestEpoch(), r.validation().spearman(),
                    r.validation().medianRelativeError(), r.validation().validityAccuracy(), r.seconds());
            if (!r.heldOut().isEmpty()) {
                print(o, r.heldOut());
            }
            return 0;
        }
    }

    static void print(PrintWriter o, Map<String, Metrics.Accuracy> h) {
        o.printf("%-26s %9s %9s %9s %9s%n", "held-out set", "Spearman", "med.err", "validity", "samples");
        h.forEach((k, a) -> o.printf("%-26s %9.4f %9.3f %9.3f %9d%n", k, a.spearman(), a.medianRelativeError(),
                a.validityAccuracy(), a.samples()));
    }

    /** {@code surrogate eval}. */
    @Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Measures a model on layers, mappings and accelerator sizes not in training: Spearman rank "
                + "correlation and median relative error of EDP, per held-out set.")
    static final class Eval implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "MODEL", description = "A model folder, such as models/eyeriss.")
        Path model;

        @Option(names = "--pairs", paramLabel = "N", defaultValue = "200", description = "Pairs per set (default: ${DEFAULT-VALUE}).")
        int pairs;

        @Option(names = "--per-pair", paramLabel = "K", defaultValue = "50", description = "Mappings per pair (default: ${DEFAULT-VALUE}).")
        int perPair;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            positive("--pairs", pairs);
            positive("--per-pair", perPair - 1);
            SurrogateModel m;
            try {
                m = SurrogateModel.load(model);
            } catch (IOException e) {
                throw MapInputs.badInput(model.toString(), e.getMessage());
            }
            Map<String, Metrics.Accuracy> h = HeldOut.evaluate(m, pairs, perPair, seed);
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                ObjectNode n = JSON.createObjectNode();
                n.put("family", m.family().name());
                n.set("held_out", JSON.valueToTree(h));
                n.set("provenance", provenance(spec));
                o.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
            } else {
                o.println("family " + m.family().name());
                print(o, h);
            }
            return 0;
        }
    }
}
