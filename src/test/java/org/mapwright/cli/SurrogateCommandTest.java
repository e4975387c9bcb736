package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurrogateCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static String[] run(String... args) {
        return BadInputCorpusTest.run(args);
    }

    @Test
    void dataTrainAndEvalMakeAModelFolderWithProvenanceAndHeldOutFigures() throws Exception {
        Path data = dir.resolve("d.bin");
        String[] d = run("surrogate", "data", "--family", "simple", "--pairs", "60", "--per-pair", "20", "--seed", "4",
                "--threads", "2", "--out", data.toString());
        assertEquals("0", d[0], d[2]);
        assertTrue(d[1].contains("1,200 samples"), d[1]);
        Path model = dir.resolve("models").resolve("simple");
        String[] t = run("surrogate", "train", data.toString(), "--out", model.toString(), "--hidden", "32,32",
                "--epochs", "3", "--batch", "64", "--threads", "2", "--held-out-pairs", "4");
        assertEquals("0", t[0], t[2]);
        assertTrue(t[2].contains("epoch 1/3"), "progress goes to stderr: " + t[2]);
        JsonNode cfg = JSON.readTree(model.resolve("surrogate.json").toFile());
        assertEquals("simple", cfg.get("family").asText());
        assertEquals(1200, cfg.get("provenance").get("samples").asInt());
        assertEquals(4, cfg.get("provenance").get("data_meta").get("seed").asInt());
        assertTrue(cfg.get("provenance").get("command").asText().contains("surrogate train"));
        assertTrue(cfg.get("provenance").has("commit"));
        for (String set : new String[] {"held_out_layers_builtin", "held_out_layers", "held_out_accelerators", "held_out_both"}) {
            assertTrue(cfg.get("metrics").get("held_out").has(set), set);
        }
        assertTrue(Files.isRegularFile(model.resolve("surrogate-0000.params")));
        String[] e = run("surrogate", "eval", model.toString(), "--pairs", "3", "--per-pair", "10", "--json");
        assertEquals("0", e[0], e[2]);
        JsonNode ev = JSON.readTree(e[1]);
        assertEquals(4, ev.get("held_out").size());
        assertTrue(ev.get("held_out").get("held_out_accelerators").get("samples").asInt() == 30);
    }

    @Test
    void badInputsGetLocatedErrors() throws Exception {
        String[] r = run("surrogate", "data", "--family", "tpu", "--out", dir.resolve("x.bin").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--family") && r[2].contains("eyeriss, simple"), r[2]);
        r = run("surrogate", "train", dir.resolve("missing.bin").toString(), "--out", dir.resolve("m").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("surrogate data"), r[2]);
        Path junk = dir.resolve("junk.bin");
        Files.writeString(junk, "hello");
        r = run("surrogate", "train", junk.toString(), "--out", dir.resolve("m").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("not a Mapwright surrogate dataset"), r[2]);
        assertFalse(r[2].contains("Exception"), r[2]);
        r = run("surrogate", "eval", dir.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("not a surrogate model folder"), r[2]);
        r = run("surrogate", "data", "--family", "simple", "--pairs", "0", "--out", dir.resolve("x.bin").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--pairs must be at least 1"), r[2]);
    }

    @Test
    void theGradientMapperRefusesAcceleratorsWithoutAModel() {
        String[] r = run("map", "--arch", "simba_like", "--workload", "alexnet", "--mapper", "gradient", "--budget-evals", "10");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("simba_like") && r[2].contains("another mapper"), r[2]);
    }
}
