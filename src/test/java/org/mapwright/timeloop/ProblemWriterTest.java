package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.dsl.Frontend;
import org.mapwright.testing.Shared;
import org.mapwright.testing.TimeloopStats;
import org.mapwright.testing.TimeloopTool;
import org.mapwright.workload.Dim;
import org.mapwright.workload.IndexExpr;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.TensorId;
import org.mapwright.workload.Term;
import org.mapwright.workload.Workload;

class ProblemWriterTest {
    private static Workload layer(String network, String layer) {
        return Frontend.loadBuiltin(network + ".mw").networks().get(network).layer(layer).orElseThrow().workload();
    }

    private static Workload readBack(String text, String name) {
        YamlMap.Entry e = TimeloopDocument.parse("p.yaml", text).section(TimeloopDocument.Section.PROBLEM).orElseThrow();
        return ProblemReader.read(e.value(), name);
    }

    @Test
    void writesADepthwiseLayerWithItsOwnShape() {
        assertEquals("""
                problem:
                  shape:
                    name: b2_1_dw
                    dimensions: [ C, R, S, N, P, Q ]
                    coefficients:
                    - name: stride
                      default: 2
                    - name: dilation
                      default: 1
                    data-spaces:
                    - name: Weights
                      projection:
                      - [ [C] ]
                      - [ [R] ]
                      - [ [S] ]
                    - name: Inputs
                      projection:
                      - [ [N] ]
                      - [ [C] ]
                      - [ [R], [P, stride] ]
                      - [ [S], [Q, stride] ]
                    - name: Outputs
                      projection:
                      - [ [N] ]
                      - [ [C] ]
                      - [ [Q] ]
                      - [ [P] ]
                      read-write: True
                  instance:
                    C: 96
                    R: 3
                    S: 3
                    N: 1
                    P: 56
                    Q: 56
                """, ProblemWriter.write(layer("mobilenet_v2", "b2_1_dw")));
    }

    @TestFactory
    Stream<DynamicTest> everyBuiltInLayerReadsBackAsTheSameWorkload() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String net : List.of("resnet50", "vgg16", "mobilenet_v2", "alexnet", "bert_base")) {
            Network n = Frontend.loadBuiltin(net + ".mw").networks().get(net);
            for (Layer l : n.layers()) {
                tests.add(DynamicTest.dynamicTest(net + "." + l.name(), () ->
                        assertEquals(l.workload(), readBack(ProblemWriter.write(l.workload()), l.workload().name()))));
            }
        }
        return tests.stream();
    }

    @Test
    void aCoefficientWithoutANameGetsOne() {
        Dim p = Dim.of("P");
        Dim r = Dim.of("R");
        Dim k3 = Dim.of("K3");
        Map<Dim, Long> bounds = new LinkedHashMap<>();
        bounds.put(p, 5L);
        bounds.put(r, 3L);
        bounds.put(k3, 2L);
        Workload w = new Workload("w", List.of(p, r, k3), bounds, List.of(
                new Tensor(TensorId.of("W"), List.of(IndexExpr.of(r), IndexExpr.of(k3)), false),
                new Tensor(TensorId.of("I"), List.of(new IndexExpr(List.of(new Term(p, 3), new Term(r, 2)), 0),
                        IndexExpr.of(k3)), false),
                new Tensor(TensorId.of("O"), List.of(IndexExpr.of(p)), true)), Map.of("two", 2L));
        String text = ProblemWriter.write(w);
        // K3 is a dimension, so the coefficient 3 is named K3_2; 2 is the workload's own coefficient "two"
        assertEquals(List.of("      - [ [P, K3_2], [R, two] ]"), text.lines().filter(s -> s.contains("[P,")).toList());
        Workload back = readBack(text, "w");
        assertEquals(w.tensors(), back.tensors());
        assertEquals(Map.of("two", 2L, "K3_2", 3L), back.coefficients());
    }

    @Test
    void aNameTimeloopCannotReferToIsRejected() {
        Dim odd = Dim.of("P-1");
        Workload w = new Workload("w", List.of(odd), Map.of(odd, 4L),
                List.of(new Tensor(TensorId.of("O"), List.of(IndexExpr.of(odd)), true)), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProblemWriter.write(w));
        assertEquals("The dimension name 'P-1' is not a word of letters, digits and underscores, so a Timeloop problem "
                + "cannot refer to it; rename it.", e.getMessage());
    }

    /**
     * Timeloop's own reading of the written problem: a reference problem read and written again gives, with the
     * reference mapping, exactly the statistics the reference problem gives.
     */
    @TestFactory
    Stream<DynamicTest> timeloopCountsTheWrittenProblemAsTheReferenceOne(@TempDir Path tmp) {
        if (!Shared.referencePresent() || !Shared.toolPresent()) {
            return Stream.of(DynamicTest.dynamicTest("Timeloop", () -> {
                Shared.reference();
                Shared.runModel();
            }));
        }
        Path ref = Shared.referenceDir();
        return Stream.of("simple_ws/rn50_conv1/m0", "eyeriss_like/rn50_res3a_2c/m1", "simple_os/bert_qkv_gemm/m2")
                .map(c -> DynamicTest.dynamicTest(c, () -> {
                    String arch = c.substring(0, c.indexOf('/'));
                    String problem = c.substring(c.indexOf('/') + 1, c.lastIndexOf('/'));
                    Path problemFile = ref.resolve("inputs/problems/" + problem + ".yaml");
                    String mapping = Files.readString(ref.resolve("cases/" + c + ".mapping.yaml"));
                    Path archFile = ref.resolve("inputs/arch/" + arch + ".yaml");
                    Path ert = ref.resolve("inputs/ert/" + arch + ".yaml");
                    Workload w = readBack(Files.readString(problemFile), problem);
                    TimeloopStats theirs = TimeloopTool.run(Shared.runModelPath(), tmp.resolve(c + "/reference"),
                            Files.readString(problemFile), archFile, ert, mapping);
                    TimeloopStats ours = TimeloopTool.run(Shared.runModelPath(), tmp.resolve(c + "/written"),
                            ProblemWriter.write(w), archFile, ert, mapping);
                    assertEquals(theirs, ours);
                }));
    }
}
