package org.mapwright.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mapwright.search.TracePoint;

/**
 * A benchmark's reports: the text table for the terminal, the Markdown summary, the CSV of every search and the
 * JSON of everything. Figures that do not exist (no valid mapping, a lower bound of 0) print as {@code -} (JSON
 * {@code null}, CSV empty), never as infinity or NaN.
 */
public final class Report {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** How the figures are aggregated, said wherever they are shown. */
    static final String AGGREGATION = "Per layer, the median over seeds comes first; geomeans are then taken over "
            + "layers, each distinct layer once. EDP in J x cycles; LB: the layer's lower bound (no mapping can beat "
            + "it); seconds: geomean of the median search time; wins: layers where the mapper's median EDP is the "
            + "lowest (a tie counts for each).";

    private Report() {
    }

    /** A figure with four significant digits, or {@code -}. */
    static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "-";
    }

    /** A ratio such as {@code 1.23x}, or {@code -}. */
    static String ratio(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3gx", v) : "-";
    }

    private static String seconds(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "-";
    }

    private static String heading(BenchResult r) {
        BenchConfig c = r.config();
        return String.format(Locale.ROOT, "%d mapper%s on %s (%d layer%s) on %s: %,d evaluations%s per search, %d "
                        + "seed%s, %d thread%s per search, root seed %d", c.mappers().size(), c.mappers().size() == 1 ? "" : "s",
                r.workload(), r.layers().size(), r.layers().size() == 1 ? "" : "s", r.accelerator(),
                c.budget().evaluations(), c.budget().seconds() > 0
                        ? String.format(Locale.ROOT, " or %s s", seconds(c.budget().seconds())) : "",
                c.seeds(), c.seeds() == 1 ? "" : "s", c.threads(), c.threads() == 1 ? "" : "s", c.rootSeed());
    }

    /** The terminal table: one row per mapper, then median EDP over the lower bound per layer and mapper. */
    public static String table(BenchResult r, Summary s) {
        StringBuilder sb = new StringBuilder(wrap("Benchmark of " + heading(r))).append("\n\n");
        int w = Math.max(6, r.config().mappers().stream().mapToInt(String::length).max().orElse(0));
        String row = "%-" + w + "s %12s %10s %10s %7s%n";
        String header = String.format(Locale.ROOT, row, "mapper", "geomean EDP", "EDP/LB", "seconds", "wins");
        sb.append(header).append("-".repeat(header.length() - 1)).append('\n');
        for (Summary.MapperRow m : s.mappers()) {
            sb.append(String.format(Locale.ROOT, row, m.mapper(), number(m.geomeanEdp()), ratio(m.geomeanEdpOverBound()),
                    seconds(m.geomeanSeconds()), m.wins() + "/" + r.layers().size()));
        }
        sb.append('\n');
        int lw = Math.max(5, r.layers().stream().mapToInt(l -> l.name().length()).max().orElse(0));
        StringBuilder lrow = new StringBuilder("%-" + lw + "s %12s");
        for (String m : r.config().mappers()) {
            lrow.append(" %").append(Math.max(9, m.length() + 1)).append('s');
        }
        String fmt = lrow.append("%n").toString();
        Object[] head = new Object[r.config().mappers().size() + 2];
        head[0] = "layer";
        head[1] = "LB EDP";
        for (int i = 0; i < r.config().mappers().size(); i++) {
            head[i + 2] = r.config().mappers().get(i);
        }
        String lheader = String.format(Locale.ROOT, fmt, head);
        sb.append("Median EDP over the lower bound per layer (* the layer's best):\n");
        sb.append(lheader).append("-".repeat(lheader.length() - 1)).append('\n');
        for (Summary.LayerRow l : s.layers()) {
            Object[] cells = new Object[head.length];
            cells[0] = l.layer().name();
            cells[1] = number(l.layer().lowerBoundEdp());
            int i = 2;
            for (Map.Entry<String, Summary.Cell> e : l.cells().entrySet()) {
                cells[i++] = (l.winners().contains(e.getKey()) ? "*" : "") + ratio(e.getValue().medianEdpOverBound());
            }
            sb.append(String.format(Locale.ROOT, fmt, cells));
        }
        sb.append('\n').append(wrap(AGGREGATION)).append('\n');
        notes(s).forEach(n -> sb.append(wrap(n)).append('\n'));
        return sb.toString();
    }

    /** Text broken at spaces into lines of at most 110 characters, for the terminal. */
    static String wrap(String text) {
        StringBuilder sb = new StringBuilder();
        int line = 0;
        for (String word : text.split(" ")) {
            if (line > 0 && line + 1 + word.length() > 110) {
                sb.append('\n');
                line = 0;
            } else if (line > 0) {
                sb.append(' ');
                line++;
            }
            sb.append(word);
            line += word.length();
        }
        return sb.toString();
    }

    /** Lines about mappers whose geomean is missing because some layer has no median mapping. */
    private static List<String> notes(Summary s) {
        return s.mappers().stream().filter(m -> m.layersWithoutMapping() > 0)
                .map(m -> String.format(Locale.ROOT, "%s found no valid mapping with at least half its seeds on %d "
                        + "layer%s, so it has no geomean (a larger --budget-evals may find one).", m.mapper(),
                        m.layersWithoutMapping(), m.layersWithoutMapping() == 1 ? "" : "s")).toList();
    }

    /** summary.md: provenance, the mapper table, the per-layer table and the plots. */
    public static String markdown(BenchResult r, Summary s, Provenance p, List<String> plots) {
        StringBuilder sb = new StringBuilder("# Mapper benchmark\n\n");
        sb.append(heading(r)).append(".\n\n");
        sb.append("- command: `").append(p.commandLine()).append("`\n");
        sb.append("- commit: ").append(p.commit().orElse("unknown")).append('\n');
        sb.append("- version: ").append(p.version()).append("\n\n");
        sb.append("| mapper | geomean EDP | geomean EDP / LB | geomean seconds | wins |\n|---|---|---|---|---|\n");
        for (Summary.MapperRow m : s.mappers()) {
            sb.append("| ").append(m.mapper()).append(" | ").append(number(m.geomeanEdp())).append(" | ")
                    .append(ratio(m.geomeanEdpOverBound())).append(" | ").append(seconds(m.geomeanSeconds()))
                    .append(" | ").append(m.wins()).append('/').append(r.layers().size()).append(" |\n");
        }
        sb.append('\n').append(AGGREGATION).append('\n');
        notes(s).forEach(n -> sb.append('\n').append(n).append('\n'));
        sb.append("\nMedian EDP over the lower bound per layer (**bold**: the layer's best):\n\n| layer | LB EDP |");
        r.config().mappers().forEach(m -> sb.append(' ').append(m).append(" |"));
        sb.append("\n|---|---|").append("---|".repeat(r.config().mappers().size())).append('\n');
        for (Summary.LayerRow l : s.layers()) {
            sb.append("| ").append(l.layer().name());
            if (!l.layer().sameAs().isEmpty()) {
                sb.append(" (also ").append(String.join(", ", l.layer().sameAs())).append(')');
            }
            sb.append(" | ").append(number(l.layer().lowerBoundEdp())).append(" |");
            for (Map.Entry<String, Summary.Cell> e : l.cells().entrySet()) {
                String v = ratio(e.getValue().medianEdpOverBound());
                sb.append(' ').append(l.winners().contains(e.getKey()) ? "**" + v + "**" : v).append(" |");
            }
            sb.append('\n');
        }
        if (!plots.isEmpty()) {
            sb.append("\nConvergence: best EDP over the lower bound, geomean over layers, median over seeds (dashed: "
                    + "min and max).\n\n");
            plots.forEach(f -> sb.append("![").append(f).append("](").append(f).append(")\n"));
        }
        return sb.toString();
    }

    /** results.csv: one row per search. */
    public static String csv(BenchResult r) {
        StringBuilder sb = new StringBuilder("layer,mapper,seed_index,seed,best_edp,lower_bound_edp,"
                + "edp_over_lower_bound,true_evals,valid_evals,cache_hits,seconds\n");
        for (BenchResult.Layer l : r.layers()) {
            for (String m : r.config().mappers()) {
                for (Run x : r.runs(l.name(), m)) {
                    sb.append(csvField(l.name())).append(',').append(csvField(m)).append(',').append(x.seedIndex())
                            .append(',').append(x.seed()).append(',').append(exact(x.bestEdp())).append(',')
                            .append(exact(l.lowerBoundEdp())).append(',')
                            .append(exact(Stats.overBound(x.bestEdp(), l.lowerBoundEdp()))).append(',')
                            .append(x.evaluations()).append(',').append(x.valid()).append(',').append(x.cacheHits())
                            .append(',').append(exact(x.seconds())).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** A double as Java prints it (the shortest text that reads back to the same value), or empty. */
    private static String exact(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String csvField(String s) {
        return s.matches("[^,\"\\r\\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static void put(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    /** The JSON of everything: the summary per mapper, per layer and per search (with traces), and provenance. */
    public static ObjectNode json(BenchResult r, Summary s, Provenance p) {
        ObjectNode root = JSON.createObjectNode();
        BenchConfig c = r.config();
        root.put("budget_evals", c.budget().evaluations());
        put(root, "budget_seconds", c.budget().seconds() > 0 ? c.budget().seconds() : Double.NaN);
        root.put("seeds", c.seeds());
        root.put("threads", c.threads());
        root.put("workload", r.workload());
        root.put("accelerator", r.accelerator());
        root.put("metric", "edp");
        root.put("aggregation", AGGREGATION);
        ObjectNode mappers = root.putObject("mappers");
        for (Summary.MapperRow m : s.mappers()) {
            ObjectNode o = mappers.putObject(m.mapper());
            put(o, "geomean_edp", m.geomeanEdp());
            put(o, "geomean_edp_over_lower_bound", m.geomeanEdpOverBound());
            put(o, "seconds", m.geomeanSeconds());
            o.put("wins", m.wins());
            o.put("layers_without_mapping", m.layersWithoutMapping());
        }
        ArrayNode layers = root.putArray("layers");
        for (Summary.LayerRow l : s.layers()) {
            ObjectNode o = layers.addObject();
            o.put("name", l.layer().name());
            o.put("index", l.layer().index() + 1);
            o.put("workload", l.layer().shape());
            ArrayNode same = o.putArray("same_as_this");
            l.layer().sameAs().forEach(same::add);
            put(o, "lower_bound_edp", l.layer().lowerBoundEdp());
            ArrayNode winners = o.putArray("winners");
            l.winners().forEach(winners::add);
            ObjectNode per = o.putObject("mappers");
            for (Map.Entry<String, Summary.Cell> e : l.cells().entrySet()) {
                ObjectNode mo = per.putObject(e.getKey());
                put(mo, "median_edp", e.getValue().medianEdp());
                put(mo, "median_edp_over_lower_bound", e.getValue().medianEdpOverBound());
                put(mo, "median_seconds", e.getValue().medianSeconds());
                mo.put("seeds_without_mapping", e.getValue().withoutMapping());
                ArrayNode runs = mo.putArray("runs");
                for (Run x : r.runs(l.layer().name(), e.getKey())) {
                    ObjectNode ro = runs.addObject();
                    ro.put("seed_index", x.seedIndex());
                    ro.put("seed", x.seed());
                    put(ro, "best_edp", x.bestEdp());
                    ro.put("true_evals", x.evaluations());
                    ro.put("valid_evals", x.valid());
                    ro.put("cache_hits", x.cacheHits());
                    ro.put("seconds", x.seconds());
                    ArrayNode trace = ro.putArray("trace");
                    for (TracePoint t : x.trace()) {
                        ObjectNode to = trace.addObject();
                        to.put("evaluations", t.evaluations());
                        to.put("seconds", t.seconds());
                        to.put("best_edp", t.best());
                    }
                }
            }
        }
        root.set("provenance", provenance(r, p));
        return root;
    }

    private static ObjectNode provenance(BenchResult r, Provenance p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("tool", "mapwright");
        o.put("version", p.version());
        if (p.commit().isPresent()) {
            o.put("commit", p.commit().get());
        } else {
            o.putNull("commit");
        }
        o.put("command", p.commandLine());
        ArrayNode args = o.putArray("arguments");
        p.arguments().forEach(args::add);
        o.put("seed", r.config().rootSeed());
        o.put("oracle", r.config().oracle().name());
        o.put("seed_derivation", "seed index k uses root seed seed+k; a layer's search seed is split from it by the "
                + "layer's place in the network, as mapwright map does, and every mapper gets the same seeds");
        o.put("warm_up", String.format(Locale.ROOT, "every mapper searched the first layer for up to %,d evaluations "
                + "or %s s before the timed searches (not reported)", MapperBench.WARM_UP.evaluations(),
                seconds(MapperBench.WARM_UP.seconds())));
        o.put("cost_model", "analytical (Timeloop v3 counting rules)");
        ArrayNode inputs = o.putArray("inputs");
        for (Provenance.Input in : p.inputs()) {
            ObjectNode io = inputs.addObject();
            io.put("path", in.path());
            io.put("sha256", in.sha256());
        }
        return o;
    }
}
