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
import org.mapwright.testing.Shared;

class EvaluateCommandTest {
    static final String EXAMPLE = "workloads/examples/resnet50_res2a_branch2b_eyeriss.mw";

    @Test
    void jsonHasTheDocumentedFields() throws Exception {
        String[] r = BadInputCorpusTest.run("evaluate", EXAMPLE, "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode j = new ObjectMapper().readTree(r[1]);
        assertTrue(j.get("valid").asBoolean());
        assertEquals(1204224, j.get("cycles").asLong());
        assertEquals(839472740.608, j.get("energy_pj").asDouble(), 1e-3);
        assertEquals(839472740.608e-12 * 1204224, j.get("edp").asDouble(), 1e-9);
        assertEquals(115605504, j.get("macs").asLong());
        assertEquals(96.0 / 168, j.get("utilization").asDouble(), 1e-12);
        JsonNode glb = j.get("levels").get(1);
        assertEquals("shared_glb", glb.get("name").asText());
        assertEquals(1290240, glb.get("tensors").get("Inputs").get("reads").asLong());
        assertEquals(445440, glb.get("tensors").get("Inputs").get("fills").asLong());
        assertEquals(3211264, glb.get("tensors").get("Outputs").get("updates").asLong());
        assertTrue(glb.get("energy_pj").asDouble() > 0);
        // totals over instances: 96 ifmap scratchpads
        assertEquals(10321920, j.get("levels").get(3).get("tensors").get("Inputs").get("fills").asLong());
        assertEquals(64, j.get("provenance").get("inputs").get(0).get("sha256").asText().length());
    }

    @Test
    void reportIsReadable() {
        String[] r = BadInputCorpusTest.run("evaluate", EXAMPLE);
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("cycles 1,204,224"), r[1]);
        assertTrue(r[1].contains("shared_glb"), r[1]);
        assertTrue(r[1].contains("839.473 uJ"), r[1]);
    }

    @Test
    void aMappingTheHardwareCannotRunIsAResultNotAnError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("too_big.mw");
        // the ifmap scratchpad's P=2 moves into psum_spad, whose 16-word tile of outputs doubles
        Files.writeString(f, Files.readString(Path.of(EXAMPLE))
                .replace("temporal R=3 M=4 P=2 Q=2", "temporal R=3 M=4 P=4 Q=2")
                .replace("ifmap_spad   { keep Inputs                    temporal P=2 }", "ifmap_spad   { keep Inputs }"));
        String[] r = BadInputCorpusTest.run("evaluate", f.toString(), "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode j = new ObjectMapper().readTree(r[1]);
        assertFalse(j.get("valid").asBoolean());
        assertEquals("capacity", j.get("violations").get(0).get("kind").asText());
        assertEquals("psum_spad", j.get("violations").get(0).get("level").asText());
        assertTrue(j.get("reason").asText().contains("psum_spad"), j.get("reason").asText());
        String[] text = BadInputCorpusTest.run("evaluate", f.toString());
        assertEquals("0", text[0]);
        assertTrue(text[1].contains("INVALID"), text[1]);
    }

    @Test
    void timeloopFilesGiveTheSameNumbers() throws Exception {
        Path ref = Shared.reference();
        String[] r = BadInputCorpusTest.run("evaluate", "--json",
                ref.resolve("inputs/problems/rn50_res2a_2b.yaml").toString(), ref.resolve("inputs/arch/eyeriss_like.yaml").toString(),
                ref.resolve("inputs/ert/eyeriss_like.yaml").toString(), ref.resolve("cases/eyeriss_like/rn50_res2a_2b/m0.mapping.yaml").toString());
        assertEquals("0", r[0], r[2]);
        JsonNode j = new ObjectMapper().readTree(r[1]);
        assertEquals(1204224, j.get("cycles").asLong());
        assertEquals(839472740.608, j.get("energy_pj").asDouble(), 1e-3);
    }

