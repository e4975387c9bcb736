package org.mapwright.archsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import org.mapwright.dsl.AcceleratorWriter;
import org.mapwright.netmap.LayerResult;
import org.mapwright.netmap.NetworkResult;

/**
 * An exploration's result as JSON (for tools) and as a table (for people): the best design with its DSL text and
 * per-layer costs, the baselines, the floor and how far above it each design is, the search's history and the
 * Pareto front, and where the figures come from (commit and command).
 */
public final class ExplorationReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What produced the result.
     *
     * @param commit   the git commit of the program
     * @param command  the command line
     * @param settings the exploration's settings
     */
    public record Origin(String commit, String command, Exploration.Settings settings) {
    }

    private ExplorationReport() {
    }

    /** The searched design's name in the DSL and Timeloop files. */
    public static String bestName(Exploration.Result r) {
        return "searched_" + r.spaceName();
    }

    /** The report as a JSON tree. */
    public static ObjectNode json(Exploration.Result r, Origin o) {
        ObjectNode root = JSON.createObjectNode();
        root.put("space", r.spaceName());
        root.put("network", r.network().name());
        root.put("strategy", o.settings().strategy().name());
        root.put("sizing_only", o.settings().sizingOnly());
        root.put("seed", o.settings().seed());
        root.put("population", r.population());
        ObjectNode inner = root.putObject("inner_mapper");
        inner.put("name", o.settings().innerMapper().name());
        inner.put("budget_evals", o.settings().innerBudget().evaluations());
        inner.put("seed", Exploration.mappingSeed(o.settings().seed()));
        ObjectNode fin = root.putObject("final_mapper");
        fin.put("name", o.settings().finalMapper().name());
        fin.put("budget_evals", o.settings().finalBudget().evaluations());
        fin.put("top", o.settings().finalTop());
        fin.put("seed", Exploration.mappingSeed(o.settings().seed()));
        ObjectNode best = root.putObject("best");
        if (r.best().isPresent()) {
            Scored s = r.bestScore().orElseThrow();
            put(best, s, r.floor());
            r.run().best().ifPresent(sb -> best.put("search_edp", sb.edp()));
            best.put("key", s.key());
            best.put("arch", AcceleratorWriter.write(r.best().get().architecture().withName(bestName(r))));
            best.set("layers", layers(r.bestMapped().orElseThrow()));
        } else {
            best.putNull("edp");
        }
        ObjectNode baselines = root.putObject("baselines");
        for (Map.Entry<String, Exploration.Baseline> b : r.baselines().entrySet()) {
            ObjectNode n = baselines.putObject(b.getKey());
            put(n, b.getValue().score(), r.floor());
            n.put("description", b.getValue().description());
            if (b.getValue().search().feasible()) {
                n.put("search_edp", b.getValue().search().edp());
            }
            r.bestScore().ifPresent(s -> {
                if (b.getValue().score().feasible()) {
                    n.put("over_best", b.getValue().score().edp() / s.edp());
                }
            });
        }
        ArrayNode finalists = root.putArray("finalists");
        for (Exploration.Finalist f : r.finalists()) {
            ObjectNode n = finalists.addObject();
            n.put("key", f.design().key());
            n.put("search_edp", f.search().edp());
            if (f.last().feasible()) {
                n.put("edp", f.last().edp());
            } else {
                n.putNull("edp");
            }
            n.put("area_mm2", f.design().areaMm2());
        }
        root.put("floor_edp", r.floor().edp());
        ObjectNode floor = root.putObject("floor");
        floor.put("energy_pj", r.floor().energyPj());
        floor.put("cycles", r.floor().cycles());
        root.put("evaluated_archs", r.run().evaluated());
        root.put("distinct_archs", r.run().distinct());
        root.put("feasible_archs", r.run().all().stream().filter(Scored::feasible).map(Scored::key).distinct().count());
        root.put("generations", r.run().generations().size());
        root.put("resumed_generations", r.run().resumed());
        root.put("seconds", r.run().seconds());
        ArrayNode curve = root.putArray("best_edp_per_generation");
        for (double v : r.run().bestPerGeneration()) {
            if (Double.isFinite(v)) {
                curve.add(v);
            } else {
                curve.addNull();
            }
        }
        ArrayNode pareto = root.putArray("pareto");
        for (Scored s : Pareto.front(r.run().all())) {
            ObjectNode p = pareto.addObject();
            p.put("area_mm2", s.areaMm2());
            p.put("edp", s.edp());
            p.put("key", s.key());
        }
        root.put("commit", o.commit());
        root.put("command", o.command());
        return root;
    }

    private static void put(ObjectNode n, Scored s, Floor floor) {
        if (!s.feasible()) {
            n.putNull("edp");
            ArrayNode p = n.putArray("problems");
            s.problems().forEach(p::add);
            return;
        }
        n.put("edp", s.edp());
        n.put("energy_pj", s.energyPj());
        n.put("cycles", s.cycles());
        n.put("area_mm2", s.areaMm2());
        n.put("compute_units", s.computeUnits());
        n.put("onchip_bytes", s.onChipBytes());
        n.put("over_floor", s.edp() / floor.edp());
    }

    private static ArrayNode layers(NetworkResult net) {
        ArrayNode a = JSON.createArrayNode();
        for (LayerResult l : net.layers()) {
            ObjectNode o = a.addObject();
            o.put("name", l.name());
            o.put("repeat", l.repeat());
            o.put("energy_pj", l.evaluation().energyPj());
            o.put("cycles", l.evaluation().cycles());
            o.put("edp", l.evaluation().edp());
            o.put("utilization", l.evaluation().utilization());
            l.sameAs().ifPresent(s -> o.put("same_as", s));
        }
        return a;
    }

    /** The report as a table. */
    public static String table(Exploration.Result r, Origin o) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Accelerator search: %s on %s, %s%s, seed %d, %,d candidates (%,d distinct) "
                        + "in %d generations, inner mapper %s at %,d evaluations per layer%n%n", r.network().name(),
                r.spaceName(), o.settings().strategy().name(), o.settings().sizingOnly() ? " (sizing only)" : "",
                o.settings().seed(), r.run().evaluated(), r.run().distinct(), r.run().generations().size(),
                o.settings().innerMapper().name(), o.settings().innerBudget().evaluations()));
        String row = "%-28s %12s %14s %16s %10s %10s%n";
        String header = String.format(Locale.ROOT, row, "design", "EDP", "energy", "cycles", "area mm2", "x floor");
        sb.append(header).append("-".repeat(header.length() - 1)).append('\n');
        r.bestScore().ifPresent(s -> sb.append(line(row, "searched", s, r.floor())));
        for (Exploration.Baseline b : r.baselines().values()) {
            sb.append(line(row, b.name(), b.score(), r.floor()));
        }
        sb.append(String.format(Locale.ROOT, row, "floor (MAC energy only)", edp(r.floor().edp()),
                String.format(Locale.ROOT, "%.4g pJ", r.floor().energyPj()), String.format(Locale.ROOT, "%,d", r.floor().cycles()),
                "", "1.00x"));
        sb.append('\n');
        if (r.run().best().isEmpty()) {
            sb.append("No candidate was within the limits with every layer mapped; give a larger budget or relax the "
                    + "space's limits.\n");
        } else {
            Scored best = r.bestScore().get();
            for (Exploration.Baseline b : r.baselines().values()) {
                if (b.score().feasible()) {
                    sb.append(String.format(Locale.ROOT, "%s EDP / searched EDP = %.2f%n", b.name(),
                            b.score().edp() / best.edp()));
                }
            }
        }
        sb.append(r.finalists().isEmpty()
                ? "EDP in J x cycles (total energy times total cycles over the network); every design costed by the same "
                    + "technology model and inner mapper.\n"
                : String.format(Locale.ROOT, "EDP in J x cycles (total energy times total cycles over the network); the "
                    + "search's %d best designs and the baselines re-mapped with %s at %,d evaluations per layer, all "
                    + "costed by the same technology model.%n", r.finalists().size(), o.settings().finalMapper().name(),
                    o.settings().finalBudget().evaluations()));
        return sb.toString();
    }

    private static String line(String row, String name, Scored s, Floor floor) {
        if (!s.feasible()) {
            return String.format(Locale.ROOT, row, name, "-", "-", "-", "-", "-") + "    " + String.join("; ", s.problems()) + "\n";
        }
        return String.format(Locale.ROOT, row, name, edp(s.edp()), String.format(Locale.ROOT, "%.4g pJ", s.energyPj()),
                String.format(Locale.ROOT, "%,d", s.cycles()), String.format(Locale.ROOT, "%.3f", s.areaMm2()),
                String.format(Locale.ROOT, "%.2fx", s.edp() / floor.edp()));
    }

    private static String edp(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
