package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.timeloop.Small.errors;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mapwright.workload.Dim;
import org.mapwright.workload.IndexExpr;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.Term;
import org.mapwright.workload.Workload;

class ProblemReaderTest {

    /** A strided 1-D convolution in Timeloop v0.3 spelling; line numbers matter for the error tests. */
    static final String CONV = """
            problem:
              shape:
                name: conv
                dimensions: [C, M, R, P, N]
                coefficients:
                - name: Wstride
                  default: 1
                - name: Wdilation
                  default: 1
                data-spaces:
                - name: Weights
                  projection:
                  - [ [C] ]
                  - [ [M] ]
                  - [ [R] ]
                - name: Inputs
                  projection:
                  - [ [C] ]
                  - [ [R, Wdilation], [P, Wstride] ]
                - name: Outputs
                  projection:
                  - [ [M] ]
                  - [ [P] ]
                  read-write: True
              instance:
                C: 4
                M: 8
                R: 3
                P: 16
                Wstride: 2
            """;

    static Workload read(String text) {
        return read(text, new org.mapwright.diag.Diagnostics());
    }

    static Workload read(String text, org.mapwright.diag.Diagnostics warnings) {
        YamlMap.Entry e = TimeloopDocument.parse("p.yaml", text).section(TimeloopDocument.Section.PROBLEM).orElseThrow();
        return ProblemReader.read(e.value(), e.key().span(), "conv", warnings);
    }

    @Test
    void readsTimeloopV03() {
        Workload w = read(CONV);
        assertEquals(List.of(Dim.of("C"), Dim.of("M"), Dim.of("R"), Dim.of("P"), Dim.of("N")), w.dims());
        assertEquals(1, w.bound(Dim.of("N")), "a dimension missing from the instance is 1");
        assertEquals(16, w.bound(Dim.of("P")));
        assertEquals(Map.of("Wstride", 2L, "Wdilation", 1L), w.coefficients());
        assertEquals(List.of("Weights", "Inputs", "Outputs"), w.tensors().stream().map(Tensor::name).toList());
        Tensor in = w.tensor("Inputs").orElseThrow();
        assertFalse(in.output());
        assertEquals(new IndexExpr(List.of(new Term(Dim.of("R"), 1), new Term(Dim.of("P"), 2)), 0), in.index().get(1));
        assertTrue(w.output().name().equals("Outputs"));
        assertEquals(4L * 8 * 3 * 16, w.macs());
    }

    @Test
    void readsTimeloopV04SpellingsAndExpressionStrings() {
        Workload v04 = read("""
                problem:
                  version: 0.4
                  shape:
                    name: conv
                    dimensions: [C, M, R, P, N]
                    coefficients: [{name: Wstride, default: 1}, {name: Wdilation, default: 1}]
                    data_spaces:
                    - {name: Weights, projection: [C, M, R]}
                    - {name: Inputs, projection: ["C", "R*Wdilation + P*Wstride"]}
                    - {name: Outputs, projection: "[M, P]", read_write: True}
                  instance: {C: 4, M: 8, R: 3, P: 16, Wstride: 2}
                """);
        assertEquals(read(CONV), v04);
    }

    @Test
    void misspelledDimensionInAProjection() {
        assertEquals("p.yaml:19:28: error: Unknown dimension 'Pp' in the projection of Inputs. Did you mean 'P'? The "
                        + "dimensions are C, M, R, P, N.",
                errors(() -> read(CONV.replace("[P, Wstride]", "[Pp, Wstride]"))));
    }

    @Test
    void misspelledCoefficientInAProjection() {
        assertEquals("p.yaml:19:31: error: Unknown coefficient 'Wstrid' in the projection of Inputs. Did you mean "
                        + "'Wstride'? The coefficients are Wstride, Wdilation.",
                errors(() -> read(CONV.replace("[P, Wstride]", "[P, Wstrid]"))));
    }

