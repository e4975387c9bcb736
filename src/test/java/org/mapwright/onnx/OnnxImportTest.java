package org.mapwright.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mapwright.diag.InputException;
import org.mapwright.dsl.Frontend;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

/**
 * The committed models of src/test/resources/onnx (made by make_models.py there), imported and checked against
 * sizes and MACs worked out by hand from ONNX's operator definitions.
 */
class OnnxImportTest {
    static final Path DIR = Path.of("src/test/resources/onnx");

    static ImportedModel read(String file) {
        return OnnxImport.read(DIR.resolve(file));
    }

    /** The workload that the DSL gives for {@code call} of the built-in templates (or the import's anisotropic ones). */
    static Workload template(String name, String call) {
        String text = "include \"builtin:layers.mw\"\n" + LayerRules.ANISOTROPIC_TEMPLATES
                + "network expected {\n  " + name + " = " + call + "\n}\n";
        return Frontend.loadText("expected.mw", text).networks().get("expected").layers().get(0).workload();
    }

    /** Layer name, template call as a DSL network would write it, repeat, MACs of one run. */
    record Expected(String name, String call, int repeat, long macs) {
    }

    static final List<Expected> TINY_CNN = List.of(
            // 3 -> 8 channels, 3x3 filter, 32x32 output (pads 1 keep the size): 3 * 8 * 9 * 32 * 32
            new Expected("conv1", "conv2d(C = 3, M = 8, R = 3, S = 3, N = 1, P = 32, Q = 32)", 1, 221_184),
            // depthwise, stride 2: (32 + 1 + 1 - 3) / 2 + 1 = 16; 8 * 9 * 16 * 16
            new Expected("dw", "depthwise_conv2d(C = 8, R = 3, S = 3, N = 1, P = 16, Q = 16, stride = 2)", 1, 18_432),
            new Expected("pw", "conv2d(C = 8, M = 16, R = 1, S = 1, N = 1, P = 16, Q = 16)", 1, 32_768),
            // dilation 2 spans 5: (16 + 2 + 2 - 5) + 1 = 16; 16 * 16 * 9 * 256
            new Expected("dilated", "conv2d(C = 16, M = 16, R = 3, S = 3, N = 1, P = 16, Q = 16, dilation = 2)", 1,
                    589_824),
            // 4 groups of 4 -> 8 channels, 14x14: 4 * 8 * 9 * 196 = 56,448 per group
            new Expected("grouped", "conv2d(C = 4, M = 8, R = 3, S = 3, N = 1, P = 14, Q = 14)", 4, 56_448),
            // kernel 3 high, 1 wide; stride 2 down: height (14 + 1 + 1 - 3) / 2 + 1 = 7, width 14; 32 * 32 * 3 * 98
            new Expected("tall", "conv2d_hw(C = 32, M = 32, R = 1, S = 3, N = 1, P = 14, Q = 7, stride_w = 1, "
                    + "stride_h = 2)", 1, 301_056),
            // max pool 2x2 stride 2 gives 32 x 3 x 7 = 672 features
            new Expected("fc", "matmul(M = 1, N = 10, K = 672)", 1, 6_720),
            new Expected("head", "matmul(M = 1, N = 4, K = 10)", 1, 40));

