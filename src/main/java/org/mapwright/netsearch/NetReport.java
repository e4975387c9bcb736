package org.mapwright.netsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.mapwright.netcost.NetCost;
import org.mapwright.netmap.NetworkResult;

/** {@code search-net}'s result as JSON and as a table, with its origin (commit, command, seed). */
public final class NetReport {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Where a result came from. */
    public record Origin(String commit, String command, long seed, String arch, String accuracyModel) {
    }

    private NetReport() {
    }

    static ObjectNode cost(NetCost c) {
        ObjectNode n = JSON.createObjectNode();
        if (!c.mappable()) {
            n.put("problem", c.problem());
            return n;
        }
        n.put("energy_pj", c.energyPj());
        n.put("cycles", c.cycles());
        n.put("edp", c.edp());
        return n;
    }

    public static ObjectNode json(NetExploration.Result r, Origin o) {
        ObjectNode root = JSON.createObjectNode();
        root.put("objective", r.objective().describe());
        root.put("metric", r.objective().metric().label());
        if (r.objective().goal() == Objective.Goal.MAX_ACCURACY) {
            root.put("limit", r.objective().costLimit());
        } else {
            root.put("accuracy_floor", r.objective().accuracyFloor());
        }
        root.put("penalty", r.objective().penalty());
        root.put("screen", r.screen());
        root.put("arch", o.arch());
        root.put("accuracy_model", o.accuracyModel());
        ObjectNode largest = root.putObject("largest");
        largest.put("network", r.largest().net().key());
        largest.put("accuracy", r.largest().accuracy());
        largest.set("exact", cost(r.largest().exact()));
        if (r.search().best().isPresent()) {
            NetSearch.Rechecked b = r.search().best().get();
            ObjectNode best = root.putObject("best");
            best.put("network", b.screened().net().key());
            best.put("accuracy", b.screened().accuracy());
            best.put("macs", b.screened().net().macs());
            best.set("predicted", cost(b.screened().cost()));
            best.set("exact", cost(b.exact()));
            r.mapped().ifPresent(m -> best.set("final", mapped(m)));
            best.put("dsl", b.screened().net().dsl("best"));
        } else {
            root.putNull("best");
        }
        ArrayNode re = root.putArray("rechecked");
        for (NetSearch.Rechecked x : r.search().rechecked()) {
            ObjectNode n = re.addObject();
            n.put("network", x.screened().net().key());
            n.put("accuracy", x.screened().accuracy());
            n.set("predicted", cost(x.screened().cost()));
            n.set("exact", cost(x.exact()));
            n.put("meets", x.meets());
        }
        root.put("scored", r.search().scored().size());
        root.put("generations", r.search().generations());
        root.put("seconds", r.seconds());
        root.put("seed", o.seed());
        root.put("commit", o.commit());
        root.put("command", o.command());
        return root;
    }

    static ObjectNode mapped(NetworkResult m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("energy_pj", m.energyPj());
        n.put("cycles", m.cycles());
        n.put("edp", m.edp());
        n.put("layers", m.layers().size());
        return n;
    }

    public static String table(NetExploration.Result r, Origin o) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Network search on %s: %s%n", o.arch(), r.objective().describe()));
        sb.append(String.format(Locale.ROOT, "screened by %s, re-checked exactly; %,d networks in %d generations, %.1f s%n",
                r.screen(), r.search().scored().size(), r.search().generations(), r.seconds()));
        sb.append(String.format(Locale.ROOT, "largest network: accuracy %.4f, %s %s%n", r.largest().accuracy(),
                r.objective().metric().label(), fmt(r.largest().exact(), r)));
        if (r.search().best().isPresent()) {
            NetSearch.Rechecked b = r.search().best().get();
            sb.append(String.format(Locale.ROOT, "best network:    accuracy %.4f, %s %s exact (%s predicted)%n",
                    b.screened().accuracy(), r.objective().metric().label(), fmt(b.exact(), r), fmt(b.screened().cost(), r)));
            r.mapped().ifPresent(m -> sb.append(String.format(Locale.ROOT,
                    "  mapped layer by layer by the final mapper: energy %.4g pJ, %,d cycles, EDP %.4g%n",
                    m.energyPj(), m.cycles(), m.edp())));
            sb.append("  ").append(b.screened().net().key()).append('\n');
        } else {
            sb.append("no network kept the constraint after the exact re-check\n");
        }
        sb.append("command: ").append(o.command()).append('\n');
        sb.append("commit: ").append(o.commit()).append('\n');
        return sb.toString();
    }

    private static String fmt(NetCost c, NetExploration.Result r) {
        return c.mappable() ? String.format(Locale.ROOT, "%.4g", c.metric(r.objective().metric())) : "(" + c.problem() + ")";
    }
}
