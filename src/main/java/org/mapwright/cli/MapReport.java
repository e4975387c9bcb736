package org.mapwright.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.mapwright.dsl.DslWriter;
import org.mapwright.dsl.Frontend;
import org.mapwright.netmap.Fingerprint;
import org.mapwright.netmap.LayerResult;
import org.mapwright.netmap.NetworkResult;
import org.mapwright.search.Budget;
import org.mapwright.search.LowerBound;
import org.mapwright.search.TracePoint;
import org.mapwright.tech.AreaBreakdown;
import org.mapwright.timeloop.MappingWriter;

/**
 * The result of {@code mapwright map} as a table (one row per layer and a total) and as JSON. Network totals add up
 * layer costs times their repeat counts: energy and cycles add, and the network's EDP is its total energy (J) times
 * its total cycles, not the sum of layer EDPs.
 */
final class MapReport {

    /**
     * How the run was configured, for the provenance record.
     *
     * @param arguments the command-line arguments as given
     * @param oracle    the cost oracle that ranked the candidates
     */
    record Run(String mapper, String metric, Budget budget, long seed, int threads, List<String> arguments,
               String oracle) {
    }

    private MapReport() {
    }

    /** The mapping declaration of a layer's result, as DSL text. */
    static String dsl(LayerResult r, MapInputs in) {
        return DslWriter.mapping(MapOutputs.mappingName(r.name()), r.target(), in.architecture().name(), r.mapping());
    }

    /** The layer's mapping as Timeloop mapping YAML. */
    static String timeloop(LayerResult r, MapInputs in) {
        return MappingWriter.write(r.mapping(), r.layer().workload(), in.architecture());
    }

