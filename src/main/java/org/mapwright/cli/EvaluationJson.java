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
import org.mapwright.tech.AreaBreakdown;
import org.mapwright.workload.Workload;

/**
 * The JSON form of an evaluation. Counts are scalar words summed over the utilized instances of a level
 * (Timeloop's {@code _total}); {@code edp} is in J x cycles; tensor and level names are those of the input. Areas
 * ({@code area_mm2}) cover every hardware instance, used or not; {@code area_source} says whether the design gave
 * it ({@code given}), the technology estimated it ({@code estimated}) or the level is off chip.
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
        AreaBreakdown area = AreaBreakdown.of(a);
        root.put("technology", a.technology());
        root.put("area_mm2", area.totalMm2());
        root.put("area_estimated", area.anyEstimated());
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
        root.put("network_energy_pj", e.networkEnergyPj());
        ObjectNode compute = root.putObject("compute");
        compute.put("name", a.compute().name());
        compute.put("instances", e.computeInstances());
        compute.put("utilized_instances", e.utilizedComputeInstances());
        compute.put("energy_pj", e.computeEnergyPj());
        area(compute, area.compute());
        root.put("link_transfers", a.linkTransfers());
        ArrayNode levels = root.putArray("levels");
        for (int i = 0; i < e.levels().size(); i++) {
            LevelStats l = e.levels().get(i);
            ObjectNode lo = levels.addObject();
            lo.put("name", l.name());
            lo.put("instances", l.instances());
            lo.put("energy_pj", l.energyPj());
            lo.put("network_energy_pj", l.networkEnergyPj());
            area(lo, area.levels().get(i));
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

    /** A part's area fields: all its hardware instances in mm2, one instance in um2, and where the figure comes from. */
    static void area(ObjectNode o, AreaBreakdown.Part p) {
        o.put("area_mm2", p.totalMm2());
        o.put("area_um2_each", p.perInstanceUm2());
        o.put("area_source", p.source().label());
    }

    /** The whole breakdown: technology, total, and per level and compute unit. */
    static ObjectNode area(AreaBreakdown b) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("technology", b.technology());
        o.put("total_mm2", b.totalMm2());
        o.put("estimated", b.anyEstimated());
        ArrayNode ls = o.putArray("levels");
        for (AreaBreakdown.Part p : b.levels()) {
            ObjectNode lo = ls.addObject();
            lo.put("name", p.name());
            lo.put("instances", p.instances());
            area(lo, p);
        }
        ObjectNode c = o.putObject("compute");
        c.put("name", b.compute().name());
        c.put("instances", b.compute().instances());
        area(c, b.compute());
        return o;
    }
}
