#!/usr/bin/env python3
"""Writes the small ONNX models that the ONNX import's tests read (src/test/java/org/mapwright/onnx).

Run it from this folder with Debian's python3-onnx (apt-get install python3-onnx): /usr/bin/python3 make_models.py.
The tests read the files it writes, which are committed, so they need no Python. The weights are zeros: only the
shapes matter to Mapwright. Each model is checked with onnx.checker, and its shapes with ONNX's own shape inference
(which the committed files do not carry, except where a model says so), so that the hand-computed expectations in
the tests rest on ONNX's formulas too.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper, shape_inference

OPSET = 13
FLOAT = TensorProto.FLOAT


def weight(name, *dims):
    return numpy_helper.from_array(np.zeros(dims, dtype=np.float32), name)


def ints(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def model(graph):
    m = helper.make_model(graph, producer_name="mapwright make_models.py",
                          opset_imports=[helper.make_opsetid("", OPSET)])
    m.ir_version = 7
    onnx.checker.check_model(m)
    return m


def inferred_shapes(m):
    """Every value's shape as ONNX's shape inference gives it, by name."""
    g = shape_inference.infer_shapes(m, strict_mode=True).graph
    out = {}
    for v in list(g.value_info) + list(g.output):
        out[v.name] = [d.dim_value if d.HasField("dim_value") else d.dim_param for d in v.type.tensor_type.shape.dim]
    return out


def expect(m, expected):
    got = inferred_shapes(m)
    for name, shape in expected.items():
        assert got[name] == shape, (name, got[name], shape)


def tiny_cnn_nodes():
    """The tiny CNN: every layer kind the import maps, and the shape-only operators between them."""
    return [
        # 3 -> 8 channels, 3x3, pads 1: 32x32 stays 32x32
        helper.make_node("Conv", ["x", "w1"], ["c1"], name="conv1", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c1"], ["r1"], name="relu1"),
        # depthwise (group = C = M = 8), stride 2, pads 1: (32 + 2 - 3) / 2 + 1 = 16
        helper.make_node("Conv", ["r1", "w2"], ["c2"], name="dw", kernel_shape=[3, 3], strides=[2, 2],
                         pads=[1, 1, 1, 1], group=8),
        helper.make_node("Conv", ["c2", "w3"], ["c3"], name="pw"),
        # dilation 2, pads 2: (16 + 4 - 5) + 1 = 16
        helper.make_node("Conv", ["c3", "w4"], ["c4"], name="dilated", kernel_shape=[3, 3], dilations=[2, 2],
                         pads=[2, 2, 2, 2]),
        helper.make_node("Add", ["c3", "c4"], ["a4"], name="residual"),
        # 4 groups of 4 -> 8 channels, no pads: 16 - 3 + 1 = 14
        helper.make_node("Conv", ["a4", "w5"], ["c5"], name="grouped", kernel_shape=[3, 3], group=4),
        helper.make_node("Relu", ["c5"], ["r5"], name="relu5"),
        # 3 high x 1 wide, stride 2 down and 1 across, pads 1 above and below: height (14 + 2 - 3) / 2 + 1 = 7
        helper.make_node("Conv", ["r5", "w6"], ["c6"], name="tall", kernel_shape=[3, 1], strides=[2, 1],
                         pads=[1, 0, 1, 0]),
        # 2x2 stride 2: 7 -> 3, 14 -> 7
        helper.make_node("MaxPool", ["c6"], ["p6"], name="pool", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Flatten", ["p6"], ["f6"], name="flatten"),
        # 672 -> 10, B stored transposed
        helper.make_node("Gemm", ["f6", "w7", "b7"], ["g7"], name="fc", transB=1),
        helper.make_node("MatMul", ["g7", "w8"], ["y"], name="head"),
    ]


TINY_CNN_WEIGHTS = [("w1", (8, 3, 3, 3)), ("w2", (8, 1, 3, 3)), ("w3", (16, 8, 1, 1)), ("w4", (16, 16, 3, 3)),
                    ("w5", (32, 4, 3, 3)), ("w6", (32, 32, 3, 1)), ("w7", (10, 672)), ("b7", (10,)), ("w8", (10, 4))]

TINY_CNN_SHAPES = {"c1": [1, 8, 32, 32], "c2": [1, 8, 16, 16], "c3": [1, 16, 16, 16], "c4": [1, 16, 16, 16],
                   "c5": [1, 32, 14, 14], "c6": [1, 32, 7, 14], "p6": [1, 32, 3, 7], "f6": [1, 672],
                   "g7": [1, 10], "y": [1, 4]}


def tiny_cnn():
    g = helper.make_graph(tiny_cnn_nodes(), "tiny_cnn",
                          [helper.make_tensor_value_info("x", FLOAT, [1, 3, 32, 32])],
                          [helper.make_tensor_value_info("y", FLOAT, [1, 4])],
                          initializer=[weight(n, *d) for n, d in TINY_CNN_WEIGHTS])
    m = model(g)
    expect(m, TINY_CNN_SHAPES)
    return m


def tiny_cnn_shapes_only():
    """The tiny CNN with no weights stored: they are graph inputs, each with its shape but one. The depthwise
    filter's input has four unknown dimensions, so its size comes from the node's kernel_shape, its group and the
    shape that value_info gives its output (as a shape-inference tool would store it)."""
    inputs = [helper.make_tensor_value_info("x", FLOAT, [1, 3, 32, 32])]
    for n, d in TINY_CNN_WEIGHTS:
        inputs.append(helper.make_tensor_value_info(n, FLOAT, [None] * 4 if n == "w2" else list(d)))
    g = helper.make_graph(tiny_cnn_nodes(), "tiny_cnn_shapes_only", inputs,
                          [helper.make_tensor_value_info("y", FLOAT, [1, 4])],
                          value_info=[helper.make_tensor_value_info("c2", FLOAT, [1, 8, 16, 16])])
    m = model(g)
    assert not m.graph.initializer
    return m


def tiny_attention():
    """One attention head pair on a symbolic batch: a projection (MatMul with a 2-D weight on a 3-D input), a
    Reshape by a constant shape with a 0 (copy) entry, Transposes, and two batched MatMuls."""
    nodes = [
        helper.make_node("MatMul", ["x", "wq"], ["q"], name="q_proj"),
        helper.make_node("MatMul", ["x", "wk"], ["k"], name="k_proj"),
        helper.make_node("Reshape", ["q", "heads"], ["q4"], name="q_split"),
        helper.make_node("Reshape", ["k", "heads"], ["k4"], name="k_split"),
        helper.make_node("Transpose", ["q4"], ["qh"], name="q_heads", perm=[0, 2, 1, 3]),
        helper.make_node("Transpose", ["k4"], ["kt"], name="k_heads_t", perm=[0, 2, 3, 1]),
        helper.make_node("MatMul", ["qh", "kt"], ["s"], name="scores"),
        helper.make_node("Softmax", ["s"], ["p"], name="softmax", axis=-1),
        helper.make_node("MatMul", ["p", "qh"], ["ctx"], name="context"),
    ]
    g = helper.make_graph(nodes, "tiny_attention",
                          [helper.make_tensor_value_info("x", FLOAT, ["batch", 4, 16])],
                          [helper.make_tensor_value_info("ctx", FLOAT, ["batch", 2, 4, 8])],
                          initializer=[weight("wq", 16, 16), weight("wk", 16, 16), ints("heads", [0, 4, 2, 8])])
    m = model(g)
    expect(m, {"q": ["batch", 4, 16], "q4": ["batch", 4, 2, 8], "qh": ["batch", 2, 4, 8], "kt": ["batch", 2, 8, 4],
               "s": ["batch", 2, 4, 4], "ctx": ["batch", 2, 4, 8]})
    return m


def unsupported_op(with_value_info):
    """Two convolutions around an operator the import does not follow (DepthToSpace). With value_info for its output
    the import goes on past it; without, and with an output whose height and width are symbolic, the second
    convolution cannot be sized."""
    nodes = [
        helper.make_node("Conv", ["x", "w1"], ["c1"], name="before", kernel_shape=[3, 3]),
        helper.make_node("DepthToSpace", ["c1"], ["n1"], name="shuffle", blocksize=2),
        helper.make_node("Conv", ["n1", "w2"], ["y"], name="after", kernel_shape=[1, 1]),
    ]
    g = helper.make_graph(nodes, "unsupported_op",
                          [helper.make_tensor_value_info("x", FLOAT, [1, 4, 10, 10])],
                          [helper.make_tensor_value_info("y", FLOAT, [1, 6, 16, 16] if with_value_info
                                                         else [1, 6, "h", "w"])],
                          initializer=[weight("w1", 8, 4, 3, 3), weight("w2", 6, 2, 1, 1)],
                          value_info=[helper.make_tensor_value_info("n1", FLOAT, [1, 2, 16, 16])] if with_value_info
                          else [])
    m = model(g)
    if with_value_info:
        expect(m, {"c1": [1, 8, 8, 8], "n1": [1, 2, 16, 16], "y": [1, 6, 16, 16]})
    return m


def resnet50_shapes():
    """ResNet-50 in its original (Caffe) form, as workloads/resnet50.mw describes it, with no weights stored: every
    filter is a graph input with its shape. Convolutions carry ONNX's pads (3 for conv1, 1 for the 3x3s), a stage's
    stride sits on its first block's 1x1 branch2a and branch1, and the max pool is 3x3 stride 2 with pads 1."""
    nodes, inputs = [], [helper.make_tensor_value_info("data", FLOAT, [1, 3, 224, 224])]

    def conv(name, x, c, m, k, stride=1):
        inputs.append(helper.make_tensor_value_info(name + "_w", FLOAT, [m, c, k, k]))
        nodes.append(helper.make_node("Conv", [x, name + "_w"], [name], name=name, kernel_shape=[k, k],
                                      strides=[stride, stride], pads=[k // 2] * 4))
        nodes.append(helper.make_node("BatchNormalization", [name, "bn_s", "bn_b", "bn_m", "bn_v"], [name + "_bn"],
                                      name="bn_" + name))
        return name + "_bn"

    def relu(x):
        nodes.append(helper.make_node("Relu", [x], [x + "_relu"], name="relu_" + x))
        return x + "_relu"

    x = relu(conv("conv1", "data", 3, 64, 7, 2))
    nodes.append(helper.make_node("MaxPool", [x], ["pool1"], name="pool1", kernel_shape=[3, 3], strides=[2, 2],
                                  pads=[1, 1, 1, 1]))
    x, c = "pool1", 64
    for stage, (width, blocks) in enumerate([(64, 3), (128, 4), (256, 6), (512, 3)], start=2):
        for b in range(blocks):
            block = "res%d%s" % (stage, "abcdef"[b])
            stride = 2 if b == 0 and stage > 2 else 1
            shortcut = conv(block + "_branch1", x, c, 4 * width, 1, stride) if b == 0 else x
            y = relu(conv(block + "_branch2a", x, c, width, 1, stride))
            y = relu(conv(block + "_branch2b", y, width, width, 3))
            y = conv(block + "_branch2c", y, width, 4 * width, 1)
            nodes.append(helper.make_node("Add", [shortcut, y], [block], name=block))
            x, c = relu(block), 4 * width
    nodes.append(helper.make_node("GlobalAveragePool", [x], ["pool5"], name="pool5"))
    nodes.append(helper.make_node("Flatten", ["pool5"], ["flat"], name="flatten"))
    inputs.append(helper.make_tensor_value_info("fc1000_w", FLOAT, [1000, 2048]))
    nodes.append(helper.make_node("Gemm", ["flat", "fc1000_w"], ["prob"], name="fc1000", transB=1))
    for v in ["bn_s", "bn_b", "bn_m", "bn_v"]:
        inputs.append(helper.make_tensor_value_info(v, FLOAT, [None]))
    g = helper.make_graph(nodes, "resnet50", inputs, [helper.make_tensor_value_info("prob", FLOAT, [1, 1000])])
    m = model(g)
    expect(m, {"pool1": [1, 64, 56, 56], "res3a": [1, 512, 28, 28], "res5c": [1, 2048, 7, 7], "prob": [1, 1000]})
    return m


def main():
    onnx.save(tiny_cnn(), "tiny_cnn.onnx")
    onnx.save(tiny_cnn_shapes_only(), "tiny_cnn_shapes_only.onnx")
    onnx.save(tiny_attention(), "tiny_attention.onnx")
    onnx.save(resnet50_shapes(), "resnet50_shapes.onnx")
    onnx.save(unsupported_op(True), "unsupported_op.onnx")
    onnx.save(unsupported_op(False), "unknown_shape.onnx")
    with open("tiny_cnn.onnx", "rb") as f:
        whole = f.read()
    # a model cut off in the middle of its weights, as an interrupted download leaves it
    with open("truncated.onnx", "wb") as f:
        f.write(whole[:len(whole) // 2])
    with open("not_onnx.onnx", "w") as f:
        f.write("network tiny { conv1 = conv2d(C = 3, M = 8, P = 32, Q = 32) }\n")


if __name__ == "__main__":
    main()
