package org.mapwright.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;
import org.mapwright.dsl.NetworkWriter;
import org.mapwright.onnx.proto.OnnxProto.GraphProto;
import org.mapwright.onnx.proto.OnnxProto.ModelProto;
import org.mapwright.onnx.proto.OnnxProto.NodeProto;
import org.mapwright.workload.Network;

/**
 * Reads an ONNX model into a Mapwright {@link Network}: one layer per {@code Conv}, {@code Gemm} and {@code MatMul}
 * node (see {@link LayerRules}), in graph order, each an instance of a DSL layer template exactly as a DSL network
 * would write it; shapes are followed from the graph inputs through the operators between the layers
 * ({@link ShapeRules}). Every other node is skipped and counted in the {@link ImportReport}; a node whose layer
 * cannot be sized, and a file that is not an ONNX model, are {@link InputException}s that name the file, the node
 * and what to do.
 *
 * <p>The network is named after the file (its base name made a DSL name), its layers after their nodes.
 */
public final class OnnxImport {
    /** The standard operator domain, by its two spellings. */
    private static final Set<String> STANDARD = Set.of("", "ai.onnx");

    private OnnxImport() {
    }

    /** Whether a {@code --workload} value names an ONNX file (it ends in {@code .onnx}, in any case). */
    public static boolean isOnnx(String workload) {
        return workload != null && workload.toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /** Reads the model file {@code file}; its name in messages is the path as given. */
    public static ImportedModel read(Path file) {
        String display = file.toString();
        if (Files.isDirectory(file)) {
            throw new InputException(SourceSpan.of(display, 0, 0), "This is a directory; give an ONNX model file.");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(SourceSpan.of(display, 0, 0), "Cannot read this ONNX model: "
                    + (Files.exists(file) ? e.getMessage() : "no such file") + ".");
        }
        Path base = file.getFileName();
        return read(display, bytes, networkName(base == null ? display : base.toString()));
    }

    /** Reads a model from its bytes; {@code display} names it in messages, {@code networkName} names the network. */
    public static ImportedModel read(String display, byte[] bytes, String networkName) {
        SourceSpan at = SourceSpan.of(display, 0, 0);
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InputException(at, "This is not an ONNX model (the protobuf reader says: " + e.getMessage()
                    + "); give a model file written by onnx.save or an exporter such as torch.onnx.export.");
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new InputException(at, "This is not an ONNX model, or one without nodes: it has no graph to "
                    + "import; give a model file written by onnx.save or an exporter such as torch.onnx.export.");
        }
        try {
            return new OnnxImport.Walk(display, model.getGraph()).run(networkName);
        } catch (OnnxError e) {
            throw new InputException(at, e.getMessage());
        } catch (ArithmeticException e) {
            throw new InputException(at, "A shape in this model is too large for Mapwright's 64-bit counts ("
                    + e.getMessage() + "); check the model's shapes.");
        }
    }

    /** A DSL name for a network read from file {@code fileName}: its base name, letters, digits and underscores. */
    public static String networkName(String fileName) {
        String base = fileName.replaceFirst("(?i)\\.onnx$", "");
        String s = identifier(base);
        if (s.isEmpty()) {
            return "model";
        }
        if (Character.isDigit(s.charAt(0))) {
            s = "model_" + s;
        }
        return NetworkWriter.isName(s) ? s : s + "_model";
    }

    private static String identifier(String raw) {
        return raw.replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("_{2,}", "_").replaceAll("^_+|_+$", "");
    }

    /** One pass over the graph's nodes, in their (topological) order. */
    private static final class Walk {
        private final String display;
        private final GraphProto graph;
        private final Tensors tensors;
        private final List<LayerCall> calls = new ArrayList<>();
        private final Map<String, Integer> skipped = new LinkedHashMap<>();
        private final List<String> unknownOps = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        Walk(String display, GraphProto graph) {
            this.display = display;
            this.graph = graph;
            this.tensors = new Tensors(graph);
        }

        ImportedModel run(String networkName) {
            for (int i = 0; i < graph.getNodeCount(); i++) {
                node(i, graph.getNode(i));
            }
            if (calls.isEmpty()) {
                throw new OnnxError("The model has no Conv, Gemm or MatMul node that Mapwright can map, so there is "
                        + "no layer to import" + (skipped.isEmpty() ? "" : " (its operators: "
                        + String.join(", ", skipped.keySet()) + ")") + ".");
            }
            List<String> allNotes = new ArrayList<>(tensors.notes());
            allNotes.addAll(notes);
            List<String> names = layerNames();
            Network net = NetworkText.load(display, networkName, calls, names);
            ImportReport report = new ImportReport(display, graph.getNodeCount(), calls.size(), skipped, unknownOps,
                    allNotes);
            return new ImportedModel(net, report);
        }

        private void node(int index, NodeProto n) {
            boolean standard = STANDARD.contains(n.getDomain());
            String op = standard ? n.getOpType() : n.getDomain() + "." + n.getOpType();
            NodeRef ref = new NodeRef(index, n.getName(), op);
            if (n.getOutputCount() == 0 || n.getOutput(0).isEmpty()) {
                throw OnnxError.at(ref, "it has no output, but every ONNX operator has at least one; the model is "
                        + "malformed, export it again.");
            }
            if (standard && LayerRules.isLayer(op)) {
                Optional<LayerCall> call = LayerRules.of(n, ref, tensors, notes::add);
                if (call.isPresent()) {
                    calls.add(call.get());
                    return;
                }
                skipped.merge(op, 1, Integer::sum);
                return;
            }
            skipped.merge(op, 1, Integer::sum);
            boolean knows = standard && ShapeRules.knows(op);
            if (!knows) {
                unknownOps.add(ref.toString());
            }
            boolean followed = knows && ShapeRules.follow(n, ref, tensors);
            NodeRef culprit = ref;
            if (knows && !followed) {
                // a known operator stops only where an input's shape is unknown: blame what made that one unknown
                for (String in : n.getInputList()) {
                    if (!in.isEmpty() && tensors.shape(in).isEmpty()) {
                        culprit = tensors.culprit(in, ref);
                        break;
                    }
                }
            }
            for (String out : n.getOutputList()) {
                if (!out.isEmpty() && tensors.shape(out).isEmpty()) {
                    tensors.markUnknown(out, culprit);
                }
            }
        }

        /** Each layer's name: its node's name made a DSL name, or the operator and node index; unique. */
        private List<String> layerNames() {
            Set<String> taken = new HashSet<>();
            List<String> names = new ArrayList<>();
            for (LayerCall c : calls) {
                String s = identifier(c.node().name());
                String op = c.node().op().toLowerCase(Locale.ROOT);
                if (s.isEmpty()) {
                    s = op + "_" + c.node().index();
                } else if (Character.isDigit(s.charAt(0))) {
                    s = op + "_" + s;
                }
                if (!NetworkWriter.isName(s)) {
                    s = s + "_" + op;
                }
                String name = s;
                for (int k = 2; !taken.add(name); k++) {
                    name = s + "_" + k;
                }
                names.add(name);
            }
            return names;
        }
    }
}