    static String table(MapInputs in, Run run, List<LayerResult> layers) {
        int w = Math.max(5, layers.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        String row = "%-" + w + "s %6s %14s %16s %12s %12s %8s %12s %8s%s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Mapping %s on %s: mapper %s, metric %s, seed %d, %d thread%s%n%n",
                in.workloadName(), in.architecture().name(), run.mapper(), run.metric(), run.seed(), run.threads(),
                run.threads() == 1 ? "" : "s"));
        String header = String.format(Locale.ROOT, row, "layer", "repeat", "energy", "cycles", "EDP", "bound EDP",
                "EDP/LB", "evaluations", "seconds", "");
        sb.append(header).append("-".repeat(header.length() - 1)).append('\n');
        for (LayerResult r : layers) {
            boolean reused = r.sameAs().isPresent();
            sb.append(String.format(Locale.ROOT, row, r.name(), r.repeat(), EvaluationReport.energy(r.evaluation().energyPj()),
                    String.format(Locale.ROOT, "%,d", r.evaluation().cycles()), edp(r.evaluation().edp()),
                    edp(r.lowerBound().edp()), String.format(Locale.ROOT, "%.2fx", r.edpOverBound()),
                    reused ? "-" : String.format(Locale.ROOT, "%,d", r.evaluations()),
                    reused ? "-" : String.format(Locale.ROOT, "%.1f", r.seconds()),
                    r.sameAs().map(s -> "  (same as " + s + ")").orElse("")));
        }
        NetworkResult t = new NetworkResult(layers);
        sb.append("-".repeat(header.length() - 1)).append('\n');
        sb.append(String.format(Locale.ROOT, row, "total", "", EvaluationReport.energy(t.energyPj()),
                String.format(Locale.ROOT, "%,d", t.cycles()), edp(t.edp()), "", "",
                String.format(Locale.ROOT, "%,d", layers.stream().mapToLong(LayerResult::evaluations).sum()),
                String.format(Locale.ROOT, "%.1f", layers.stream().mapToDouble(LayerResult::seconds).sum()), ""));
        sb.append("EDP in J x cycles; the total EDP is total energy times total cycles.\n");
        double network = layers.stream().mapToDouble(r -> r.evaluation().networkEnergyPj() * r.repeat()).sum();
        if (network > 0) {
            sb.append("Energies include ").append(EvaluationReport.energy(network))
                    .append(" of on-chip network traffic (fan-outs' hop energies).\n");
        }
        sb.append('\n').append(EvaluationReport.area(AreaBreakdown.of(in.architecture())));
        if (layers.stream().anyMatch(r -> r.oracle().isPresent())) {
            sb.append("Costs are the analytical model's; the search ranked mappings by the ").append(run.oracle())
                    .append(" oracle, whose figures --json gives as each layer's \"oracle\".\n");
        }
        return sb.toString();
    }

    /** EDP with four significant digits. */
    static String edp(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static ObjectNode json(MapInputs in, Run run, List<LayerResult> layers) {
        ObjectNode root = EvaluationJson.MAPPER.createObjectNode();
        root.put("workload", in.workloadName());
        root.put("accelerator", in.architecture().name());
        root.put("metric", run.metric());
        NetworkResult t = new NetworkResult(layers);
        ObjectNode total = root.putObject("total");
        total.put("energy_pj", t.energyPj());
        total.put("cycles", t.cycles());
        total.put("edp", t.edp());
        total.put("network_energy_pj", layers.stream().mapToDouble(r -> r.evaluation().networkEnergyPj() * r.repeat()).sum());
        AreaBreakdown area = AreaBreakdown.of(in.architecture());
        root.put("area_mm2", area.totalMm2());
        root.set("area", EvaluationJson.area(area));
        ArrayNode ls = root.putArray("layers");
        for (LayerResult r : layers) {
            ObjectNode o = ls.addObject();
            o.put("name", r.name());
            o.put("index", r.index() + 1);
            o.put("workload", r.layer().workload().toString());
            o.put("repeat", r.repeat());
            o.put("energy_pj", r.evaluation().energyPj());
            o.put("cycles", r.evaluation().cycles());
            o.put("edp", r.evaluation().edp());
            o.put("network_energy_pj", r.evaluation().networkEnergyPj());
            o.put("lower_bound_energy_pj", r.lowerBound().energyPj());
            o.put("lower_bound_cycles", r.lowerBound().cycles());
            o.put("lower_bound_edp", r.lowerBound().edp());
            o.put("lower_bound_compute_cycles", r.lowerBound().computeCycles());
            o.put("lower_bound_bandwidth_cycles", r.lowerBound().bandwidthCycles());
            ObjectNode per = o.putObject("lower_bound_tensors");
            for (LowerBound.TensorBound tb : r.lowerBound().tensors()) {
                ObjectNode tj = per.putObject(tb.tensor());
                tj.put("distinct_elements", tb.distinct());
                tj.put("energy_pj", tb.energyPj());
                ArrayNode traffic = tj.putArray("min_words_per_level");
                tb.minTraffic().forEach(traffic::add);
            }
            o.put("edp_over_lower_bound", r.edpOverBound());
            o.put("utilization", r.evaluation().utilization());
            o.put("macs", r.evaluation().macs());
            o.put("evaluations", r.evaluations());
            o.put("valid_evaluations", r.valid());
            o.put("seconds", r.seconds());
            o.put("mapper", r.mapper());
            o.put("seed", r.seed());
            r.sameAs().ifPresent(s -> o.put("same_as", s));
            o.put("mapping", dsl(r, in));
            o.put("timeloop_mapping", timeloop(r, in));
            o.put("search_complete", r.complete());
            r.oracle().ifPresent(c -> {
                ObjectNode oj = o.putObject("oracle");
                oj.put("name", c.name());
                oj.put("energy_pj", c.energyPj());
                oj.put("cycles", c.cycles());
                oj.put("edp", org.mapwright.cost.Cost.edp(c.energyPj(), c.cycles()));
                oj.put("true_evaluations", c.trueEvaluations());
                oj.put("cache_hits", c.cacheHits());
            });
            o.set("trace", trace(r.trace()));
        }
        root.set("provenance", provenance(in, run));
        return root;
    }

    private static ObjectNode provenance(MapInputs in, Run run) {
        ObjectNode p = EvaluationJson.MAPPER.createObjectNode();
        p.put("tool", "mapwright");
        p.put("version", Main.version());
        p.put("command", "map");
        ArrayNode args = p.putArray("arguments");
        run.arguments().forEach(args::add);
        p.put("mapper", run.mapper());
        p.put("metric", run.metric());
        ObjectNode b = p.putObject("budget");
        b.put("evaluations", run.budget().evaluations());
        b.put("seconds", run.budget().seconds());
        b.put("victory", run.budget().victory());
        b.put("invalid_streak", run.budget().invalidStreak());
        p.put("seed", run.seed());
        p.put("threads", run.threads());
        p.put("cost_model", "analytical (Timeloop v3 counting rules)");
        p.put("oracle", run.oracle());
        ArrayNode cs = p.putArray("constraints");
        in.constraintNames().forEach(cs::add);
        ArrayNode inputs = p.putArray("inputs");
        for (Path f : in.files()) {
            ObjectNode o = inputs.addObject();
            o.put("path", f.toString());
            o.put("sha256", InputFiles.sha256(f));
        }
        for (String b2 : in.builtins()) {
            ObjectNode o = inputs.addObject();
            o.put("path", b2);
            o.put("sha256", Fingerprint.sha256(Frontend.builtinText(b2.substring(Frontend.BUILTIN.length())).orElse("")));
        }
        return p;
    }

    /** The best-so-far trace as JSON: one object per improvement. */
    static ArrayNode trace(List<TracePoint> trace) {
        ArrayNode a = EvaluationJson.MAPPER.createArrayNode();
        for (TracePoint t : trace) {
            ObjectNode o = a.addObject();
            o.put("evaluations", t.evaluations());
            o.put("valid", t.valid());
            o.put("seconds", t.seconds());
            o.put("best", t.best());
        }
        return a;
    }
}
