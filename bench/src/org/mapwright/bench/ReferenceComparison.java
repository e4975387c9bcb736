package org.mapwright.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.search.Budget;
import org.mapwright.search.Defaults;
import org.mapwright.search.Mappers;
import org.mapwright.search.Objective;
import org.mapwright.search.SearchDriver;
import org.mapwright.search.SearchResult;
import org.mapwright.testing.TimeloopStats;
import org.mapwright.testing.TimeloopTool;
import org.mapwright.timeloop.MappingWriter;

/**
 * Mapwright's mappers against Timeloop v3.0.3's random-pruned mapper on the reference (architecture, layer) pairs,
 * each under the constraints Timeloop obeyed. For every pair it runs the default mapper with default settings
 * (the search time excludes JVM start-up, JIT warm-up and model set-up) and, for sample efficiency, every listed mapper on one
 * thread, reporting the best EDP it had reached after as many valid evaluations as Timeloop made. Where the
 * Timeloop tool is in the shared directory, the default mapper's best mapping of every pair is also evaluated by
 * {@code timeloop-model} itself (in the mode {@link TimeloopTool#LINK_TRANSFERS} names), and its EDP must equal
 * Mapwright's to 1e-6 relative.
 *
 * <p>Usage: {@code ReferenceComparison SHARED_DIR [OUT_JSON] [mapper,...] [pair-filter]}.
 */
public final class ReferenceComparison {
    private ReferenceComparison() {
    }

