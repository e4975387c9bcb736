package org.mapwright.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mapwright.cost.Evaluation;
import org.mapwright.cost.LevelStats;
import org.mapwright.cost.TensorStats;

/**
 * Reads a {@code timeloop-model.stats.txt} into the shape of a reference case's {@code result} (summary cycles and
 * energy, and per storage level and kept data space the total reads, fills and updates), so that
 * {@link #compare} can check the model against any Timeloop run.
 *
 * <p>Totals are per-instance counts times the utilized instances, as the reference set counts them. Energy is the
 * sum of the levels' "Energy (total)" lines (storage per data space, with their temporal-reduction and
 * address-generation parts, and the arithmetic level), each printed to 0.01 pJ: the summary's uJ figure and the
 * fJ-per-compute table have too few digits on large layers.
 */
public final class TimeloopResult {
    private static final Pattern LEVEL = Pattern.compile("^=== (.+) ===$");
    private static final Pattern DATASPACE = Pattern.compile("^    (\\w+):$");
    private static final Pattern ENERGY = Pattern.compile(
            "^ +(?:Temporal Reduction |Address Generation )?Energy \\(total\\)\\s*: (\\S+) pJ$");
    private static final Pattern FIELD = Pattern.compile(
            "^        (Utilized instances \\(max\\)|Scalar reads \\(per-instance\\)|Scalar fills \\(per-instance\\)"
                    + "|Scalar updates \\(per-instance\\))\\s*: (\\S+)$");

    private TimeloopResult() {
    }

    /** The result encoded in {@code text}, the content of a stats file. */
    public static JsonNode parse(String text) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode result = f.objectNode();
        ObjectNode summary = result.putObject("summary");
        var levels = result.putArray("levels");
        ObjectNode level = null;
        ObjectNode ds = null;
        double instances = 1;
        double reads = 0;
        double fills = 0;
        double updates = 0;
        boolean inLevels = true;
        double energy = 0;
        boolean anyEnergy = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("Networks") || line.startsWith("Operational Intensity") || line.startsWith("Summary")) {
                inLevels = false;
            }
            if (line.startsWith("Cycles: ")) {
                summary.put("cycles", Long.parseLong(line.substring(8).trim()));
            }
            if (!inLevels) {
                continue;
            }
            Matcher m = ENERGY.matcher(line);
            if (m.matches()) {
                energy += Double.parseDouble(m.group(1));
                anyEnergy = true;
                continue;
            }
            m = LEVEL.matcher(line);
            if (m.matches()) {
                level = levels.addObject();
                level.put("name", m.group(1));
                level.put("kind", "storage");
                level.putObject("dataspaces");
                ds = null;
                continue;
            }
            m = DATASPACE.matcher(line);
            if (m.matches() && level != null && !m.group(1).equals("STATS") && !m.group(1).equals("SPECS")) {
                ds = ((ObjectNode) level.get("dataspaces")).putObject(m.group(1));
                ds.put("kept", true);
                instances = 1;
                reads = 0;
                fills = 0;
                updates = 0;
                continue;
            }
            m = FIELD.matcher(line);
            if (m.matches() && ds != null) {
                double v = Double.parseDouble(m.group(2));
                switch (m.group(1).charAt(7)) {
                    case 'd' -> instances = v; // "Utilized instances"
                    case 'r' -> reads = v;
                    case 'f' -> fills = v;
                    default -> updates = v;
                }
                ds.put("reads_total", (double) Math.round(reads * instances));
                ds.put("fills_total", (double) Math.round(fills * instances));
                ds.put("updates_total", (double) Math.round(updates * instances));
            }
        }
        if (!summary.has("cycles") || !anyEnergy) {
            throw new IllegalArgumentException("The Timeloop stats text has no summary cycles or no level energies; "
                    + "pass the whole timeloop-model.stats.txt.");
        }
        summary.put("energy_pJ", energy);
        return result;
    }

    /**
     * The differences between an evaluation and a Timeloop result of that shape: cycles exactly, energy within 1e-6
     * relative and Timeloop's print precision, whether anything was forwarded between neighbours (where recorded), and per storage level and kept data space the total reads, fills and updates exactly. Empty when
     * they agree.
     */
    public static List<String> compare(Evaluation e, JsonNode result) {
        List<String> out = new ArrayList<>();
        JsonNode summary = result.get("summary");
        long cycles = summary.get("cycles").asLong();
        if (cycles != e.cycles()) {
            out.add("cycles: Timeloop " + cycles + ", model " + e.cycles());
        }
        double energy = summary.get("energy_pJ").asDouble();
        // energies are sums of Timeloop's per-component lines printed to 0.01 pJ; a tolerance of 1e-6 alone would
        // hide a rounding slip of a few vector accesses
        if (Math.abs(energy - e.energyPj()) > Math.min(1e-6 * Math.abs(energy), 0.25 + 1e-12 * Math.abs(energy))) {
            out.add("energy_pJ: Timeloop " + energy + ", model " + e.energyPj());
        }
        if (summary.has("link_transfers_total")) {
            double forwarded = summary.get("link_transfers_total").asDouble();
            long modelForwarded = e.levels().stream().flatMap(l -> l.tensors().values().stream())
                    .mapToLong(TensorStats::linkTransfers).sum();
            if ((forwarded == 0) != (modelForwarded == 0)) {
                out.add("link transfers: Timeloop " + (long) forwarded + ", model " + modelForwarded);
            }
        }
        for (JsonNode level : result.get("levels")) {
            if (!level.get("kind").asText().equals("storage")) {
                continue;
            }
            String name = level.get("name").asText();
            LevelStats ls = e.level(name).orElse(null);
            for (Map.Entry<String, JsonNode> ds : level.get("dataspaces").properties()) {
                if (!ds.getValue().get("kept").asBoolean()) {
                    continue;
                }
                TensorStats ts = ls == null ? null : ls.tensors().get(ds.getKey());
                if (ts == null) {
                    out.add(name + "/" + ds.getKey() + ": kept in Timeloop, not in the model");
                    continue;
                }
                field(out, name, ds.getKey(), "reads_total", ds.getValue(), ts.readsTotal());
                field(out, name, ds.getKey(), "fills_total", ds.getValue(), ts.fillsTotal());
                field(out, name, ds.getKey(), "updates_total", ds.getValue(), ts.updatesTotal());
            }
        }
        return out;
    }

    private static void field(List<String> out, String level, String ds, String key, JsonNode node, long model) {
        double expected = node.get(key).asDouble();
        if (expected != model) {
            out.add(level + "/" + ds + " " + key + ": Timeloop " + (long) expected + ", model " + model);
        }
    }
}
