package org.mapwright.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.mapwright.api.MapOptions;
import org.mapwright.cost.Cost;
import org.mapwright.cost.Evaluation;
import org.mapwright.cost.Violation;
import org.mapwright.dsl.BoundMapping;
import org.mapwright.dsl.DslWriter;
import org.mapwright.netmap.LayerResult;
import org.mapwright.workload.Dim;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;

/**
 * The JSON forms of results in responses (docs/service.md): energies in pJ, EDP in J x cycles, utilization the
 * fraction of compute units used, as in {@code mapwright map --json}.
 */
final class ResultJson {
    /** Reads requests strictly: trailing text after the object and duplicate fields are errors. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ResultJson() {
    }

    /** A network's layers and their shapes. */
    static ObjectNode layers(Network n) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("network", n.name());
        ArrayNode ls = o.putArray("layers");
        for (Layer l : n.layers()) {
            ObjectNode lo = ls.addObject();
            lo.put("name", l.name());
            lo.put("repeat", l.repeat());
            lo.put("macs", l.workload().macs());
            ObjectNode dims = lo.putObject("dims");
            for (Dim d : l.workload().dims()) {
                dims.put(d.name(), l.workload().bounds().get(d));
            }
        }
        return o;
    }

    /** The cost of one given mapping; an invalid one with its reason and violations instead of figures. */
    static ObjectNode evaluation(BoundMapping m, Evaluation e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("mapping", m.name());
        o.put("workload", m.workload().name());
        o.put("accelerator", m.architecture().name());
        o.put("valid", e.valid());
        if (!e.valid()) {
            o.put("reason", e.reason());
            ArrayNode vs = o.putArray("violations");
            for (Violation v : e.violations()) {
                ObjectNode vo = vs.addObject();
                vo.put("kind", v.kind().name().toLowerCase(Locale.ROOT));
                vo.put("level", v.level());
                vo.put("message", v.message());
            }
            return o;
        }
        o.put("macs", e.macs());
        o.put("energy_pj", e.energyPj());
        o.put("cycles", e.cycles());
        o.put("edp", e.edp());
        o.put("utilization", e.utilization());
        return o;
    }

    /**
     * The result of a map request: each layer's mapping (a DSL declaration) and costs, and the totals (costs times
     * repeat counts, the EDP of the totals).
     */
    static ObjectNode map(String network, String accelerator, MapOptions options, String constraints,
                          List<LayerResult> layers, double seconds) {
        ObjectNode o = MAPPER.createObjectNode();
        if (network == null) {
            o.putNull("network");
        } else {
            o.put("network", network);
        }
        o.put("accelerator", accelerator);
        ObjectNode opt = o.putObject("options");
        opt.put("mapper", options.mapper());
        opt.put("budget_evals", options.evaluations());
        opt.put("seed", options.seed());
        opt.put("threads", options.threads());
        opt.put("objective", options.objective());
        if (constraints == null) {
            opt.putNull("constraints");
        } else {
            opt.put("constraints", constraints);
        }
        ArrayNode ls = o.putArray("layers");
        Cost total = Cost.ZERO;
        for (LayerResult r : layers) {
            Evaluation e = r.evaluation();
            total = total.plus(e.cost().times(r.repeat()));
            ObjectNode lo = ls.addObject();
            lo.put("index", r.index());
            lo.put("name", r.name());
            lo.put("target", r.target());
            lo.put("repeat", r.repeat());
            lo.put("macs", e.macs());
            lo.put("energy_pj", e.energyPj());
            lo.put("cycles", e.cycles());
            lo.put("edp", e.edp());
            lo.put("utilization", e.utilization());
            lo.put("evaluations", r.evaluations());
            if (r.sameAs().isPresent()) {
                lo.put("same_as", r.sameAs().get());
            } else {
                lo.putNull("same_as");
            }
            lo.put("mapping_dsl", DslWriter.mapping(mappingName(r.name()), r.target(), accelerator, r.mapping()));
        }
        ObjectNode t = o.putObject("total");
        t.put("macs", total.macs());
        t.put("energy_pj", total.energyPj());
        t.put("cycles", total.cycles());
        t.put("edp", total.edp());
        o.put("seconds", seconds);
        return o;
    }

    /** A DSL identifier for the mapping of {@code layer}, as {@code mapwright map --out} names it. */
    static String mappingName(String layer) {
        String s = layer.replaceAll("[^A-Za-z0-9_]", "_");
        return (s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" : "") + s + "_best";
    }
}
