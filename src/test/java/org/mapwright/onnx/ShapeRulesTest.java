package org.mapwright.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mapwright.onnx.Models.attr;
import static org.mapwright.onnx.Models.ints;
import static org.mapwright.onnx.Models.node;
import static org.mapwright.onnx.Models.value;
import static org.mapwright.onnx.Models.weight;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mapwright.onnx.proto.OnnxProto.AttributeProto;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;

/**
 * Shapes through the operators between layers, and the layer kinds the committed models do not have; each size is
 * worked out by hand from ONNX's operator definitions in the comments.
 */
class ShapeRulesTest {

    /** The bounds of {@code l} as text, such as {@code (C=1, M=2, ...)}. */
    static String bounds(Layer l) {
        return l.workload().toString().substring(l.name().length());
    }

    /** A pooling node on a 1x1xHxH input, then a 1x1 convolution whose P and Q show the pooled size. */
    static long pooled(long h, AttributeProto... attrs) {
        Network n = Models.read(List.of(value("x", 1, 1, h, h)), List.of(weight("w", 2, 1, 1, 1)), List.of(
                node("MaxPool", "pool", List.of("x"), List.of("p"), attrs),
                node("Conv", "c", List.of("p", "w"), List.of("y")))).network();
        return n.layers().get(0).workload().bound(n.layers().get(0).workload().dim("P").orElseThrow());
    }

    @Test
    void poolingInFloorAndCeilMode() {
        // (8 - 3) / 2 + 1 = 3 in floor mode; ceil((8 - 3) / 2) + 1 = 4 in ceil mode (the last window starts at 6 < 8)
        assertEquals(3, pooled(8, attr("kernel_shape", 3, 3), attr("strides", 2, 2)));
        assertEquals(4, pooled(8, attr("kernel_shape", 3, 3), attr("strides", 2, 2), attr("ceil_mode", 1)));
        // 5 with pads 1 and 1, 2x2 stride 2, ceil: ceil(5 / 2) + 1 = 4, but the 4th window would start at 6, in the
        // end padding (6 >= 5 + 1), so it is dropped: 3
        assertEquals(3, pooled(5, attr("kernel_shape", 2, 2), attr("strides", 2, 2), attr("pads", 1, 1, 1, 1),
                attr("ceil_mode", 1)));
        // SAME_UPPER: ceil(7 / 2) = 4
        assertEquals(4, pooled(7, attr("kernel_shape", 3, 3), attr("strides", 2, 2),
                attr("auto_pad", "SAME_UPPER")));
    }

    @Test
    void sameAutoPadConvolutionKeepsCeilOfInputOverStride() {
        Network n = Models.read(List.of(value("x", 1, 3, 7, 9)), List.of(weight("w", 4, 3, 3, 3)), List.of(
                node("Conv", "c", List.of("x", "w"), List.of("y"), attr("strides", 2, 2),
                        attr("auto_pad", "SAME_LOWER")))).network();
        // height ceil(7 / 2) = 4 is Q, width ceil(9 / 2) = 5 is P
        assertEquals("(C=3, M=4, R=3, S=3, N=1, P=5, Q=4)", bounds(n.layers().get(0)));
    }

    @Test
    void pytorchsFlattenBeforeALinearLayer() {
        // x.view(x.size(0), -1): Shape, Gather of index 0, Unsqueeze, Concat with [-1], Reshape; 2 * 3 * 3 = 18
        Network n = Models.read(List.of(value("x", 1, 2, 3, 3)), List.of(ints("zero", true, 0), ints("axes", false, 0),
                ints("rest", false, -1), weight("w", 5, 18)), List.of(
                node("Shape", "shape", List.of("x"), List.of("s")),
                node("Gather", "batch", List.of("s", "zero"), List.of("b")),
                node("Unsqueeze", "b1", List.of("b", "axes"), List.of("b1")),
                node("Concat", "target", List.of("b1", "rest"), List.of("t"), attr("axis", 0)),
                node("Reshape", "flat", List.of("x", "t"), List.of("f")),
                node("Gemm", "fc", List.of("f", "w"), List.of("y"), attr("transB", 1)))).network();
        assertEquals("(M=1, N=5, K=18)", bounds(n.layers().get(0)));
    }

    @Test
    void gemmWithATransposedLeftOperand() {
        // A is 5 x 3, used transposed: 3 rows of 5; B is 5 x 4
        Network n = Models.read(List.of(value("a", 5, 3)), List.of(weight("b", 5, 4)), List.of(
                node("Gemm", "g", List.of("a", "b"), List.of("y"), attr("transA", 1)))).network();
        assertEquals("(M=3, N=4, K=5)", bounds(n.layers().get(0)));
    }

