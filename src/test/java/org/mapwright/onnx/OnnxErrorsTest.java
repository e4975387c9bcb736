package org.mapwright.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mapwright.onnx.Models.attr;
import static org.mapwright.onnx.Models.node;
import static org.mapwright.onnx.Models.value;
import static org.mapwright.onnx.Models.weight;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mapwright.diag.InputException;
import org.mapwright.onnx.proto.OnnxProto.AttributeProto;
import org.mapwright.onnx.proto.OnnxProto.NodeProto;
import org.mapwright.onnx.proto.OnnxProto.TensorProto;
import org.mapwright.onnx.proto.OnnxProto.ValueInfoProto;

/** Bad models, each with the exact message the user sees: it names the node and says what to do. */
class OnnxErrorsTest {

    static String error(List<ValueInfoProto> inputs, List<TensorProto> inits, List<NodeProto> nodes,
                        List<ValueInfoProto> valueInfo) {
        byte[] bytes = Models.model(inputs, inits, nodes, valueInfo);
        return assertThrows(InputException.class, () -> OnnxImport.read("m.onnx", bytes, "m")).report();
    }

    static String error(List<ValueInfoProto> inputs, List<TensorProto> inits, NodeProto... nodes) {
        return error(inputs, inits, List.of(nodes), List.of());
    }

    static NodeProto conv(AttributeProto... attrs) {
        return node("Conv", "c", List.of("x", "w"), List.of("y"), attrs);
    }

    static final List<ValueInfoProto> X = List.of(value("x", 1, 3, 8, 8));
    static final List<TensorProto> W = List.of(weight("w", 4, 3, 3, 3));

    @Test
    void malformedAttributes() {
        assertEquals("m.onnx: error: node 0 `c` (Conv): attribute `pads` has 2 values, but the node has 2 spatial axes; "
                + "give a begin and an end pad per axis (4 values).", error(X, W, conv(attr("pads", 1, 1))));
        assertEquals("m.onnx: error: node 0 `c` (Conv): attribute `strides` holds 0, but it must be at least 1.",
                error(X, W, conv(attr("strides", 0, 1))));
        assertEquals("m.onnx: error: node 0 `c` (Conv): attribute `group` is of type STRING, but the operator takes "
                + "INT; the model is malformed, export it again.", error(X, W, conv(attr("group", "two"))));
        assertEquals("m.onnx: error: node 0 `c` (Conv): its kernel shape [3, 0] has a size below 1; every kernel size "
                + "must be at least 1.", error(X, List.of(), conv(attr("kernel_shape", 3, 0))));
        assertEquals("m.onnx: error: node 0 `c` (Conv): attribute `auto_pad` is `SAME`, which is not one of NOTSET, "
                + "SAME_UPPER, SAME_LOWER and VALID.", error(X, W, conv(attr("auto_pad", "SAME"))));
    }

    @Test
    void inconsistentShapes() {
        assertEquals("m.onnx: error: node 0 `c` (Conv): its input has 3 channels, but its filter `w` of shape "
                + "[4, 2, 3, 3] takes 2 per group in 1 groups; the model is inconsistent.",
                error(X, List.of(weight("w", 4, 2, 3, 3)), conv()));
        // dilation 4 spreads 3 taps over (3 - 1) * 4 + 1 = 9 rows
        assertEquals("m.onnx: error: node 0 `c` (Conv): its window (9 wide with dilation) does not fit spatial axis 0 "
                + "of size 8 with pads 0 and 0, so the output would be empty; check the input's shape (a symbolic size "
                + "taken as 1 may be the cause).", error(X, W, conv(attr("kernel_shape", 3, 3), attr("dilations", 4, 1))));
        assertEquals("m.onnx: error: node 0 `mm` (MatMul): it multiplies [2, 5] by [4, 3], whose inner dimensions "
                + "differ; the model is inconsistent.", error(List.of(value("a", 2, 5)), List.of(weight("b", 4, 3)),
                node("MatMul", "mm", List.of("a", "b"), List.of("y"))));
        assertEquals("m.onnx: error: node 0 `c` (Conv): Mapwright computes the shape [1, 4, 6, 6] for its output `y`, "
                + "but the model's value_info says [1, 4, 8, 8]; the model's attributes and its stored shapes disagree, "
                + "so export it again.", error(X, W, List.of(conv()), List.of(value("y", 1, 4, 8, 8))));
        assertEquals("m.onnx: error: node 0 `r` (Reshape): it reshapes [1, 3, 8, 8] (192 elements) to [5, -1], which "
                + "does not hold the same number of elements; the model is inconsistent.",
                error(X, List.of(Models.ints("s", false, 5, -1)),
                        node("Reshape", "r", List.of("x", "s"), List.of("y"))));
    }

    @Test
    void layersThatCannotBeSized() {
        assertEquals("m.onnx: error: node 0 `c` (Conv): its filter size is unknown: it has no `kernel_shape` attribute "
                + "and the shape of its weights `w` is not known; add the attribute or store the weights' shape.",
                error(X, List.of(), conv()));
        assertEquals("m.onnx: error: node 0 (Gemm): the shape of its input `a` is unknown because no initializer, graph "
                + "input, value_info entry or earlier node gives it, and Mapwright needs its rows and columns to size "
                + "the layer. Store the shapes in the model (ONNX's onnx.shape_inference.infer_shapes writes them as "
                + "value_info) or replace that operator.", error(List.of(), List.of(weight("b", 4, 3)),
                node("Gemm", "", List.of("a", "b"), List.of("y"))));
        // 2^31 rows is beyond the DSL's counts
        assertEquals("m.onnx: error: node 0 `g` (Gemm): its layer matmul(M = 2147483648, N = 3, K = 4) is one Mapwright "
                + "cannot take: The bound of dimension M 2147483648 is too large; the limit is 2147483647.",
                error(List.of(value("a", 1L << 31, 4)), List.of(weight("b", 4, 3)),
                        node("Gemm", "g", List.of("a", "b"), List.of("y"))));
    }

    @Test
    void modelsWithNothingToMap() {
        assertEquals("m.onnx: error: The model has no Conv, Gemm or MatMul node that Mapwright can map, so there is no "
                + "layer to import (its operators: Relu, com.example.Fancy).", error(X, List.of(),
                node("Relu", "r", List.of("x"), List.of("y")),
                node("Fancy", "f", List.of("y"), List.of("z")).toBuilder().setDomain("com.example").build()));
        InputException empty = assertThrows(InputException.class, () -> OnnxImport.read("e.onnx", new byte[0], "e"));
        assertEquals("e.onnx: error: This is not an ONNX model, or one without nodes: it has no graph to import; give a "
                + "model file written by onnx.save or an exporter such as torch.onnx.export.", empty.report());
    }
}
