package org.mapwright.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mapwright.onnx.proto.OnnxProto.GraphProto;
import org.mapwright.onnx.proto.OnnxProto.TensorProto;
import org.mapwright.onnx.proto.OnnxProto.TensorShapeProto;
import org.mapwright.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * What the import knows about the graph's values (tensors, by name) while it walks the nodes: their shapes, the
 * values of small integer tensors (shapes, axes), and for each value whose shape is unknown, the node that made it so.
 *
 * <p>Shapes come from the initializers, the graph inputs' types, the nodes the import follows, and the model's
 * {@code value_info} (stored by a shape-inference tool) where the nodes do not give one. A graph input's symbolic or
 * unknown dimension (a batch size {@code N}) is taken as 1 when the input is first read as data, and noted; a declared
 * shape with unknown dimensions stays partial where only some of its dimensions are needed (a filter's).
 */
final class Tensors {
    /** Dimension of a partial shape that is not known. */
    static final long UNKNOWN = -1;
    /** ONNX's TensorProto.DataType codes of the integer types whose values the import reads. */
    private static final int INT32 = 6;
    private static final int INT64 = 7;
    /** Largest integer tensor whose values are kept: shapes, axes and indices, not weights. */
    private static final int MAX_VALUES = 64;

    private final Map<String, long[]> shapes = new HashMap<>();
    private final Map<String, long[]> values = new HashMap<>();
    /** Graph inputs, outputs and value_info: declared shapes, UNKNOWN where a dimension is symbolic or missing. */
    private final Map<String, long[]> declared = new HashMap<>();
    private final Map<String, String[]> symbols = new HashMap<>();
    private final java.util.Set<String> graphInputs = new java.util.HashSet<>();
    private final Map<String, NodeRef> unknownBecause = new HashMap<>();
    private final List<String> notes = new ArrayList<>();

    Tensors(GraphProto g) {
        for (TensorProto t : g.getInitializerList()) {
            long[] d = dims(t);
            if (java.util.Arrays.stream(d).anyMatch(x -> x < 0)) {
                throw new OnnxError("Initializer `" + t.getName() + "` has the shape " + Shapes.text(d) + ", with a "
                        + "negative dimension; the model is malformed, export it again.");
            }
            shapes.put(t.getName(), d);
            intValues(t).ifPresent(v -> values.put(t.getName(), v));
        }
        for (ValueInfoProto v : g.getValueInfoList()) {
            declare(v);
        }
        for (ValueInfoProto v : g.getOutputList()) {
            declare(v);
        }
        for (ValueInfoProto v : g.getInputList()) {
            // before IR version 4, initializers were listed among the inputs too; they are weights, not data
            if (!shapes.containsKey(v.getName())) {
                declare(v);
                graphInputs.add(v.getName());
            }
        }
    }

    private void declare(ValueInfoProto v) {
        if (!v.hasType() || !v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return;
        }
        TensorShapeProto s = v.getType().getTensorType().getShape();
        long[] d = new long[s.getDimCount()];
        String[] names = new String[d.length];
        for (int i = 0; i < d.length; i++) {
            TensorShapeProto.Dimension dim = s.getDim(i);
            d[i] = dim.hasDimValue() && dim.getDimValue() > 0 ? dim.getDimValue() : UNKNOWN;
            names[i] = dim.hasDimParam() && !dim.getDimParam().isEmpty() ? dim.getDimParam() : null;
        }
        declared.put(v.getName(), d);
        symbols.put(v.getName(), names);
    }

    /**
     * The full shape of {@code name}, if known: computed, stored, or declared. A graph input's unknown dimensions are
     * taken as 1 here, once, with a note.
     */
    Optional<long[]> shape(String name) {
        long[] s = shapes.get(name);
        if (s != null) {
            return Optional.of(s);
        }
        long[] d = declared.get(name);
        if (d == null) {
            return Optional.empty();
        }
        if (graphInputs.contains(name)) {
            long[] resolved = d.clone();
            for (int i = 0; i < resolved.length; i++) {
                if (resolved[i] == UNKNOWN) {
                    resolved[i] = 1;
                    String sym = symbols.get(name)[i];
                    notes.add("dimension " + i + " of graph input `" + name + "` is "
                            + (sym == null ? "unknown" : "symbolic (`" + sym + "`)") + "; taken as 1.");
                }
            }
            shapes.put(name, resolved);
            return Optional.of(resolved);
        }
        if (Arrays.stream(d).allMatch(x -> x > 0)) {
            shapes.put(name, d);
            return Optional.of(d);
        }
        return Optional.empty();
    }

    /** The shape of {@code name} with {@link #UNKNOWN} where a dimension is not known, or null when even its rank is not. */
    long[] partial(String name) {
        long[] s = shapes.get(name);
        return s != null ? s : declared.get(name);
    }

    /** The declared (value_info) shape of a node's output, partial, or null. */
    long[] hint(String name) {
        return declared.get(name);
    }

    Optional<long[]> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    void setShape(String name, long[] shape) {
        shapes.put(name, shape);
        unknownBecause.remove(name);
    }

    void setValue(String name, long[] value) {
        if (value.length <= MAX_VALUES) {
            values.put(name, value);
        }
    }

    /** Records that {@code name}'s shape is unknown because of {@code node} (or of what made its inputs unknown). */
    void markUnknown(String name, NodeRef node) {
        unknownBecause.putIfAbsent(name, node);
    }

    NodeRef culprit(String input, NodeRef fallback) {
        return unknownBecause.getOrDefault(input, fallback);
    }

    /** Why the shape of {@code name} is unknown, as a clause: "because ...". */
    String whyUnknown(String name) {
        NodeRef n = unknownBecause.get(name);
        if (n != null) {
            return "because Mapwright cannot follow shapes through " + n + " (an operator it does not know, or one whose "
                    + "own inputs have unknown shapes)";
        }
        if (declared.containsKey(name)) {
            return "because its declared shape has unknown dimensions";
        }
        return "because no initializer, graph input, value_info entry or earlier node gives it";
    }

    /** Notes about assumptions made (symbolic dimensions taken as 1), in the order they were made. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    static long[] dims(TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** The values of a small INT64 or INT32 tensor stored in the model, if it is one. */
    static Optional<long[]> intValues(TensorProto t) {
        long[] d = dims(t);
        long n = 1;
        for (long x : d) {
            n *= x;
        }
        if (n > MAX_VALUES || n < 0) {
            return Optional.empty();
        }
        int type = t.getDataType();
        if (type == INT64) {
            if (t.getInt64DataCount() == n) {
                return Optional.of(t.getInt64DataList().stream().mapToLong(Long::longValue).toArray());
            }
            return raw(t, (int) n, 8);
        }
        if (type == INT32) {
            if (t.getInt32DataCount() == n) {
                return Optional.of(t.getInt32DataList().stream().mapToLong(Integer::longValue).toArray());
            }
            return raw(t, (int) n, 4);
        }
        return Optional.empty();
    }

    private static Optional<long[]> raw(TensorProto t, int n, int width) {
        if (t.getRawData().size() != n * width) {
            return Optional.empty();
        }
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = width == 8 ? b.getLong() : b.getInt();
        }
        return Optional.of(v);
    }
}
