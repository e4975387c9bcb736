package org.mapwright.onnx;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.mapwright.onnx.proto.OnnxProto.AttributeProto;
import org.mapwright.onnx.proto.OnnxProto.AttributeProto.AttributeType;
import org.mapwright.onnx.proto.OnnxProto.NodeProto;
import org.mapwright.onnx.proto.OnnxProto.TensorProto;

/** The attributes of one node, read by name and type; an attribute of the wrong type is an error naming the node. */
final class Attrs {
    private final NodeProto node;
    private final NodeRef ref;

    Attrs(NodeProto node, NodeRef ref) {
        this.node = node;
        this.ref = ref;
    }

    private Optional<AttributeProto> find(String name, AttributeType type) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                // writers before ONNX IR 3 left the type out; the value fields then say it
                if (a.getType() != type && a.getType() != AttributeType.UNDEFINED) {
                    throw OnnxError.at(ref, "attribute `" + name + "` is of type " + a.getType() + ", but the operator "
                            + "takes " + type + "; the model is malformed, export it again.");
                }
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    boolean has(String name) {
        return node.getAttributeList().stream().anyMatch(a -> a.getName().equals(name));
    }

    long i(String name, long dflt) {
        return find(name, AttributeType.INT).map(AttributeProto::getI).orElse(dflt);
    }

    Optional<long[]> ints(String name) {
        return find(name, AttributeType.INTS).map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray());
    }

    String s(String name, String dflt) {
        return find(name, AttributeType.STRING).map(a -> a.getS().toString(StandardCharsets.UTF_8)).orElse(dflt);
    }

    Optional<TensorProto> t(String name) {
        return find(name, AttributeType.TENSOR).filter(AttributeProto::hasT).map(AttributeProto::getT);
    }

    /** The list attribute {@code name} with one entry per spatial axis, or {@code dflt} on every axis. */
    long[] perAxis(String name, int axes, long dflt) {
        Optional<long[]> v = ints(name);
        if (v.isEmpty()) {
            long[] d = new long[axes];
            java.util.Arrays.fill(d, dflt);
            return d;
        }
        if (v.get().length != axes) {
            throw OnnxError.at(ref, "attribute `" + name + "` has " + v.get().length + " values, but the node has " + axes
                    + " spatial axes; give one value per axis.");
        }
        for (long x : v.get()) {
            if (x < 1) {
                throw OnnxError.at(ref, "attribute `" + name + "` holds " + x + ", but it must be at least 1.");
            }
        }
        return v.get();
    }
}
