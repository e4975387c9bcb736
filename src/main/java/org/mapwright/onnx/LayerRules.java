package org.mapwright.onnx;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.mapwright.onnx.proto.OnnxProto.NodeProto;

/**
 * The nodes that become layers: {@code Conv}, {@code Gemm} and {@code MatMul}, as calls of the DSL's layer templates
 * ({@code workloads/layers.mw}), with the node's output shape recorded for the nodes after it.
 *
 * <p>A Conv's sizes are taken from whichever source has them: the input's shape, the filter's (an initializer, or a
 * graph input's declared type), the {@code kernel_shape} and {@code group} attributes, and the output's
 * {@code value_info}; so a model that stores no weights imports as well as one that does. ONNX's height and width
 * axes are the templates' {@code S, Q} and {@code R, P}. A convolution of {@code group = C = M} is a
 * {@code depthwise_conv2d}; any other {@code group > 1} is a {@code conv2d} of {@code C/group} input and
 * {@code M/group} output channels repeated {@code group} times, which has the same MACs and per-group traffic.
 */
final class LayerRules {
    /** Templates for strides or dilations that differ between height and width; layers.mw has one of each. */
    static final String ANISOTROPIC_TEMPLATES = """
            // A 2-D convolution whose stride or dilation differs between width (P, R) and height (Q, S).
            workload conv2d_hw {
              dims  C, M, R = 1, S = 1, N = 1, P, Q
              coefs stride_w = 1, stride_h = 1, dilation_w = 1, dilation_h = 1
              Outputs[N, M, Q, P] += Weights[C, M, R, S] * Inputs[N, C, R*dilation_w + P*stride_w, S*dilation_h + Q*stride_h]
            }

            // A depthwise 2-D convolution whose stride or dilation differs between width and height.
            workload depthwise_conv2d_hw {
              dims  C, R = 3, S = 3, N = 1, P, Q
              coefs stride_w = 1, stride_h = 1, dilation_w = 1, dilation_h = 1
              Outputs[N, C, Q, P] += Weights[C, R, S] * Inputs[N, C, R*dilation_w + P*stride_w, S*dilation_h + Q*stride_h]
            }
            """;

    private final NodeProto n;
    private final NodeRef ref;
    private final Attrs a;
    private final Tensors t;
    private final Consumer<String> notes;

    private LayerRules(NodeProto n, NodeRef ref, Tensors t, Consumer<String> notes) {
        this.n = n;
        this.ref = ref;
        this.a = new Attrs(n, ref);
        this.t = t;
        this.notes = notes;
    }

    static boolean isLayer(String op) {
        return op.equals("Conv") || op.equals("Gemm") || op.equals("MatMul");
    }

    /**
     * The layer of node {@code n} (empty when it is a layer kind Mapwright has no template for, with a note), after
     * recording its output's shape.
     */
    static Optional<LayerCall> of(NodeProto n, NodeRef ref, Tensors t, Consumer<String> notes) {
        LayerRules r = new LayerRules(n, ref, t, notes);
        return switch (n.getOpType()) {
            case "Conv" -> r.conv();
            case "Gemm" -> Optional.of(r.gemm());
            default -> r.matmul();
        };
    }

    private String input(int i) {
        if (i >= n.getInputCount() || n.getInput(i).isEmpty()) {
            throw OnnxError.at(ref, "it has no input " + i + ", which the operator requires; the model is malformed.");
        }
        return n.getInput(i);
    }

    private OnnxError unknown(String value, String need) {
        return OnnxError.at(ref, "the shape of its input `" + value + "` is unknown " + t.whyUnknown(value)
                + ", and Mapwright needs " + need + " to size the layer. Store the shapes in the model (ONNX's "
                + "onnx.shape_inference.infer_shapes writes them as value_info) or replace that operator.");
    }

    /** {@code s} if every dimension is at least 1 (or null for null); a layer of an empty tensor is an error. */
    private long[] sized(String value, long[] s) {
        if (s != null && java.util.Arrays.stream(s).anyMatch(d -> d == 0)) {
            throw OnnxError.at(ref, "its input `" + value + "` has the shape " + Shapes.text(s) + ", which holds no "
                    + "element; Mapwright needs every dimension of a layer's tensors to be at least 1.");
        }
        return s;
    }

    private static boolean known(long[] s, int i) {
        return s != null && i < s.length && s[i] > 0;
    }

    /** Records the output's shape, after checking it against the model's value_info where that has one. */
    private void output(long[] shape) {
        String out = n.getOutput(0);
        long[] hint = t.hint(out);
        if (hint != null) {
            boolean same = hint.length == shape.length;
            for (int i = 0; same && i < shape.length; i++) {
                same = hint[i] == Tensors.UNKNOWN || hint[i] == shape[i];
            }
            if (!same) {
                throw OnnxError.at(ref, "Mapwright computes the shape " + Shapes.text(shape) + " for its output `" + out
                        + "`, but the model's value_info says " + Shapes.partialText(hint) + "; the model's "
                        + "attributes and its stored shapes disagree, so export it again.");
            }
        }
        t.setShape(out, shape);
    }

