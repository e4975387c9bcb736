package org.mapwright.onnx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.mapwright.onnx.proto.OnnxProto.AttributeProto;
import org.mapwright.onnx.proto.OnnxProto.AttributeProto.AttributeType;
import org.mapwright.onnx.proto.OnnxProto.GraphProto;
import org.mapwright.onnx.proto.OnnxProto.ModelProto;
import org.mapwright.onnx.proto.OnnxProto.NodeProto;
import org.mapwright.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.mapwright.onnx.proto.OnnxProto.TensorProto;
import org.mapwright.onnx.proto.OnnxProto.TensorShapeProto;
import org.mapwright.onnx.proto.OnnxProto.TypeProto;
import org.mapwright.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * Small ONNX models built in Java with the generated classes, for cases the committed files do not cover (every
 * error, every shape rule); the bytes are what an ONNX writer would write for the same fields.
 */
final class Models {
    private Models() {
    }

    static final int FLOAT = 1;
    static final int INT64 = 7;

    /** A graph value with a shape: each dimension a Long (a size) or a String (a symbol). */
    static ValueInfoProto value(String name, Object... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder b = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String sym) {
                b.setDimParam(sym);
            } else {
                b.setDimValue(((Number) d).longValue());
            }
            s.addDim(b);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(s))).build();
    }

    /** A float initializer with the given dims and no data (the import reads only its shape). */
    static TensorProto weight(String name, long... dims) {
        return TensorProto.newBuilder().setName(name).setDataType(FLOAT)
                .addAllDims(Arrays.stream(dims).boxed().toList()).build();
    }

    /** A 1-D INT64 initializer (or a scalar when {@code scalar}) holding {@code values}. */
    static TensorProto ints(String name, boolean scalar, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(INT64)
                .addAllInt64Data(Arrays.stream(values).boxed().toList());
        if (!scalar) {
            t.addDims(values.length);
        }
        return t.build();
    }

    static NodeProto node(String op, String name, List<String> in, List<String> out, AttributeProto... attrs) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addAllOutput(out)
                .addAllAttribute(List.of(attrs)).build();
    }

    static AttributeProto attr(String name, long... values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS)
                .addAllInts(Arrays.stream(values).boxed().toList()).build();
    }

    static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
    }

    static AttributeProto attr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }

    /** A model of {@code nodes} with the given graph inputs, initializers and value_info. */
    static byte[] model(List<ValueInfoProto> inputs, List<TensorProto> inits, List<NodeProto> nodes,
                        List<ValueInfoProto> valueInfo) {
        GraphProto g = GraphProto.newBuilder().setName("g").addAllInput(inputs).addAllInitializer(inits)
                .addAllNode(nodes).addAllValueInfo(valueInfo).build();
        return ModelProto.newBuilder().setIrVersion(7).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).build().toByteArray();
    }

    static ImportedModel read(List<ValueInfoProto> inputs, List<TensorProto> inits, List<NodeProto> nodes) {
        return OnnxImport.read("m.onnx", model(inputs, inits, nodes, List.of()), "m");
    }
}
