package org.mapwright.timeloop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code timeloop-model.stats.txt} into the shape of a reference case's {@code result} (summary cycles and
 * energy, and per storage level and kept data space the total reads, fills and updates), so that
 * {@link TimeloopFidelityTest#compare} can check the model against any Timeloop run.
 *
 * <p>Totals are per-instance counts times the utilized instances, as the reference set counts them. Energy is the
 * "Total" fJ per compute times the computes: the summary's uJ figure has too few digits.
 */
final class TimeloopStats {
    private static final Pattern LEVEL = Pattern.compile("^=== (.+) ===$");
    private static final Pattern DATASPACE = Pattern.compile("^    (\\w+):$");
    private static final Pattern FIELD = Pattern.compile(
            "^        (Utilized instances \\(max\\)|Scalar reads \\(per-instance\\)|Scalar fills \\(per-instance\\)"
                    + "|Scalar updates \\(per-instance\\))\\s*: (\\S+)$");

    private TimeloopStats() {
    }

    /** The result encoded in {@code text}, the content of a stats file. */
    static JsonNode parse(String text) {
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
        long computes = -1;
        double fjPerCompute = Double.NaN;
        boolean inFj = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("Networks") || line.startsWith("Operational Intensity") || line.startsWith("Summary")) {
                inLevels = false;
            }
            if (line.startsWith("Cycles: ")) {
                summary.put("cycles", Long.parseLong(line.substring(8).trim()));
            } else if (line.startsWith("Computes = ")) {
                computes = Long.parseLong(line.substring(11).trim());
            } else if (line.startsWith("fJ/Compute")) {
                inFj = true;
            } else if (inFj && line.trim().startsWith("Total ")) {
                fjPerCompute = Double.parseDouble(line.substring(line.indexOf('=') + 1).trim());
                inFj = false;
            }
            if (!inLevels) {
                continue;
            }
            Matcher m = LEVEL.matcher(line);
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
        if (!summary.has("cycles") || computes < 0 || Double.isNaN(fjPerCompute)) {
            throw new IllegalArgumentException("The Timeloop stats text has no summary cycles, computes or fJ/Compute "
                    + "total; pass the whole timeloop-model.stats.txt.");
        }
        summary.put("energy_pJ", fjPerCompute * computes / 1000.0);
        return result;
    }
}