    private Optional<LayerCall> conv() {
        String xName = input(0);
        String wName = input(1);
        long[] x = sized(xName, t.shape(xName).orElse(null));
        long[] w = sized(wName, t.partial(wName));
        long[] y = t.hint(n.getOutput(0));
        long group = a.i("group", 1);
        if (group < 1) {
            throw OnnxError.at(ref, "attribute `group` is " + group + "; it must be at least 1.");
        }
        long[] kernel = a.ints("kernel_shape").orElse(null);
        if (kernel == null) {
            if (w == null || w.length < 3 || Arrays.stream(w, 2, w.length).anyMatch(d -> d < 1)) {
                throw OnnxError.at(ref, "its filter size is unknown: it has no `kernel_shape` attribute and the shape of "
                        + "its weights `" + wName + "` is not known; add the attribute or store the weights' shape.");
            }
            kernel = Arrays.copyOfRange(w, 2, w.length);
        }
        Shapes.kernel(kernel, ref);
        int rank = kernel.length + 2;
        for (long[] s : new long[][] {x, w}) {
            if (s != null && s.length != rank) {
                throw OnnxError.at(ref, "its input, filter and kernel_shape disagree on the number of spatial axes ("
                        + Shapes.partialText(s) + " against a " + kernel.length + "-axis kernel); the model is "
                        + "inconsistent.");
            }
        }
        long c = x != null ? x[1] : known(w, 1) ? w[1] * group : -1;
        if (c < 1) {
            throw unknown(xName, "its channel count");
        }
        if (known(w, 1) && w[1] * group != c) {
            throw OnnxError.at(ref, "its input has " + c + " channels, but its filter `" + wName + "` of shape "
                    + Shapes.partialText(w) + " takes " + w[1] + " per group in " + group + " groups; the model is inconsistent.");
        }
        long m = known(w, 0) ? w[0] : known(y, 1) ? y[1] : -1;
        if (m < 1) {
            throw OnnxError.at(ref, "its output channel count is unknown: neither its weights `" + wName + "` nor its "
                    + "output have a known shape; store the weights' shape (as a graph input's type) or the output's "
                    + "(as value_info).");
        }
        if (c % group != 0 || m % group != 0) {
            throw OnnxError.at(ref, "its " + c + " input and " + m + " output channels do not divide into " + group
                    + " groups; the model is inconsistent.");
        }
        Windows.Window win = Windows.window(a, kernel, true);
        long[] spatial;
        if (x != null) {
            spatial = Windows.output(Arrays.copyOfRange(x, 2, rank), win, a, ref, false);
        } else if (y != null && y.length == rank && Arrays.stream(y, 2, rank).allMatch(d -> d > 0)) {
            spatial = Arrays.copyOfRange(y, 2, rank);
        } else {
            throw unknown(xName, "its height and width");
        }
        long batch = x != null ? x[0] : known(y, 0) ? y[0] : 1;
        long[] out = new long[rank];
        out[0] = batch;
        out[1] = m;
        System.arraycopy(spatial, 0, out, 2, spatial.length);
        output(out);
        if (kernel.length > 2) {
            notes.accept(ref + " is a " + kernel.length + "-D convolution, for which Mapwright has no layer template; "
                    + "it is skipped and its MACs are not counted.");
            return Optional.empty();
        }
        return Optional.of(convCall(c, m, group, batch, kernel, spatial, win));
    }

    private LayerCall convCall(long c, long m, long group, long batch, long[] kernel, long[] spatial, Windows.Window win) {
        // ONNX lists spatial axes as (height, width), or (width) alone for a 1-D convolution
        int wAxis = kernel.length - 1;
        int hAxis = kernel.length == 2 ? 0 : -1;
        long strideW = win.strides()[wAxis];
        long dilationW = win.dilations()[wAxis];
        long strideH = hAxis < 0 ? strideW : win.strides()[hAxis];
        long dilationH = hAxis < 0 ? dilationW : win.dilations()[hAxis];
        boolean depthwise = group > 1 && group == c && group == m;
        boolean square = strideW == strideH && dilationW == dilationH;
        Map<String, Long> args = new LinkedHashMap<>();
        if (!depthwise) {
            args.put("C", c / group);
            args.put("M", m / group);
        } else {
            args.put("C", c);
        }
        args.put("R", kernel[wAxis]);
        args.put("S", hAxis < 0 ? 1 : kernel[hAxis]);
        args.put("N", batch);
        args.put("P", spatial[wAxis]);
        args.put("Q", hAxis < 0 ? 1 : spatial[hAxis]);
        if (square) {
            args.put("stride", strideW);
            args.put("dilation", dilationW);
        } else {
            args.put("stride_w", strideW);
            args.put("stride_h", strideH);
            args.put("dilation_w", dilationW);
            args.put("dilation_h", dilationH);
        }
        String template = (depthwise ? "depthwise_conv2d" : "conv2d") + (square ? "" : "_hw");
        return new LayerCall(ref, template, args, depthwise ? 1 : group);
    }