    /**
     * Runs every mapper for about two seconds on a built-in pair that is not one of the compared pairs (MobileNetV2
     * on the Simba-like design), so that timed searches measure search, not the JIT compiling it (the JVM's start-up
     * is excluded from the comparison) and no compared pair has been seen before.
     */
    private static void warmUp() {
        Mapspace space = BenchPairs.warmUp();
        for (String m : List.of("random", "anneal", "genetic", "default")) {
            SearchDriver.run(space, Mappers.byName(m), SearchDriver.Settings.of(Objective.EDP, Budget.seconds(0.5), 99).withThreads(2));
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
        Path ref = shared.resolve("reference/timeloop");
        Path runModel = shared.resolve("tools/timeloop/run-model");
        boolean tool = Files.isExecutable(runModel);
        Path out = args.length > 1 ? Path.of(args[1]) : null;
        String list = args.length > 2 ? args[2] : "random,anneal,genetic,default";
        String[] mappers = list.equals("none") ? new String[0] : list.split(",");
        String filter = args.length > 3 ? args[3] : "";
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonNode runs = json.readTree(ref.resolve("mapper_results.json").toFile());
        ArrayNode rows = json.createArrayNode();
        List<String> table = new ArrayList<>();
        StringBuilder header = new StringBuilder("| pair | Timeloop EDP | Mapwright EDP | ratio | Timeloop s | Mapwright s | time ratio | timeloop-model EDP of Mapwright's mapping |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|---|---|---|---|");
        for (String m : mappers) {
            header.append(' ').append(m).append(" @ Timeloop's valid evals |");
            rule.append("---|");
        }
        table.add(header.toString());
        table.add(rule.toString());
        warmUp();
        int wins = 0;
        int fast = 0;
        int n = 0;
        int agree = 0;
        for (JsonNode run : runs) {
            String arch = run.get("arch").asText();
            String wl = run.get("workload").asText();
            String pair = arch + "/" + wl;
            if (!pair.contains(filter)) {
                continue;
            }
            double tlEdp = run.get("best").get("edp_J_cycle").asDouble();
            double tlSeconds = run.get("wall_time_s").asDouble();
            long tlValid = run.get("mappings_valid_evaluated").asLong();
            Mapspace space = BenchPairs.reference(ref, arch, wl);
            SearchResult def = SearchDriver.run(space, Mappers.byName(Defaults.MAPPER),
                    SearchDriver.Settings.of(Objective.EDP, Defaults.budget(), Defaults.SEED).withThreads(2));
            double ours = def.bestOutcome().map(o -> o.edp()).orElse(Double.POSITIVE_INFINITY);
            ObjectNode row = rows.addObject();
            row.put("arch", arch);
            row.put("workload", wl);
            row.put("timeloop_edp", tlEdp);
            row.put("timeloop_seconds", tlSeconds);
            row.put("timeloop_valid_evaluations", tlValid);
            row.put("mapwright_edp", ours);
            row.put("mapwright_seconds", def.seconds());
            row.put("mapwright_evaluations", def.evaluations());
            row.put("mapwright_valid_evaluations", def.valid());
            row.put("log10_mapspace_size", space.log10Size());
            String check = "n/a (no Timeloop tool)";
            if (tool && def.bestMapping().isPresent()) {
                TimeloopStats t = TimeloopTool.run(runModel, Path.of("target/bench-timeloop", arch, wl),
                        Files.readString(ref.resolve("inputs/problems/" + wl + ".yaml")),
                        ref.resolve("inputs/arch/" + arch + ".yaml"), ref.resolve("inputs/ert/" + arch + ".yaml"),
                        MappingWriter.write(def.bestMapping().get(), space.workload(), space.architecture()));
                double theirs = org.mapwright.cost.Cost.edp(t.energyPj(), t.cycles());
                boolean same = Math.abs(theirs - ours) <= 1e-6 * theirs;
                agree += same ? 1 : 0;
                row.put("timeloop_model_edp_of_mapwright_best", theirs);
                row.put("timeloop_model_cycles_of_mapwright_best", t.cycles());
                row.put("timeloop_model_energy_pj_of_mapwright_best", t.energyPj());
                row.put("timeloop_model_agrees", same);
                check = String.format(Locale.ROOT, "%.4g %s", theirs, same ? "(= Mapwright's)" : "(DIFFERS)");
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %.4g | %.4g | %.3f | %.1f | %.2f | %.3f | %s |",
                    pair, tlEdp, ours, ours / tlEdp, tlSeconds, def.seconds(), def.seconds() / tlSeconds, check));
            ObjectNode eff = row.putObject("at_timeloop_valid_evaluations");
            for (String m : mappers) {
                SearchResult r = SearchDriver.run(space, Mappers.byName(m), SearchDriver.Settings.of(Objective.EDP,
                        new Budget(Math.max(200_000, 60 * tlValid), 0, 0, 0), Defaults.SEED));
                double at = r.bestWithinValid(tlValid);
                eff.put(m, at);
                line.append(String.format(Locale.ROOT, " %.4g (%.2f) |", at, at / tlEdp));
            }
            table.add(line.toString());
            System.err.println(line + String.format(Locale.ROOT, " size 10^%.1f, best found after %d evaluations, %d in all, stop: %s",
                    space.log10Size(), def.trace().isEmpty() ? 0 : def.trace().get(def.trace().size() - 1).evaluations(),
                    def.evaluations(), def.stopReasons()));
            n++;
            wins += ours <= tlEdp * (1 + 1e-9) ? 1 : 0;
            fast += def.seconds() <= tlSeconds / 10 ? 1 : 0;
        }
        System.out.println(String.join("\n", table));
        System.out.printf(Locale.ROOT, "%nEDP <= Timeloop's on %d of %d pairs; search time <= 1/10 of Timeloop's on %d of %d.%n",
                wins, n, fast, n);
        if (tool) {
            System.out.printf(Locale.ROOT, "timeloop-model's EDP of Mapwright's best mapping equals Mapwright's on %d of %d pairs "
                    + "(link transfers %s).%n", agree, n, TimeloopTool.LINK_TRANSFERS ? "on" : "off");
        } else {
            System.out.println("No Timeloop tool at " + runModel + ": Mapwright's best mappings were not re-evaluated by timeloop-model.");
        }
        if (out != null) {
            ObjectNode root = json.createObjectNode();
            root.put("commit", System.getProperty("mapwright.commit", "unknown"));
            root.put("command", System.getProperty("mapwright.command", "ReferenceComparison"));
            root.put("budget", Defaults.budget().toString());
            root.put("seed", Defaults.SEED);
            root.put("timeloop_model_link_transfers", TimeloopTool.LINK_TRANSFERS);
            root.set("pairs", rows);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json.writeValueAsString(root));
        }
    }
}