    static void assertLayers(List<Expected> expected, Network n) {
        assertEquals(expected.size(), n.layers().size(), n.layers().toString());
        long total = 0;
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            Layer l = n.layers().get(i);
            assertEquals(e.name(), l.name());
            assertEquals(template(e.name(), e.call()), l.workload(), e.name());
            assertEquals(e.repeat(), l.repeat(), e.name());
            assertEquals(e.macs(), l.workload().macs(), e.name());
            total += e.macs() * e.repeat();
        }
        assertEquals(total, n.macs());
    }

    @Test
    void tinyCnnGivesTheHandComputedLayers() {
        ImportedModel m = read("tiny_cnn.onnx");
        assertEquals("tiny_cnn", m.network().name());
        assertLayers(TINY_CNN, m.network());
        assertEquals(1_395_816, m.network().macs());
    }

    @Test
    void anImportedConvolutionIsTheTemplateInstance() {
        Workload dw = read("tiny_cnn.onnx").network().layer("dw").orElseThrow().workload();
        Workload byHand = Frontend.loadText("hand.mw", "include \"builtin:layers.mw\"\nnetwork hand {\n"
                + "  dw = depthwise_conv2d(C = 8, P = 16, Q = 16, stride = 2)\n}\n").networks().get("hand")
                .layers().get(0).workload();
        assertEquals(byHand, dw);
        assertEquals(Map.of("stride", 2L, "dilation", 1L), dw.coefficients());
    }

    @Test
    void theReportCountsTheSkippedOperators() {
        ImportReport r = read("tiny_cnn.onnx").report();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        skipped.put("Relu", 2);
        skipped.put("Add", 1);
        skipped.put("MaxPool", 1);
        skipped.put("Flatten", 1);
        assertEquals(skipped, r.skipped());
        assertEquals(13, r.nodes());
        assertEquals(8, r.layers());
        assertEquals(List.of(), r.unknownOps());
        assertEquals(List.of(), r.notes());
        assertEquals(List.of(DIR.resolve("tiny_cnn.onnx") + ": note: 8 layers from 13 nodes; skipped 5 that are not "
                + "layers: Relu x2, Add, MaxPool, Flatten."), r.lines());
    }

    @Test
    void aModelWithoutWeightsImportsToTheSameLayers() {
        ImportedModel m = read("tiny_cnn_shapes_only.onnx");
        assertEquals("tiny_cnn_shapes_only", m.network().name());
        assertLayers(TINY_CNN, m.network());
        assertEquals(List.of(), m.report().notes());
    }

    @Test
    void attentionWithASymbolicBatch() {
        ImportedModel m = read("tiny_attention.onnx");
        assertLayers(List.of(
                // [batch, 4, 16] x [16, 16]: one weight for every row, 4 rows with the batch taken as 1
                new Expected("q_proj", "matmul(M = 4, N = 16, K = 16)", 1, 1_024),
                new Expected("k_proj", "matmul(M = 4, N = 16, K = 16)", 1, 1_024),
                // [1, 2, 4, 8] x [1, 2, 8, 4]: two heads
                new Expected("scores", "batched_matmul(B = 2, M = 4, N = 4, K = 8)", 1, 256),
                new Expected("context", "batched_matmul(B = 2, M = 4, N = 8, K = 4)", 1, 256)), m.network());
        assertEquals(List.of("dimension 0 of graph input `x` is symbolic (`batch`); taken as 1."), m.report().notes());
        assertEquals(Map.of("Reshape", 2, "Transpose", 2, "Softmax", 1), m.report().skipped());
    }

    @Test
    void anUnknownOperatorIsSkippedAndValueInfoCarriesTheShapes() {
        ImportedModel m = read("unsupported_op.onnx");
        assertLayers(List.of(
                new Expected("before", "conv2d(C = 4, M = 8, R = 3, S = 3, N = 1, P = 8, Q = 8)", 1, 18_432),
                // DepthToSpace by 2: 8 channels of 8x8 become 2 of 16x16
                new Expected("after", "conv2d(C = 2, M = 6, R = 1, S = 1, N = 1, P = 16, Q = 16)", 1, 3_072)),
                m.network());
        assertEquals(List.of("node 1 `shuffle` (DepthToSpace)"), m.report().unknownOps());
        assertEquals(DIR.resolve("unsupported_op.onnx") + ": note: 2 layers from 3 nodes; skipped 1 that is not a layer: "
                + "DepthToSpace.", m.report().lines().get(0));
        assertTrue(m.report().lines().get(1).endsWith("note: Mapwright does not follow shapes through node 1 `shuffle` "
                + "(DepthToSpace); the shapes after it came from the model's value_info where it has them."),
                m.report().lines().toString());
    }

    @Test
    void aLayerThatCannotBeSizedNamesTheNodeAndTheCause() {
        InputException e = assertThrows(InputException.class, () -> read("unknown_shape.onnx"));
        assertEquals(DIR.resolve("unknown_shape.onnx") + ": error: node 2 `after` (Conv): the shape of its input `n1` is "
                + "unknown because Mapwright cannot follow shapes through node 1 `shuffle` (DepthToSpace) (an operator "
                + "it does not know, or one whose own inputs have unknown shapes), and Mapwright needs its height and "
                + "width to size the layer. Store the shapes in the model (ONNX's onnx.shape_inference.infer_shapes "
                + "writes them as value_info) or replace that operator.", e.report());
    }

    @Test
    void filesThatAreNotOnnxModelsAreLocatedErrors() {
        for (String f : List.of("not_onnx.onnx", "truncated.onnx")) {
            InputException e = assertThrows(InputException.class, () -> read(f));
            assertTrue(e.report().startsWith(DIR.resolve(f) + ": error: This is not an ONNX model"), e.report());
            assertTrue(e.report().endsWith("give a model file written by onnx.save or an exporter such as "
                    + "torch.onnx.export."), e.report());
        }
        InputException missing = assertThrows(InputException.class, () -> read("absent.onnx"));
        assertEquals(DIR.resolve("absent.onnx") + ": error: Cannot read this ONNX model: no such file.", missing.report());
    }

    @Test
    void resnet50FromOnnxIsTheBuiltInResnet50() {
        // the same network as workloads/resnet50.mw, exported as an ONNX graph with pads, batch norms, a max pool,
        // residual adds and global pooling, and no weights: every built-in layer, repeats expanded, in order
        ImportedModel m = read("resnet50_shapes.onnx");
        Network builtin = Frontend.loadBuiltin("resnet50.mw").networks().get("resnet50");
        List<Workload> expected = new java.util.ArrayList<>();
        for (Layer l : builtin.layers()) {
            for (int i = 0; i < l.repeat(); i++) {
                expected.add(l.workload().withName(""));
            }
        }
        List<Workload> imported = m.network().layers().stream().map(l -> l.workload().withName("")).toList();
        assertEquals(53 + 1, imported.size());
        assertEquals(expected.stream().sorted(java.util.Comparator.comparing(Workload::toString)).toList(),
                imported.stream().sorted(java.util.Comparator.comparing(Workload::toString)).toList());
        assertEquals(builtin.macs(), m.network().macs());
        assertTrue(m.network().layers().stream().allMatch(l -> l.repeat() == 1));
        assertEquals("conv1", m.network().layers().get(0).name());
    }

    @Test
    void networkNamesAreDslNames() {
        assertEquals("tiny_cnn", OnnxImport.networkName("tiny_cnn.onnx"));
        assertEquals("resnet_50_v1_7", OnnxImport.networkName("resnet-50.v1 (7).ONNX"));
        assertEquals("model_3d", OnnxImport.networkName("3d.onnx"));
        assertEquals("network_model", OnnxImport.networkName("network.onnx"));
        assertEquals("model", OnnxImport.networkName("---.onnx"));
        assertTrue(OnnxImport.isOnnx("a/b/Model.ONNX"));
        assertTrue(!OnnxImport.isOnnx("resnet50"));
    }
}
