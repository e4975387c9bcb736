package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.dsl.Frontend;
import org.mapwright.tech.AreaBreakdown;

/** {@code evaluate} and {@code map} report area per level and in total, and network energy with its switch. */
class AreaAndNetworkReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A small design: a 4-PE row under a buffer whose area is given; the fan-out charges 0.5 pJ a hop. */
    private static final String DESIGN = """
            include "builtin:layers.mw"
            layer tiny = conv2d(C = 4, M = 8, R = 3, S = 3, P = 4, Q = 4)
            accelerator small {
              level DRAM { word 16 bits  block 4 words  energy class lpddr4 }
              level buf { capacity 4096 words  word 16 bits  energy class sram  area 20000 um2 }
              fanout 4 x 1 { hop %s pJ }
              level spad { capacity 192 words  word 16 bits  energy class regfile }
              compute mac { energy class intmac16 }
            }
            mapping m for tiny on small {
              DRAM { keep Weights, Inputs, Outputs }
              buf  { keep Weights, Inputs, Outputs  temporal Q=4 P=4 C=4  spatial x M=4 }
              spad { keep Weights, Inputs, Outputs  temporal M=2 R=3 S=3 }
            }
            """;

    private static JsonNode evaluate(Path f, String... extra) throws Exception {
        String[] args = new String[2 + extra.length];
        args[0] = "evaluate";
        args[1] = f.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        String[] r = BadInputCorpusTest.run(args);
        assertEquals("0", r[0], r[2]);
        return JSON.readTree(r[1]);
    }

    @Test
    void evaluateReportsAreaPerLevelAndInTotal(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("small.mw"), DESIGN.formatted("0.5"));
        JsonNode j = evaluate(f, "--json");
        assertEquals("45nm", j.get("technology").asText());
        JsonNode levels = j.get("levels");
        assertEquals("off-chip", levels.get(0).get("area_source").asText());
        assertEquals(0, levels.get(0).get("area_mm2").asDouble());
        assertEquals("given", levels.get(1).get("area_source").asText());
        assertEquals(0.02, levels.get(1).get("area_mm2").asDouble(), 1e-12);
        assertEquals("estimated", levels.get(2).get("area_source").asText());
        // four scratchpads, each a 192-word register file of the 45 nm technology
        var a = Frontend.loadText("small.mw", Files.readString(f)).accelerators().get("small");
        AreaBreakdown b = AreaBreakdown.of(a);
        assertEquals(4 * b.levels().get(2).perInstanceUm2() / 1e6, levels.get(2).get("area_mm2").asDouble(), 1e-12);
        assertEquals(4, b.levels().get(2).instances());
        double sum = 0;
        for (JsonNode l : levels) {
            sum += l.get("area_mm2").asDouble();
        }
        sum += j.get("compute").get("area_mm2").asDouble();
        assertEquals(sum, j.get("area_mm2").asDouble(), 1e-12);
        assertTrue(j.get("area_estimated").asBoolean());

        String text = BadInputCorpusTest.run("evaluate", f.toString())[1];
        assertTrue(text.contains("area (45nm)") && text.contains("estimated: the 45nm technology's figure"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("buf ") && l.contains("0.0200") && l.endsWith("given")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("total ") && l.contains(String.format(java.util.Locale.ROOT,
                "%.4f", j.get("area_mm2").asDouble()))), text);
    }

    @Test
    void networkEnergyIsReportedAndCanBeTurnedOff(@TempDir Path dir) throws Exception {
        Path hop = Files.writeString(dir.resolve("hop.mw"), DESIGN.formatted("0.5"));
        Path free = Files.writeString(dir.resolve("free.mw"), DESIGN.formatted("0"));
        JsonNode with = evaluate(hop, "--json");
        JsonNode off = evaluate(hop, "--json", "--no-network-energy");
        JsonNode none = evaluate(free, "--json");
        double network = with.get("network_energy_pj").asDouble();
        assertTrue(network > 0);
        assertEquals(network, with.get("levels").get(1).get("network_energy_pj").asDouble());
        assertEquals(0, off.get("network_energy_pj").asDouble());
        assertEquals(none.get("energy_pj").asDouble(), off.get("energy_pj").asDouble());
        assertEquals(none.get("energy_pj").asDouble() + network, with.get("energy_pj").asDouble(), 1e-6);
        String text = BadInputCorpusTest.run("evaluate", hop.toString())[1];
        assertTrue(text.contains("network energy") && text.contains("buf fan-out"), text);
        assertTrue(!BadInputCorpusTest.run("evaluate", free.toString())[1].contains("network energy"));
    }

    @Test
    void mapReportsTheArea(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("small.mw"), DESIGN.formatted("0.5").replaceAll("(?s)mapping m.*", ""));
        String[] r = BadInputCorpusTest.run("map", f.toString(), "--budget-evals", "300", "--threads", "1", "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode j = JSON.readTree(r[1]);
        var a = Frontend.loadText("small.mw", Files.readString(f)).accelerators().get("small");
        assertEquals(AreaBreakdown.of(a).totalMm2(), j.get("area_mm2").asDouble(), 1e-12);
        assertEquals("given", j.get("area").get("levels").get(1).get("area_source").asText());
        double network = j.get("total").get("network_energy_pj").asDouble();
        assertTrue(network > 0);
        assertEquals(j.get("layers").get(0).get("network_energy_pj").asDouble(), network);
        String[] off = BadInputCorpusTest.run("map", f.toString(), "--budget-evals", "300", "--threads", "1", "--json",
                "--no-network-energy");
        assertEquals("0", off[0], off[2]);
        assertEquals(0, JSON.readTree(off[1]).get("total").get("network_energy_pj").asDouble());
        String[] table = BadInputCorpusTest.run("map", f.toString(), "--budget-evals", "300", "--threads", "1");
        assertEquals("0", table[0], table[2]);
        assertTrue(table[1].contains("area (45nm)") && table[1].contains("of on-chip network traffic"), table[1]);
    }
}