    @Test
    void matmulShapes() {
        // a shared left operand [4, 8] times a batch of 3 [8, 6]: the transposed product, 3 * 6 rows of 8 by 4 columns
        Network shared = Models.read(List.of(value("b", 3, 8, 6)), List.of(weight("a", 4, 8)), List.of(
                node("MatMul", "mm", List.of("a", "b"), List.of("y")))).network();
        assertEquals("(M=18, N=4, K=8)", bounds(shared.layers().get(0)));
        assertEquals(3 * 4 * 8 * 6, shared.macs());
        // a vector times a matrix: one row
        Network vec = Models.read(List.of(value("v", 8)), List.of(weight("m", 8, 6)), List.of(
                node("MatMul", "mv", List.of("v", "m"), List.of("y")))).network();
        assertEquals("(M=1, N=6, K=8)", bounds(vec.layers().get(0)));
    }

    @Test
    void oneDimensionalAndChannelMultiplierConvolutions() {
        // 1-D: (20 - 5) / 3 + 1 = 6 outputs along P, Q = 1
        Network oneD = Models.read(List.of(value("x", 2, 4, 20)), List.of(weight("w", 6, 4, 5)), List.of(
                node("Conv", "c", List.of("x", "w"), List.of("y"), attr("strides", new long[] {3})))).network();
        assertEquals("(C=4, M=6, R=5, S=1, N=2, P=6, Q=1)", bounds(oneD.layers().get(0)));
        assertEquals(3L, oneD.layers().get(0).workload().coefficients().get("stride"));
        // group = C = 4 with 8 outputs: two filters per channel, a conv of 1 -> 2 channels repeated 4 times
        Network mult = Models.read(List.of(value("x", 1, 4, 8, 8)), List.of(weight("w", 8, 1, 3, 3)), List.of(
                node("Conv", "c", List.of("x", "w"), List.of("y"), attr("group", 4)))).network();
        Layer l = mult.layers().get(0);
        assertEquals("(C=1, M=2, R=3, S=3, N=1, P=6, Q=6)", bounds(l));
        assertEquals(4, l.repeat());
    }

    @Test
    void aThreeDimensionalConvolutionIsSkippedWithANote() {
        // 3-D conv 2 -> 4 channels, 3x3x3 on 5x5x5: 3x3x3 out; flattened 4 * 27 = 108 features
        ImportedModel m = Models.read(List.of(value("x", 1, 2, 5, 5, 5)), List.of(weight("w", 4, 2, 3, 3, 3),
                weight("fc", 108, 10)), List.of(
                node("Conv", "c3d", List.of("x", "w"), List.of("c")),
                node("Flatten", "f", List.of("c"), List.of("f")),
                node("MatMul", "head", List.of("f", "fc"), List.of("y"))));
        assertEquals("(M=1, N=10, K=108)", bounds(m.network().layers().get(0)));
        assertEquals(List.of("node 0 `c3d` (Conv) is a 3-D convolution, for which Mapwright has no layer template; it is "
                + "skipped and its MACs are not counted."), m.report().notes());
        assertEquals(java.util.Map.of("Conv", 1, "Flatten", 1), m.report().skipped());
    }

    @Test
    void sliceConcatTransposeAndReduce() {
        // x [1, 6, 4, 4]: Slice channels 2..6 -> [1, 4, 4, 4]; Concat with x on channels -> [1, 10, 4, 4];
        // ReduceMean over H, W keeping dims -> [1, 10, 1, 1]; Squeeze -> [1, 10]; Gemm 10 -> 3
        Network n = Models.read(List.of(value("x", 1, 6, 4, 4)), List.of(ints("starts", false, 2),
                ints("ends", false, 100), ints("axes", false, 1), ints("hw", false, 2, 3), ints("sq", false, 2, 3),
                weight("w", 10, 3)), List.of(
                node("Slice", "s", List.of("x", "starts", "ends", "axes"), List.of("s")),
                node("Concat", "cat", List.of("s", "x"), List.of("c"), attr("axis", 1)),
                node("ReduceMean", "mean", List.of("c"), List.of("r"), attr("axes", 2, 3)),
                node("Squeeze", "sq", List.of("r", "sq"), List.of("q")),
                node("Gemm", "fc", List.of("q", "w"), List.of("y")))).network();
        assertEquals("(M=1, N=3, K=10)", bounds(n.layers().get(0)));
    }
}
