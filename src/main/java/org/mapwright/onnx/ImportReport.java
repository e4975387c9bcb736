package org.mapwright.onnx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an ONNX import did besides making layers: the nodes it skipped (every operator that is not a layer, counted
 * by operator), the operators it does not know (their shapes were not followed), and the assumptions it made.
 *
 * @param file        the model file as the user named it
 * @param nodes       the number of nodes in the graph
 * @param layers      the number of layers made
 * @param skipped     skipped nodes by operator, in order of first appearance
 * @param unknownOps  nodes of operators the import does not know, as messages name them
 * @param notes       assumptions and skipped layers, each a sentence
 */
public record ImportReport(String file, int nodes, int layers, Map<String, Integer> skipped, List<String> unknownOps,
                           List<String> notes) {
    public ImportReport {
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        unknownOps = List.copyOf(unknownOps);
        notes = List.copyOf(notes);
    }

    /** The number of skipped nodes. */
    public int skippedCount() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The report as lines for the user ({@code FILE: note: ...}). */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder(file).append(": note: ").append(layers).append(layers == 1 ? " layer" : " layers")
                .append(" from ").append(nodes).append(nodes == 1 ? " node" : " nodes");
        if (!skipped.isEmpty()) {
            List<String> ops = new ArrayList<>();
            skipped.forEach((op, k) -> ops.add(k == 1 ? op : op + " x" + k));
            sb.append("; skipped ").append(skippedCount()).append(skippedCount() == 1 ? " that is not a layer: "
                    : " that are not layers: ").append(String.join(", ", ops));
        }
        out.add(sb.append('.').toString());
        if (!unknownOps.isEmpty()) {
            out.add(file + ": note: Mapwright does not follow shapes through " + String.join(", ", unknownOps)
                    + "; the shapes after " + (unknownOps.size() == 1 ? "it" : "them") + " came from the model's "
                    + "value_info where it has them.");
        }
        for (String n : notes) {
            out.add(file + ": note: " + n);
        }
        return out;
    }
}