    private LayerCall gemm() {
        String aName = input(0);
        String bName = input(1);
        long[] x = sized(aName, t.shape(aName).orElse(null));
        long[] w = sized(bName, t.partial(bName));
        long[] y = t.hint(n.getOutput(0));
        boolean ta = a.i("transA", 0) != 0;
        boolean tb = a.i("transB", 0) != 0;
        for (long[] s : new long[][] {x, w}) {
            if (s != null && s.length != 2) {
                throw OnnxError.at(ref, "Gemm multiplies matrices, but an input has shape " + Shapes.partialText(s)
                        + "; the model is inconsistent.");
            }
        }
        long rows = x != null ? x[ta ? 1 : 0] : known(y, 0) ? y[0] : -1;
        long k = x != null ? x[ta ? 0 : 1] : known(w, tb ? 1 : 0) ? w[tb ? 1 : 0] : -1;
        long cols = known(w, tb ? 0 : 1) ? w[tb ? 0 : 1] : known(y, 1) ? y[1] : -1;
        if (rows < 1 || k < 1) {
            throw unknown(aName, "its rows and columns");
        }
        if (cols < 1) {
            throw OnnxError.at(ref, "its output column count is unknown: neither `" + bName + "` nor its output has a "
                    + "known shape; store one of them in the model.");
        }
        if (known(w, tb ? 1 : 0) && w[tb ? 1 : 0] != k) {
            throw OnnxError.at(ref, "it multiplies a matrix with " + k + " columns by `" + bName + "` of shape "
                    + Shapes.partialText(w) + (tb ? " (transposed)" : "") + "; the model is inconsistent.");
        }
        output(new long[] {rows, cols});
        return matmulCall(rows, cols, k);
    }

    private LayerCall matmulCall(long rows, long cols, long k) {
        Map<String, Long> args = new LinkedHashMap<>();
        args.put("M", rows);
        args.put("N", cols);
        args.put("K", k);
        return new LayerCall(ref, "matmul", args, 1);
    }

    /**
     * numpy's matmul: the last two axes multiply, the ones before them broadcast. A weight shared by every batch (a
     * linear layer on a sequence) is one {@code matmul} over all the rows; two batched operands are a
     * {@code batched_matmul}; a left operand shared by a batched right one is the transposed {@code matmul}.
     */
    private Optional<LayerCall> matmul() {
        String aName = input(0);
        String bName = input(1);
        long[] x = sized(aName, t.shape(aName).orElseThrow(() -> unknown(aName, "both operands' shapes")));
        long[] w = sized(bName, t.shape(bName).orElseThrow(() -> unknown(bName, "both operands' shapes")));
        if (x.length == 0 || w.length == 0) {
            throw OnnxError.at(ref, "MatMul needs operands of rank 1 or more, but one is a scalar; the model is malformed.");
        }
        long[] xa = x.length == 1 ? new long[] {1, x[0]} : x;
        long[] wa = w.length == 1 ? new long[] {w[0], 1} : w;
        long rows = xa[xa.length - 2];
        long k = xa[xa.length - 1];
        long cols = wa[wa.length - 1];
        if (wa[wa.length - 2] != k) {
            throw OnnxError.at(ref, "it multiplies " + Shapes.text(x) + " by " + Shapes.text(w) + ", whose inner "
                    + "dimensions differ; the model is inconsistent.");
        }
        long[] leadX = Arrays.copyOf(xa, xa.length - 2);
        long[] leadW = Arrays.copyOf(wa, wa.length - 2);
        long[] lead = Shapes.broadcast(List.of(leadX, leadW), ref);
        long[] out = Arrays.copyOf(lead, lead.length + 2);
        out[lead.length] = rows;
        out[lead.length + 1] = cols;
        long[] shape = out;
        if (w.length == 1) {
            shape = Arrays.copyOf(out, out.length - 1);
        }
        if (x.length == 1) {
            long[] s = new long[shape.length - 1];
            System.arraycopy(shape, 0, s, 0, shape.length - 2);
            s[s.length - 1] = shape[shape.length - 1];
            shape = w.length == 1 ? new long[0] : s;
        }
        output(shape);
        long batches = Shapes.product(lead, 0, lead.length);
        long bx = Shapes.product(leadX, 0, leadX.length);
        long bw = Shapes.product(leadW, 0, leadW.length);
        if (bw == 1) {
            return Optional.of(matmulCall(Math.multiplyExact(batches, rows), cols, k));
        }
        if (bx == 1) {
            return Optional.of(matmulCall(Math.multiplyExact(batches, cols), rows, k));
        }
        if (bx == batches && bw == batches) {
            Map<String, Long> args = new LinkedHashMap<>();
            args.put("B", batches);
            args.put("M", rows);
            args.put("N", cols);
            args.put("K", k);
            return Optional.of(new LayerCall(ref, "batched_matmul", args, 1));
        }
        notes.accept(ref + " broadcasts each operand over part of the batch (" + Shapes.text(x) + " by "
                + Shapes.text(w) + "), which no layer template states; it is skipped and its MACs are not counted.");
        return Optional.empty();
    }
}
