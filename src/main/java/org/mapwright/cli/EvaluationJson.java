package org.mapwright.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.mapwright.arch.Architecture;
import org.mapwright.cost.Evaluation;
import org.mapwright.cost.LevelStats;
import org.mapwright.cost.TensorStats;
import org.mapwright.cost.Violation;
import org.mapwright.workload.Workload;

/**
 * The JSON form of an evaluation. Counts are scalar words summed over the utilized instances of a level
 * (Timeloop's {@code _total}); {@code edp} is in J x cycles; tensor and level names are those of the input.
 */
final class EvaluationJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationJson() {
    }

    static ObjectNode of(String mappingName, Workload w, Architecture a, Evaluation e, ObjectNode provenance) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("mapping", mappingName);
        root.put("workload", w.name());
        root.put("accelerator", a.name());
        root.put("valid", e.valid());
        if (!e.valid()) {
            root.put("reason", e.reason());
            ArrayNode vs = root.putArray("violations");
            for (Violation v : e.violations()) {
                ObjectNode o = vs.addObject();
                o.put("kind", v.kind().name().toLowerCase(java.util.Locale.ROOT));
                o.put("level", v.level());
                v.subject().ifPresent(s -> o.put("subject", s));
                o.put("requested", v.requested());
                o.put("available", v.available());
                o.put("message", v.message());
            }
            root.put("macs", e.macs());
            root.set("provenance", provenance);
            return root;
        }
        root.put("cycles", e.cycles());
        root.put("compute_cycles", e.computeCycles());
        root.put("energy_pj", e.energyPj());
        root.put("edp", e.edp());
        root.put("utilization", e.utilization());
        root.put("macs", e.macs());
        root.put("pj_per_mac", e.energyPerMacPj());
        ObjectNode compute = root.putObject("compute");
        compute.put("name", a.compute().name());
        compute.put("instances", e.computeInstances());
        compute.put("utilized_instances", e.utilizedComputeInstances());
        compute.put("energy_pj", e.computeEnergyPj());
        root.put("link_transfers", a.linkTransfers());
        ArrayNode levels = root.putArray("levels");
        for (LevelStats l : e.levels()) {
            ObjectNode lo = levels.addObject();
            lo.put("name", l.name());
            lo.put("instances", l.instances());
            lo.put("energy_pj", l.energyPj());
            lo.put("cycles", l.cycles());
            lo.put("slowdown", l.slowdown());
            lo.put("utilized_capacity", l.utilizedCapacity());
            ObjectNode ts = lo.putObject("tensors");
            for (Map.Entry<String, TensorStats> t : l.tensors().entrySet()) {
                ObjectNode to = ts.putObject(t.getKey());
                TensorStats s = t.getValue();
                to.put("reads", s.readsTotal());
                to.put("fills", s.fillsTotal());
                to.put("updates", s.updatesTotal());
                to.put("link_transfers", s.linkTransfers());
                to.put("tile", s.tile());
                to.put("partition", s.partition());
                to.put("energy_pj", s.energyPj());
            }
        }
        root.set("provenance", provenance);
        return root;
    }
}
