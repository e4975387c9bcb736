package org.mapwright.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mapwright.onnx.proto.OnnxProto.NodeProto;
import org.mapwright.onnx.proto.OnnxProto.TensorProto;

/**
 * The output shapes of the operators that are not layers but sit between them in CNNs and transformers: elementwise
 * and normalisation operators, pooling, reshaping and joining, and the small integer arithmetic that PyTorch exports
 * around a {@code Reshape} ({@code Shape}, {@code Gather}, {@code Concat} of constants). The formulas are ONNX's
 * operator definitions (https://onnx.ai/onnx/operators/). An operator not here, or one whose inputs' shapes are not
 * known, leaves its outputs unknown, which is not an error until a layer needs them.
 */
final class ShapeRules {
    /** Operators whose first output has the first input's shape. */
    static final Set<String> SAME_SHAPE = Set.of("Relu", "LeakyRelu", "Sigmoid", "Tanh", "HardSigmoid", "HardSwish",
            "Clip", "Elu", "Selu", "Celu", "Gelu", "Softplus", "Softsign", "Mish", "ThresholdedRelu", "Erf", "Exp", "Log",
            "Sqrt", "Neg", "Abs", "Reciprocal", "Floor", "Ceil", "Round", "Sign", "Not", "Sin", "Cos", "Identity", "Cast",
            "Softmax", "LogSoftmax", "Hardmax", "LRN", "Dropout", "BatchNormalization", "InstanceNormalization",
            "LayerNormalization", "GroupNormalization", "LpNormalization", "MeanVarianceNormalization",
            "QuantizeLinear", "DequantizeLinear");
    /** Operators whose output is their inputs' shapes broadcast together (numpy rules). */
    static final Set<String> BROADCAST = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Mean", "Sum",
            "PRelu", "Where", "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor", "Mod");
    private static final Set<String> REDUCE = Set.of("ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin",
            "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare");
    private static final Set<String> POOL = Set.of("MaxPool", "AveragePool", "LpPool");
    private static final Set<String> GLOBAL_POOL = Set.of("GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool");
    private static final Set<String> OTHERS = Set.of("Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze",
            "Concat", "Split", "Pad", "Shape", "Size", "Constant", "ConstantOfShape", "Gather", "Slice", "Expand", "Tile",
            "ArgMax", "ArgMin");

    private final NodeProto n;
    private final NodeRef ref;
    private final Attrs a;
    private final Tensors t;

    private ShapeRules(NodeProto n, NodeRef ref, Tensors t) {
        this.n = n;
        this.ref = ref;
        this.a = new Attrs(n, ref);
        this.t = t;
    }

    /** Whether the import follows shapes through {@code op} of the standard domain. */
    static boolean knows(String op) {
        return SAME_SHAPE.contains(op) || BROADCAST.contains(op) || REDUCE.contains(op) || POOL.contains(op)
                || GLOBAL_POOL.contains(op) || OTHERS.contains(op);
    }

    /**
     * Sets the shapes of {@code n}'s outputs (and the values of small integer ones) when the operator is known and
     * the inputs it needs are; returns whether it did.
     */
    static boolean follow(NodeProto n, NodeRef ref, Tensors t) {
        return knows(n.getOpType()) && new ShapeRules(n, ref, t).apply();
    }

    private long[] in(int i) {
        if (i >= n.getInputCount() || n.getInput(i).isEmpty()) {
            return null;
        }
        return t.shape(n.getInput(i)).orElse(null);
    }

    private Optional<long[]> value(int i) {
        if (i >= n.getInputCount() || n.getInput(i).isEmpty()) {
            return Optional.empty();
        }
        return t.value(n.getInput(i));
    }

    private void out(int i, long[] shape) {
        if (i < n.getOutputCount() && !n.getOutput(i).isEmpty()) {
            t.setShape(n.getOutput(i), shape);
        }
    }

    private void outValue(long[] shape, long[] value) {
        out(0, shape);
        if (n.getOutputCount() > 0) {
            t.setValue(n.getOutput(0), value);
        }
    }

    private boolean apply() {
        String op = n.getOpType();
        if (op.equals("Constant")) {
            return constant();
        }
        long[] x = in(0);
        if (SAME_SHAPE.contains(op)) {
            if (x == null) {
                return false;
            }
            out(0, x);
            if (op.equals("Dropout")) {
                out(1, x);
            }
            if (op.equals("Identity") || op.equals("Cast")) {
                value(0).ifPresent(v -> t.setValue(n.getOutput(0), v));
            }
            return true;
        }
        if (BROADCAST.contains(op)) {
            return broadcastAll();
        }
        if (x == null) {
            return op.equals("ConstantOfShape") && constantOfShape();
        }
        if (REDUCE.contains(op)) {
            return reduce(x);
        }
        if (POOL.contains(op)) {
            out(0, Windows.poolOutput(x, a, ref, op.equals("MaxPool")));
            out(1, t.shape(n.getOutput(0)).orElse(null));
            return true;
        }
        if (GLOBAL_POOL.contains(op)) {
            long[] o = x.clone();
            Arrays.fill(o, 2, o.length, 1);
            out(0, o);
            return true;
        }
        return switch (op) {
            case "Flatten" -> flatten(x);
            case "Reshape" -> reshape(x);
            case "Transpose" -> transpose(x);
            case "Squeeze" -> squeeze(x);
            case "Unsqueeze" -> unsqueeze(x);
            case "Concat" -> concat();
            case "Split" -> split(x);
            case "Pad" -> pad(x);
            case "Shape" -> shapeOf(x);
            case "Size" -> {
                outValue(new long[0], new long[] {Shapes.product(x, 0, x.length)});
                yield true;
            }
            case "Gather" -> gather(x);
            case "Slice" -> slice(x);
            case "Expand" -> value(1).map(s -> {
                out(0, Shapes.broadcast(List.of(x, s), ref));
                return true;
            }).orElse(false);
            case "Tile" -> value(1).map(r -> {
                long[] o = x.clone();
                for (int i = 0; i < o.length && i < r.length; i++) {
                    o[i] *= r[i];
                }
                out(0, o);
                return true;
            }).orElse(false);
            case "ArgMax", "ArgMin" -> reduceAxes(x, new long[] {a.i("axis", 0)});
            case "ConstantOfShape" -> constantOfShape();
            default -> false;
        };
    }

    private boolean constant() {
        Optional<TensorProto> v = a.t("value");
        if (v.isPresent()) {
            long[] d = Tensors.dims(v.get());
            out(0, d);
            Tensors.intValues(v.get()).ifPresent(vals -> t.setValue(n.getOutput(0), vals));
            return true;
        }
        if (a.has("value_int")) {
            outValue(new long[0], new long[] {a.i("value_int", 0)});
            return true;
        }
        Optional<long[]> ints = a.ints("value_ints");
        if (ints.isPresent()) {
            outValue(new long[] {ints.get().length}, ints.get());
            return true;
        }
        return false;
    }

    private boolean constantOfShape() {
        return value(0).map(s -> {
            out(0, s);
            return true;
        }).orElse(false);
    }

    private boolean broadcastAll() {
        List<long[]> shapes = new ArrayList<>();
        for (int i = 0; i < n.getInputCount(); i++) {
            long[] s = in(i);
            if (s == null) {
                return false;
            }
            shapes.add(s);
        }
        long[] o = Shapes.broadcast(shapes, ref);
        out(0, o);
        if (n.getInputCount() == 2 && Set.of("Add", "Sub", "Mul", "Div").contains(n.getOpType())) {
            Optional<long[]> l = value(0);
            Optional<long[]> r = value(1);
            if (l.isPresent() && r.isPresent()) {
                Shapes.arithmetic(n.getOpType(), l.get(), r.get()).ifPresent(v -> t.setValue(n.getOutput(0), v));
            }
        }
        return true;
    }

    private boolean flatten(long[] x) {
        int axis = Shapes.axis(a.i("axis", 1), x.length + 1, ref);
        out(0, new long[] {Shapes.product(x, 0, axis), Shapes.product(x, axis, x.length)});
        return true;
    }

    private boolean reshape(long[] x) {
        Optional<long[]> target = n.getInputCount() > 1 ? value(1) : a.ints("shape");
        if (target.isEmpty()) {
            return false;
        }
        out(0, Shapes.reshape(x, target.get(), a.i("allowzero", 0) != 0, ref));
        return true;
    }

    private boolean transpose(long[] x) {
        long[] perm = a.ints("perm").orElse(null);
        if (perm != null && (perm.length != x.length
                || Arrays.stream(perm).map(p -> p < 0 ? p + x.length : p).distinct().count() != x.length)) {
            throw OnnxError.at(ref, "attribute `perm` " + Shapes.text(perm) + " is not a permutation of the "
                    + x.length + " axes of its input; the model is malformed.");
        }
        long[] o = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            int from = perm == null ? x.length - 1 - i : Shapes.axis(perm[i], x.length, ref);
            o[i] = x[from];
        }
        out(0, o);
        return true;
    }

    private Optional<long[]> axes() {
        Optional<long[]> attr = a.ints("axes");
        return attr.isPresent() ? attr : value(1);
    }

    private boolean squeeze(long[] x) {
        Optional<long[]> axes = axes();
        if (axes.isEmpty() && n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
            return false;
        }
        boolean[] drop = new boolean[x.length];
        if (axes.isEmpty()) {
            for (int i = 0; i < x.length; i++) {
                drop[i] = x[i] == 1;
            }
        } else {
            for (long ax : axes.get()) {
                drop[Shapes.axis(ax, x.length, ref)] = true;
            }
        }
        List<Long> o = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!drop[i]) {
                o.add(x[i]);
            }
        }
        long[] shape = o.stream().mapToLong(Long::longValue).toArray();
        out(0, shape);
        value(0).ifPresent(v -> t.setValue(n.getOutput(0), v));
        return true;
    }

    private boolean unsqueeze(long[] x) {
        Optional<long[]> axes = axes();
        if (axes.isEmpty()) {
            return false;
        }
        int rank = x.length + axes.get().length;
        boolean[] added = new boolean[rank];
        for (long ax : axes.get()) {
            added[Shapes.axis(ax, rank, ref)] = true;
        }
        long[] o = new long[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            o[i] = added[i] ? 1 : x[j++];
        }
        out(0, o);
        value(0).ifPresent(v -> t.setValue(n.getOutput(0), v));
        return true;
    }

    private boolean concat() {
        List<long[]> shapes = new ArrayList<>();
        List<long[]> values = new ArrayList<>();
        for (int i = 0; i < n.getInputCount(); i++) {
            long[] s = in(i);
            if (s == null) {
                return false;
            }
            shapes.add(s);
            value(i).ifPresent(values::add);
        }
        out(0, Shapes.concat(shapes, a.i("axis", 0), ref));
        if (values.size() == shapes.size() && shapes.get(0).length == 1) {
            t.setValue(n.getOutput(0), values.stream().flatMapToLong(Arrays::stream).toArray());
        }
        return true;
    }

    private boolean split(long[] x) {
        int axis = Shapes.axis(a.i("axis", 0), x.length, ref);
        Optional<long[]> sizes = a.ints("split");
        if (sizes.isEmpty() && n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
            sizes = value(1);
            if (sizes.isEmpty()) {
                return false;
            }
        }
        int parts = n.getOutputCount();
        if (sizes.isPresent() && sizes.get().length != parts) {
            throw OnnxError.at(ref, "it splits into " + sizes.get().length + " parts but has " + parts + " outputs; give "
                    + "one size per output.");
        }
        // without sizes, equal parts, the last one smaller when they do not divide the axis (ONNX opset 18)
        long chunk = (x[axis] + parts - 1) / parts;
        for (int i = 0; i < parts; i++) {
            long[] o = x.clone();
            o[axis] = sizes.isPresent() ? sizes.get()[i] : Math.min(chunk, x[axis] - i * chunk);
            if (o[axis] < 1) {
                throw OnnxError.at(ref, "output " + i + " of the split would be empty; Mapwright needs every part to "
                        + "hold at least one element.");
            }
            out(i, o);
        }
        return true;
    }

    private boolean pad(long[] x) {
        Optional<long[]> pads = a.ints("pads");
        if (pads.isEmpty()) {
            pads = value(1);
        }
        if (pads.isEmpty() || pads.get().length != 2 * x.length) {
            return false;
        }
        long[] o = x.clone();
        for (int i = 0; i < x.length; i++) {
            o[i] += pads.get()[i] + pads.get()[i + x.length];
        }
        out(0, o);
        return true;
    }

    private boolean shapeOf(long[] x) {
        int start = (int) Shapes.clamp(a.i("start", 0), x.length);
        int end = (int) Shapes.clamp(a.i("end", x.length), x.length);
        long[] v = Arrays.copyOfRange(x, start, Math.max(start, end));
        outValue(new long[] {v.length}, v);
        return true;
    }

    private boolean gather(long[] x) {
        long[] idxShape = in(1);
        if (idxShape == null) {
            return false;
        }
        int axis = Shapes.axis(a.i("axis", 0), x.length, ref);
        long[] o = new long[x.length - 1 + idxShape.length];
        System.arraycopy(x, 0, o, 0, axis);
        System.arraycopy(idxShape, 0, o, axis, idxShape.length);
        System.arraycopy(x, axis + 1, o, axis + idxShape.length, x.length - axis - 1);
        out(0, o);
        Optional<long[]> data = value(0);
        Optional<long[]> idx = value(1);
        if (data.isPresent() && idx.isPresent() && x.length == 1) {
            long[] v = new long[idx.get().length];
            for (int i = 0; i < v.length; i++) {
                v[i] = data.get()[Shapes.axis(idx.get()[i], data.get().length, ref)];
            }
            t.setValue(n.getOutput(0), v);
        }
        return true;
    }

    private boolean slice(long[] x) {
        Optional<long[]> starts = n.getInputCount() > 1 ? value(1) : a.ints("starts");
        Optional<long[]> ends = n.getInputCount() > 2 ? value(2) : a.ints("ends");
        if (starts.isEmpty() || ends.isEmpty()) {
            return false;
        }
        long[] axes = n.getInputCount() > 3 && !n.getInput(3).isEmpty() ? value(3).orElse(null)
                : a.ints("axes").orElseGet(() -> range(starts.get().length));
        long[] steps = n.getInputCount() > 4 && !n.getInput(4).isEmpty() ? value(4).orElse(null) : null;
        if (axes == null || (steps == null && n.getInputCount() > 4 && !n.getInput(4).isEmpty())) {
            return false;
        }
        long[] o = x.clone();
        int[][] ranges = new int[x.length][];
        for (int i = 0; i < axes.length; i++) {
            int ax = Shapes.axis(axes[i], x.length, ref);
            long step = steps == null ? 1 : steps[i];
            long[] r = Shapes.sliceRange(x[ax], starts.get()[i], ends.get()[i], step, ref);
            o[ax] = r[2];
            ranges[ax] = new int[] {(int) r[0], (int) step};
        }
        out(0, o);
        Optional<long[]> v = value(0);
        if (v.isPresent() && x.length == 1) {
            long[] sliced = new long[(int) o[0]];
            int from = ranges[0] == null ? 0 : ranges[0][0];
            int step = ranges[0] == null ? 1 : ranges[0][1];
            for (int i = 0; i < sliced.length; i++) {
                sliced[i] = v.get()[from + i * step];
            }
            t.setValue(n.getOutput(0), sliced);
        }
        return true;
    }

    private static long[] range(int k) {
        long[] r = new long[k];
        for (int i = 0; i < k; i++) {
            r[i] = i;
        }
        return r;
    }

    private boolean reduce(long[] x) {
        Optional<long[]> axes = axes();
        if (axes.isEmpty() && n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
            return false;
        }
        if (axes.isEmpty() && a.i("noop_with_empty_axes", 0) != 0) {
            out(0, x);
            return true;
        }
        return reduceAxes(x, axes.orElseGet(() -> range(x.length)));
    }

    private boolean reduceAxes(long[] x, long[] axes) {
        boolean keep = a.i("keepdims", 1) != 0;
        boolean[] reduced = new boolean[x.length];
        for (long ax : axes) {
            reduced[Shapes.axis(ax, x.length, ref)] = true;
        }
        List<Long> o = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!reduced[i]) {
                o.add(x[i]);
            } else if (keep) {
                o.add(1L);
            }
        }
        out(0, o.stream().mapToLong(Long::longValue).toArray());
        return true;
    }
}
