package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --workload model.onnx} through the command line, in process. */
class OnnxWorkloadTest {
    static final String MODELS = "src/test/resources/onnx/";
    static final String TINY_CNN = MODELS + "tiny_cnn.onnx";

    static String[] run(String... args) {
        return BadInputCorpusTest.run(args);
    }

    @Test
    void mapsAnOnnxModelEndToEnd() throws Exception {
        String[] r = run("map", "--workload", TINY_CNN, "--arch", "eyeriss_like", "--budget-evals", "1000",
                "--threads", "1", "--json");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].startsWith(TINY_CNN + ": note: 8 layers from 13 nodes; skipped 5 that are not layers: Relu x2, "
                + "Add, MaxPool, Flatten.\n"), r[2]);
        JsonNode j = MapCommandTest.JSON.readTree(r[1]);
        assertEquals("tiny_cnn", j.get("workload").asText());
        List<String> names = new ArrayList<>();
        long macs = 0;
        for (JsonNode l : j.get("layers")) {
            names.add(l.get("name").asText());
            macs += l.get("macs").asLong() * l.get("repeat").asLong();
            assertTrue(l.get("edp").asDouble() > 0, l.toString());
        }
        assertEquals(List.of("conv1", "dw", "pw", "dilated", "grouped", "tall", "fc", "head"), names);
        assertEquals(1_395_816, macs);
        assertEquals("grouped(C=4, M=8, R=3, S=3, N=1, P=14, Q=14)", j.get("layers").get(4).get("workload").asText());
        assertEquals(4, j.get("layers").get(4).get("repeat").asInt());
    }

    @Test
    void theOutputsOfAnOnnxModelAreTimeloopMappings(@TempDir Path dir) {
        String[] r = run("map", "--workload", MODELS + "tiny_attention.onnx", "--arch", "eyeriss_like",
                "--budget-evals", "300", "--threads", "1", "--out", dir.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].contains("tiny_attention.onnx: note: dimension 0 of graph input `x` is symbolic (`batch`); "
                + "taken as 1.\n"), r[2]);
        assertTrue(r[2].contains("note: the workload or the accelerator comes from Timeloop YAML or an ONNX model"), r[2]);
        assertTrue(Files.isRegularFile(dir.resolve("scores.timeloop.yaml")));
        assertTrue(Files.isRegularFile(dir.resolve("result.json")));
    }

    @Test
    void anArchitectureSearchForAnOnnxModelWritesMappingsThatEvaluate(@TempDir Path dir) throws Exception {
        TinySearch.Run r = TinySearch.ok(TinySearch.args("--workload", MODELS + "unsupported_op.onnx", "--budget-archs",
                "16", "--final-top", "1", "--final-budget-evals", "300", "--out", dir.toString()));
        assertEquals("unsupported_op", r.json().get("network").asText(), r.out());
        // the imported network is written beside mappings.mw, which includes it, so the mappings evaluate on their own
        assertTrue(Files.readString(dir.resolve("mappings.mw")).contains("include \"unsupported_op.network.mw\"\n"));
        String[] e = run("evaluate", dir.resolve("mappings.mw").toString(), "--mapping", "before_best", "--json");
        assertEquals("0", e[0], e[2]);
        assertEquals(18_432, MapCommandTest.JSON.readTree(e[1]).get("macs").asLong(), e[1]);
    }

    @Test
    void everyWorkloadOptionReadsOnnxModels() {
        String broken = MODELS + "not_onnx.onnx";
        String located = broken + ": error: This is not an ONNX model";
        List<String[]> commands = List.of(
                new String[] {"map", "--workload", broken, "--arch", "eyeriss_like"},
                new String[] {"bench", "mappers", "--workload", broken, "--arch", "eyeriss_like", "--budget-evals", "10",
                    "--seeds", "1"},
                new String[] {"search-arch", "--space", "eyeriss_resources", "--workload", broken},
                new String[] {"search-co", "--space-net", "ofa-mbv3", "--space-arch", "eyeriss_resources",
                    "--workload-baseline", broken, "--baseline-accuracy", "0.7"},
                new String[] {"export", "--workload", broken, "--format", "mw"});
        for (String[] c : commands) {
            String[] r = run(c);
            assertEquals("2", r[0], String.join(" ", c) + "\n" + r[2]);
            assertTrue(r[2].startsWith(located), String.join(" ", c) + "\n" + r[2]);
        }
        String[] missing = run("map", "--workload", "absent.onnx", "--arch", "eyeriss_like");
        assertEquals("2", missing[0]);
        assertEquals("absent.onnx: error: Cannot read this ONNX model: no such file.\n", missing[2]);
        String[] unsized = run("map", "--workload", MODELS + "unknown_shape.onnx", "--arch", "eyeriss_like");
        assertEquals("2", unsized[0]);
        assertTrue(unsized[2].startsWith(MODELS + "unknown_shape.onnx: error: node 2 `after` (Conv): the shape of its "
                + "input `n1` is unknown"), unsized[2]);
    }
}
