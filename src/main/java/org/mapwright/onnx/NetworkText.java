package org.mapwright.onnx;

import java.util.ArrayList;
import java.util.List;
import org.mapwright.diag.Diagnostic;
import org.mapwright.diag.InputException;
import org.mapwright.dsl.Frontend;
import org.mapwright.workload.Network;

/**
 * The imported layers as a DSL network that includes the built-in layer templates, loaded by the DSL front end, so
 * that every workload is the template instance a hand-written network would give. An error the front end finds in
 * a layer (a bound beyond the DSL's limits, too many MACs) is reported against the node it came from.
 */
final class NetworkText {
    private NetworkText() {
    }

    static Network load(String display, String networkName, List<LayerCall> calls, List<String> names) {
        StringBuilder sb = new StringBuilder("// Imported from the ONNX model ").append(display).append('\n');
        sb.append("include \"").append(Frontend.BUILTIN).append("layers.mw\"\n");
        if (calls.stream().anyMatch(c -> c.template().endsWith("_hw"))) {
            sb.append('\n').append(LayerRules.ANISOTROPIC_TEMPLATES);
        }
        sb.append("\nnetwork ").append(networkName).append(" {\n");
        int firstLine = (int) sb.chars().filter(ch -> ch == '\n').count() + 1;
        for (int i = 0; i < calls.size(); i++) {
            LayerCall c = calls.get(i);
            sb.append("  ").append(names.get(i)).append(" = ").append(c.text());
            if (c.repeat() > 1) {
                sb.append(" repeat ").append(c.repeat());
            }
            sb.append('\n');
        }
        sb.append("}\n");
        try {
            return Frontend.loadText(networkName + ".onnx.mw", sb.toString()).networks().get(networkName);
        } catch (InputException e) {
            List<String> problems = new ArrayList<>();
            for (Diagnostic d : e.diagnostics()) {
                int layer = d.span().line() - firstLine;
                problems.add(layer >= 0 && layer < calls.size()
                        ? calls.get(layer).node() + ": its layer " + calls.get(layer).text() + " is one Mapwright cannot "
                                + "take: " + d.message()
                        : d.message());
            }
            throw new OnnxError(String.join(" ", problems));
        }
    }
}
