package org.mapwright.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.diag.InputException;
import org.mapwright.onnx.proto.OnnxProto.AttributeProto;
import org.mapwright.onnx.proto.OnnxProto.GraphProto;
import org.mapwright.onnx.proto.OnnxProto.ModelProto;
import org.mapwright.onnx.proto.OnnxProto.NodeProto;
import org.mapwright.onnx.proto.OnnxProto.TensorProto;
import org.mapwright.onnx.proto.OnnxProto.TensorShapeProto;
import org.mapwright.onnx.proto.OnnxProto.ValueInfoProto;
import org.mapwright.workload.Layer;

/**
 * Damaged models import or fail with a located {@link InputException}: never another exception, or a layer with a
 * bound below 1. The damage is seeded: random bytes and cuts of the committed models, and changes to their parsed
 * fields (attribute values, tensor and declared dimensions, operators and wiring) with small, zero, negative and huge
 * numbers.
 */
class OnnxFuzzProperties {
    static final List<String> MODELS = List.of("tiny_cnn_shapes_only.onnx", "tiny_attention.onnx",
            "unsupported_op.onnx", "unknown_shape.onnx");

    /** Counts of the two outcomes; both must occur, so that the property is not met by rejecting everything. */
    private int imported;
    private int rejected;

    private void check(String what, byte[] bytes) {
        try {
            ImportedModel m = OnnxImport.read("fuzz.onnx", bytes, "fuzz");
            for (Layer l : m.network().layers()) {
                assertTrue(l.workload().macs() >= 1 && l.repeat() >= 1, l.toString());
            }
            imported++;
        } catch (InputException e) {
            assertTrue(e.report().startsWith("fuzz.onnx: error: "), e.report());
            rejected++;
        } catch (RuntimeException e) {
            fail(what + ": " + e, e);
        }
    }

    @Test
    void damagedBytesImportOrFailWithALocatedError() throws Exception {
        SplittableRandom rnd = new SplittableRandom(20_251_201);
        for (String name : MODELS) {
            byte[] original = Files.readAllBytes(OnnxImportTest.DIR.resolve(name));
            for (int trial = 0; trial < 400; trial++) {
                byte[] b = original.clone();
                if (trial % 10 == 0) {
                    b = Arrays.copyOf(b, rnd.nextInt(b.length));
                } else {
                    for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                    }
                }
                check(name + " trial " + trial, b);
            }
        }
        assertTrue(imported > 0 && rejected > 0, imported + " imported, " + rejected + " rejected");
    }

    static long number(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> r.nextInt(-3, 3);
            case 1 -> r.nextInt(0, 40);
            case 2 -> Long.MAX_VALUE - r.nextInt(3);
            case 3 -> 1L << r.nextInt(62);
            default -> -r.nextLong(1, Long.MAX_VALUE);
        };
    }

    @Test
    void damagedFieldsImportOrFailWithALocatedError() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        for (String name : MODELS) {
            ModelProto original = ModelProto.parseFrom(Files.readAllBytes(OnnxImportTest.DIR.resolve(name)));
            for (int trial = 0; trial < 800; trial++) {
                ModelProto.Builder m = original.toBuilder();
                for (int k = 1 + rnd.nextInt(2); k > 0; k--) {
                    damage(m.getGraphBuilder(), rnd);
                }
                check(name + " trial " + trial, m.build().toByteArray());
            }
        }
        assertTrue(imported > 0 && rejected > 0, imported + " imported, " + rejected + " rejected");
    }

    private static void damage(GraphProto.Builder g, SplittableRandom rnd) {
        switch (rnd.nextInt(4)) {
            case 0 -> {
                NodeProto.Builder n = g.getNodeBuilder(rnd.nextInt(g.getNodeCount()));
                if (n.getAttributeCount() == 0) {
                    n.addAttribute(AttributeProto.newBuilder().setName(List.of("group", "strides", "pads",
                            "kernel_shape", "axis", "perm", "dilations").get(rnd.nextInt(7)))
                            .setType(AttributeProto.AttributeType.INTS).addInts(number(rnd)));
                    return;
                }
                AttributeProto.Builder a = n.getAttributeBuilder(rnd.nextInt(n.getAttributeCount()));
                if (a.getIntsCount() > 0) {
                    a.setInts(rnd.nextInt(a.getIntsCount()), number(rnd));
                } else {
                    a.setI(number(rnd));
                }
            }
            case 1 -> {
                if (g.getInitializerCount() > 0) {
                    TensorProto.Builder t = g.getInitializerBuilder(rnd.nextInt(g.getInitializerCount()));
                    if (t.getDimsCount() > 0) {
                        t.setDims(rnd.nextInt(t.getDimsCount()), number(rnd));
                    }
                    if (t.getInt64DataCount() > 0) {
                        t.setInt64Data(rnd.nextInt(t.getInt64DataCount()), number(rnd));
                    }
                }
            }
            case 2 -> {
                List<ValueInfoProto.Builder> vs = new ArrayList<>(g.getInputBuilderList());
                vs.addAll(g.getValueInfoBuilderList());
                vs.addAll(g.getOutputBuilderList());
                TensorShapeProto.Builder s = vs.get(rnd.nextInt(vs.size())).getTypeBuilder().getTensorTypeBuilder()
                        .getShapeBuilder();
                if (s.getDimCount() > 0) {
                    s.getDimBuilder(rnd.nextInt(s.getDimCount())).setDimValue(number(rnd));
                }
                if (rnd.nextInt(4) == 0) {
                    s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(number(rnd)));
                }
            }
            default -> {
                NodeProto.Builder n = g.getNodeBuilder(rnd.nextInt(g.getNodeCount()));
                NodeProto other = g.getNode(rnd.nextInt(g.getNodeCount()));
                if (rnd.nextBoolean()) {
                    n.setOpType(other.getOpType());
                } else if (n.getInputCount() > 0) {
                    n.setInput(rnd.nextInt(n.getInputCount()), other.getOutput(0));
                }
            }
        }
    }
}