    @Test
    void writesTheMappingAsTimeloopYamlThatReadsBackToTheSameNumbers(@TempDir Path dir) throws Exception {
        Path ref = Shared.reference();
        Path out = dir.resolve("sub/m.yaml");
        String[] r = BadInputCorpusTest.run("evaluate", EXAMPLE, "--write-timeloop", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(Files.readString(out).startsWith("mapping:"), Files.readString(out));
        String[] back = BadInputCorpusTest.run("evaluate", "--json",
                ref.resolve("inputs/problems/rn50_res2a_2b.yaml").toString(), ref.resolve("inputs/arch/eyeriss_like.yaml").toString(),
                ref.resolve("inputs/ert/eyeriss_like.yaml").toString(), out.toString());
        assertEquals("0", back[0], back[2]);
        assertEquals(1204224, new ObjectMapper().readTree(back[1]).get("cycles").asLong());
        assertEquals(839472740.608, new ObjectMapper().readTree(back[1]).get("energy_pj").asDouble(), 1e-3);
    }

    /**
     * R across 3 PEs with P sliding above (Q4 P4 in the buffer): each PE's next input column is the one its right
     * neighbour just used, so 2 of the 3 PEs take it from the neighbour at 12 of the 16 steps: 288 of the 576 input
     * words the buffer would send (3 PEs x 16 steps x 12 words) come over links instead.
     */
    private static final String FORWARDING = """
            include "builtin:layers.mw"
            layer tiny = conv2d(C = 4, M = 8, R = 3, S = 3, P = 4, Q = 4)
            accelerator fwd {
              %s
              level DRAM { word 16 bits  block 4 words  energy read 512 pJ, write 512 pJ }
              level buf { capacity 4096 words  word 16 bits  energy read 5 pJ, write 6 pJ }
              fanout 4 x 1
              level spad { capacity 192 words  word 16 bits  energy 1 pJ }
              compute mac { energy 2 pJ }
            }
            mapping m for tiny on fwd {
              DRAM { keep Weights, Inputs, Outputs }
              buf  { keep Weights, Inputs, Outputs  temporal Q=4 P=4  spatial x R=3 }
              spad { keep Weights, Inputs  temporal C=4 M=8 S=3 }
            }
            """;

    @Test
    void linkTransfersAreOnByDefaultAndCanBeTurnedOff(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("fwd.mw"), FORWARDING.formatted(""));
        Path off = Files.writeString(dir.resolve("off.mw"), FORWARDING.formatted("links off"));
        ObjectMapper json = new ObjectMapper();
        JsonNode on = json.readTree(BadInputCorpusTest.run("evaluate", f.toString(), "--json")[1]);
        JsonNode flag = json.readTree(BadInputCorpusTest.run("evaluate", f.toString(), "--json", "--no-link-transfers")[1]);
        JsonNode dsl = json.readTree(BadInputCorpusTest.run("evaluate", off.toString(), "--json")[1]);
        assertTrue(on.get("link_transfers").asBoolean());
        assertEquals(288, on.get("levels").get(1).get("tensors").get("Inputs").get("reads").asLong());
        assertEquals(288, on.get("levels").get(2).get("tensors").get("Inputs").get("link_transfers").asLong());
        // the senders read what they forward; every PE is still filled with its 192 words
        assertEquals(3 * 1536 + 288, on.get("levels").get(2).get("tensors").get("Inputs").get("reads").asLong());
        assertEquals(3 * 192, on.get("levels").get(2).get("tensors").get("Inputs").get("fills").asLong());
        for (JsonNode none : new JsonNode[] {flag, dsl}) {
            assertFalse(none.get("link_transfers").asBoolean());
            assertEquals(576, none.get("levels").get(1).get("tensors").get("Inputs").get("reads").asLong());
            assertEquals(0, none.get("levels").get(2).get("tensors").get("Inputs").get("link_transfers").asLong());
            assertEquals(3 * 1536, none.get("levels").get(2).get("tensors").get("Inputs").get("reads").asLong());
        }
        assertEquals(flag.get("energy_pj").asDouble(), dsl.get("energy_pj").asDouble());
        assertTrue(on.get("energy_pj").asDouble() < flag.get("energy_pj").asDouble());
        String text = BadInputCorpusTest.run("evaluate", f.toString())[1];
        assertTrue(text.contains("link transfers: spad received 288 words of Inputs"), text);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals("2", BadInputCorpusTest.run("evaluate")[0]);
        assertEquals("2", BadInputCorpusTest.run("evaluate", "--no-such-option", EXAMPLE)[0]);
        assertEquals("2", BadInputCorpusTest.run("no-such-command")[0]);
        String[] missing = BadInputCorpusTest.run("evaluate", "does/not/exist.mw");
        assertEquals("2", missing[0]);
        assertEquals("does/not/exist.mw:1:1: error: Cannot read this file: no such file.\n", missing[2]);
    }

    @Test
    void helpAndVersionWork() {
        String[] help = BadInputCorpusTest.run("--help");
        assertEquals("0", help[0]);
        assertTrue(help[1].contains("evaluate"), help[1]);
        String[] evalHelp = BadInputCorpusTest.run("evaluate", "--help");
        assertEquals("0", evalHelp[0]);
        assertTrue(evalHelp[1].contains("--json"), evalHelp[1]);
        assertEquals("0", BadInputCorpusTest.run("--version")[0]);
    }
}