    @Test
    void unknownNameInAnExpression() {
        assertEquals("p.yaml:19:13: error: Unknown name 'Q' in the projection of Inputs; it is neither a dimension "
                        + "nor a coefficient. The dimensions are C, M, R, P, N and the coefficients are Wstride, "
                        + "Wdilation.",
                errors(() -> read(CONV.replace("- [ [R, Wdilation], [P, Wstride] ]", "- R + Q*Wstride"))));
    }

    @Test
    void boundsMustBePositiveWholeNumbersOfSensibleSize() {
        assertEquals("p.yaml:27:8: error: Expected the bound of M to be positive, but it is 0.",
                errors(() -> read(CONV.replace("M: 8", "M: 0"))));
        assertEquals("p.yaml:27:8: error: Expected the bound of M to be a whole number, but it is the number 8.5.",
                errors(() -> read(CONV.replace("M: 8", "M: 8.5"))));
        assertEquals("p.yaml:27:8: error: Expected the bound of M to be a whole number, but it is the text 'eight'.",
                errors(() -> read(CONV.replace("M: 8", "M: eight"))));
        assertEquals("p.yaml:29:8: error: With P = 100000000000000 the layer has more than 2^50 multiply-accumulates, "
                        + "more than Mapwright supports; split it into smaller layers.",
                errors(() -> read(CONV.replace("P: 16", "P: 100000000000000"))));
        assertEquals("p.yaml:30:14: error: Expected coefficient Wstride to be at most 2^20, but it is 9999999; that is "
                + "more than any real design needs.", errors(() -> read(CONV.replace("Wstride: 2", "Wstride: 9999999"))));
    }


    @Test
    void exactlyOneReadWriteDataSpace() {
        assertEquals("p.yaml:10:5: error: No data space is read-write; mark the output with 'read-write: True'.",
                errors(() -> read(CONV.replace("read-write: True", "read-write: False"))));
        assertEquals("p.yaml:25:19: error: Data spaces Weights (line 16) and Outputs are both read-write; exactly one "
                        + "data space, the output, may be read-write.",
                errors(() -> read(CONV.replace("      - [ [R] ]\n", "      - [ [R] ]\n      read-write: yes\n"))));
    }

    @Test
    void missingKeysAndWrongKinds() {
        assertEquals("p.yaml:1:1: error: The 'problem' section needs a 'shape' entry; add it.",
                errors(() -> read("problem:\n  instance: {C: 1}\n")));
        assertEquals("p.yaml:4:17: error: Expected 'dimensions' to be a list, but it is a mapping.",
                errors(() -> read(CONV.replace("dimensions: [C, M, R, P, N]", "dimensions: {C: 1}"))));
        assertEquals("p.yaml:2:3: error: The problem's 'shape' needs a 'data-spaces' entry (or 'data_spaces'); "
                        + "add it.",
                errors(() -> read(CONV.replace("data-spaces:", "data-space:"))));
        assertEquals("p.yaml:2:10: error: The shape 'cnn-layer' refers to a shape file; write the shape inline "
                + "(dimensions, coefficients, data-spaces).", errors(() -> read("problem:\n  shape: cnn-layer\n")));
    }

    @Test
    void everyReferenceProblemLoads() {
        java.nio.file.Path root = Reference.timeloop();
        Map<String, Long> macs = Map.of("tiny_conv", 4_608L, "rn50_conv1", 118_013_952L,
                "rn50_res2a_2b", 115_605_504L, "rn50_res3a_2c", 51_380_224L, "rn50_res5a_2b", 115_605_504L,
                "vgg16_conv1_2", 1_849_688_064L, "vgg16_conv4_2", 1_849_688_064L, "mbv2_pw_56", 10_838_016L,
                "bert_qkv_gemm", 301_989_888L);
        for (Map.Entry<String, Long> e : macs.entrySet()) {
            TimeloopDocument doc = TimeloopDocument.read(root.resolve("inputs/problems/" + e.getKey() + ".yaml"));
            YamlMap.Entry p = doc.section(TimeloopDocument.Section.PROBLEM).orElseThrow();
            Workload w = ProblemReader.read(p.value(), doc.baseName());
            assertEquals(e.getKey(), w.name());
            assertEquals(e.getValue(), w.macs(), e.getKey());
        }
    }
}
