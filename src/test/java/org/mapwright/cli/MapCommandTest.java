package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.testing.Shared;

class MapCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Three small layers; c has a's shape under another name, so it reuses a's result. */
    static final String TINY = org.mapwright.testing.Tiny.NETWORK;

    static String[] run(String... args) {
        return BadInputCorpusTest.run(args);
    }

    static JsonNode ok(String... args) throws Exception {
        String[] r = run(args);
        assertEquals("0", r[0], r[2]);
        return JSON.readTree(r[1]);
    }

    /** The JSON without wall-clock times, which no two runs share: every field named {@code seconds}. */
    static JsonNode untimed(JsonNode j) {
        return untimed(j, List.of("seconds"));
    }

    /** The JSON without the given (wall-clock) fields, wherever they are. */
    static JsonNode untimed(JsonNode j, List<String> fields) {
        JsonNode copy = j.deepCopy();
        strip(copy, fields);
        return copy;
    }

    private static void strip(JsonNode n, List<String> fields) {
        if (n instanceof ObjectNode o) {
            o.remove(fields);
        }
        n.forEach(c -> strip(c, fields));
    }

    /** Evaluates DSL text with {@code mapwright evaluate} and returns its JSON. */
    static JsonNode evaluate(Path file) throws Exception {
        return ok("evaluate", file.toString(), "--json");
    }

    @Test
    void mapsOneBuiltinLayer(@TempDir Path dir) throws Exception {
        String[] r = run("map", "--arch", "eyeriss_like", "--workload", "resnet50", "--layer", "res5a_branch2b",
                "--budget-evals", "20000", "--threads", "1", "--json");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].contains("[1/1] res5a_branch2b: searching (C=512, M=512, R=3, S=3, N=1, P=7, Q=7)"), r[2]);
        assertTrue(r[2].contains("[1/1] res5a_branch2b: EDP "), r[2]);
        JsonNode j = JSON.readTree(r[1]);
        assertEquals("resnet50", j.get("workload").asText());
        assertEquals("eyeriss_like", j.get("accelerator").asText());
        assertEquals(1, j.get("layers").size());
        JsonNode l = j.get("layers").get(0);
        assertEquals("res5a_branch2b", l.get("name").asText());
        assertEquals(1, l.get("repeat").asInt());
        double energy = l.get("energy_pj").asDouble();
        long cycles = l.get("cycles").asLong();
        assertEquals(energy * 1e-12 * cycles, l.get("edp").asDouble(), 1e-12 * l.get("edp").asDouble());
        assertTrue(l.get("edp").asDouble() >= l.get("lower_bound_edp").asDouble(), l.toString());
        assertEquals(20000, l.get("evaluations").asLong());
        assertTrue(l.get("valid_evaluations").asLong() > 0 && l.get("valid_evaluations").asLong() <= 20000);
        assertTrue(l.get("utilization").asDouble() > 0 && l.get("utilization").asDouble() <= 1);
        assertEquals("default", l.get("mapper").asText());
        // res5a_branch2b is layer 25 of 30: its seed is split from the root by its place in the network
        assertEquals(NetworkMapping.layerSeeds(1, 30)[24], l.get("seed").asLong());
        assertFalse(l.has("same_as"));
        assertTrue(l.get("timeloop_mapping").asText().startsWith("mapping:"), l.get("timeloop_mapping").asText());
        assertEquals(energy, j.get("total").get("energy_pj").asDouble(), 0);
        assertEquals(cycles, j.get("total").get("cycles").asLong());
        JsonNode p = j.get("provenance");
        assertEquals("mapwright", p.get("tool").asText());
        assertEquals("map", p.get("command").asText());
        assertEquals(1, p.get("seed").asLong());
        assertEquals(1, p.get("threads").asInt());
        assertEquals(20000, p.get("budget").get("evaluations").asLong());
        assertEquals(64, p.get("inputs").get(0).get("sha256").asText().length());

        String mapping = l.get("mapping").asText();
        assertTrue(mapping.startsWith("mapping res5a_branch2b_best for resnet50.res5a_branch2b on eyeriss_like {"), mapping);
        Path f = dir.resolve("m.mw");
        Files.writeString(f, "include \"builtin:resnet50.mw\"\ninclude \"builtin:eyeriss_like.mw\"\n" + mapping);
        JsonNode e = evaluate(f);
        assertTrue(e.get("valid").asBoolean());
        assertEquals(cycles, e.get("cycles").asLong());
        assertEquals(energy, e.get("energy_pj").asDouble(), 0);
    }

    @Test
    void theSameSeedAndThreadsGiveTheSameResult() throws Exception {
        String[] args = {"map", "--arch", "eyeriss_like", "--workload", "resnet50", "--layer", "res3a_branch2b",
            "--budget-evals", "6000", "--threads", "2", "--json"};
        JsonNode first = ok(args);
        JsonNode second = ok(args);
        assertEquals(untimed(first), untimed(second));
        List<String> other = new ArrayList<>(List.of(args));
        other.addAll(List.of("--seed", "7"));
        JsonNode reseeded = ok(other.toArray(String[]::new));
        assertNotEquals(first.get("layers").get(0).get("seed"), reseeded.get("layers").get(0).get("seed"));
    }

    @Test
    void identicalLayersOfResNetAreSearchedOnce() throws Exception {
        String[] r = run("map", "--arch", "eyeriss_like", "--workload", "resnet50", "--budget-evals", "1000",
                "--threads", "1", "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode j = JSON.readTree(r[1]);
        assertEquals(30, j.get("layers").size());
        JsonNode a = null;
        JsonNode b = null;
        double energy = 0;
        long cycles = 0;
        for (JsonNode l : j.get("layers")) {
            a = l.get("name").asText().equals("res2a_branch2b") ? l : a;
            b = l.get("name").asText().equals("res2b_branch2b") ? l : b;
            energy += l.get("energy_pj").asDouble() * l.get("repeat").asInt();
            cycles += l.get("cycles").asLong() * l.get("repeat").asInt();
        }
        assertEquals("res2a_branch2b", b.get("same_as").asText());
        assertEquals(0, b.get("evaluations").asLong());
        assertEquals(2, b.get("repeat").asInt());
        assertEquals(a.get("energy_pj"), b.get("energy_pj"));
        assertEquals(a.get("cycles"), b.get("cycles"));
        assertTrue(r[2].contains("res2b_branch2b: same as res2a_branch2b, not searched again"), r[2]);
        assertEquals(energy, j.get("total").get("energy_pj").asDouble(), 1e-9 * energy);
        assertEquals(cycles, j.get("total").get("cycles").asLong());
        assertEquals(energy * 1e-12 * cycles, j.get("total").get("edp").asDouble(), 1e-9 * j.get("total").get("edp").asDouble());
    }

    @Test
    void outWritesEveryLayerAndResumesFromCheckpoints(@TempDir Path dir) throws Exception {
        Path net = dir.resolve("tiny.mw");
        Files.writeString(net, TINY);
        Path out = dir.resolve("out");
        String[] args = {"map", net.toString(), "--arch", "eyeriss_like", "--budget-evals", "3000", "--threads", "1",
            "--json", "--out", out.toString()};
        String[] r = run(args);
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].contains("[3/3] c: same as a, not searched again"), r[2]);
        JsonNode first = JSON.readTree(r[1]);
        JsonNode c = first.get("layers").get(2);
        assertEquals("a", c.get("same_as").asText());
        assertEquals(0, c.get("evaluations").asLong());
        for (String f : List.of("a.mw", "a.timeloop.yaml", "b.mw", "b.timeloop.yaml", "c.mw", "c.timeloop.yaml",
                "checkpoints/001-a.json", "checkpoints/002-b.json", "result.json", "summary.txt")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertFalse(Files.exists(out.resolve("checkpoints/003-c.json")), "c reuses a and is not searched");
        assertEquals(first, JSON.readTree(Files.readString(out.resolve("result.json"))));
        assertTrue(Files.readString(out.resolve("summary.txt")).contains("(same as a)"));
        for (int i = 0; i < 3; i++) {
            JsonNode l = first.get("layers").get(i);
            JsonNode e = evaluate(out.resolve(l.get("name").asText() + ".mw"));
            assertEquals(l.get("cycles").asLong(), e.get("cycles").asLong());
            assertEquals(l.get("energy_pj").asDouble(), e.get("energy_pj").asDouble(), 0);
        }

        String[] again = run(args);
        assertEquals("0", again[0], again[2]);
        assertTrue(again[2].contains("[1/3] a: resumed from checkpoint: EDP "), again[2]);
        assertTrue(again[2].contains("[2/3] b: resumed from checkpoint: EDP "), again[2]);
        assertFalse(again[2].contains("searching"), again[2]);
        assertEquals(first, JSON.readTree(again[1]), "a resumed run keeps the recorded search times too");

        // as if killed while searching b: its checkpoint and the result were never written
        Files.delete(out.resolve("checkpoints/002-b.json"));
        Files.delete(out.resolve("result.json"));
        String[] resumed = run(args);
        assertEquals("0", resumed[0], resumed[2]);
        assertTrue(resumed[2].contains("[1/3] a: resumed from checkpoint"), resumed[2]);
        assertTrue(resumed[2].contains("[2/3] b: searching"), resumed[2]);
        assertEquals(untimed(first), untimed(JSON.readTree(resumed[1])));
        assertEquals(untimed(first), untimed(JSON.readTree(Files.readString(out.resolve("result.json")))));

        // other settings: the checkpoints do not apply, and are replaced
        List<String> reseeded = new ArrayList<>(List.of(args));
        reseeded.addAll(List.of("--seed", "2"));
        String[] other = run(reseeded.toArray(String[]::new));
        assertEquals("0", other[0], other[2]);
        assertTrue(other[2].contains("001-a.json was made with other inputs or settings; searching layer a again."), other[2]);
        assertEquals(NetworkMapping.layerSeeds(2, 3)[0],
                JSON.readTree(Files.readString(out.resolve("checkpoints/001-a.json"))).get("seed").asLong());
    }

    @Test
    void timeloopInputsAndADslNetworkOnATimeloopArchitecture(@TempDir Path dir) throws Exception {
        Path ref = Shared.reference();
        String arch = ref.resolve("inputs/arch/eyeriss_like.yaml").toString();
        String ert = ref.resolve("inputs/ert/eyeriss_like.yaml").toString();
        Path run = ref.resolve("mapper/eyeriss_like/tiny_conv");
        Path out = dir.resolve("out");
        String[] r = run("map", ref.resolve("inputs/problems/tiny_conv.yaml").toString(), arch, ert,
                run.resolve("constraints.yaml").toString(), "--budget-evals", "5000", "--threads", "1", "--json",
                "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        JsonNode l = JSON.readTree(r[1]).get("layers").get(0);
        assertEquals("tiny_conv", l.get("name").asText());
        double timeloopBest = JSON.readTree(Files.readString(run.resolve("result.json"))).get("best").get("edp_J_cycle").asDouble();
        assertTrue(l.get("edp").asDouble() <= timeloopBest * 1.05, l.get("edp") + " vs Timeloop's " + timeloopBest);
        // the written Timeloop mapping evaluates to the same numbers with the same files
        JsonNode e = ok("evaluate", "--json", ref.resolve("inputs/problems/tiny_conv.yaml").toString(), arch, ert,
                out.resolve("tiny_conv.timeloop.yaml").toString());
        assertEquals(l.get("cycles").asLong(), e.get("cycles").asLong());
        assertEquals(l.get("energy_pj").asDouble(), e.get("energy_pj").asDouble(), 0);
        assertFalse(Files.exists(out.resolve("tiny_conv.mw")), "a DSL file cannot include the Timeloop problem");
        assertTrue(r[2].contains("written as Timeloop YAML only"), r[2]);

        Path net = dir.resolve("tiny.mw");
        Files.writeString(net, TINY);
        JsonNode mixed = ok("map", net.toString(), arch, ert, "--budget-evals", "2000", "--threads", "1", "--json");
        assertEquals("tiny", mixed.get("workload").asText());
        assertEquals("eyeriss_like", mixed.get("accelerator").asText());
        assertEquals(3, mixed.get("layers").size());
    }

    @Test
    void badInputIsReportedExactly(@TempDir Path dir) throws Exception {
        Path net = dir.resolve("tiny.mw");
        Files.writeString(net, TINY);
        String base = "map --arch eyeriss_like --workload resnet50 ";
        Map<String, String> cases = Map.ofEntries(
                Map.entry(base + "--metric speed", "--metric: error: Unknown metric `speed`; the metrics are edp, energy and delay."),
                Map.entry(base + "--threads 0", "--threads: error: A search needs at least one thread, got 0."),
                Map.entry(base + "--budget-evals -5", "--budget-evals: error: The evaluation budget must be at least 1, got -5."),
                Map.entry(base + "--budget-seconds -1", "--budget-seconds: error: The time budget must be a positive number of seconds, got -1.0."),
                Map.entry(base + "--layer res5a_branch2bb", "--layer: error: resnet50 has no layer `res5a_branch2bb`; did you mean `res5a_branch2b`?"),
                Map.entry(base + "--constraints rs", "--constraints: error: The input files declare no constraints called `rs`."),
                Map.entry(base + "--out " + net, "--out: error: " + net + " is a file, not a directory; give a directory for the results."),
                Map.entry("map --arch eyeris_like --workload resnet50", "--arch: error: There is no accelerator `eyeris_like` in the "
                        + "input files or the built-in library; did you mean `eyeriss_like`? The built-in accelerators are "
                        + "eyeriss_like, simple_ws, simple_os, simba_like, nvdla_like."),
                Map.entry("map --arch tpu --workload resnet50", "--arch: error: There is no accelerator `tpu` in the input files "
                        + "or the built-in library. The built-in accelerators are eyeriss_like, simple_ws, simple_os, simba_like, nvdla_like."),
                Map.entry("map --arch eyeriss_like --workload gpt2", "--workload: error: There is no network or layer `gpt2` in "
                        + "the input files or the built-in library. The built-in networks are resnet50, vgg16, mobilenet_v2, alexnet, bert_base."),
                Map.entry("map --workload resnet50", "--arch: error: No accelerator is given; name a built-in one with --arch NAME "
                        + "(eyeriss_like, simple_ws, simple_os, simba_like, nvdla_like), or give a DSL file that declares one or "
                        + "Timeloop architecture and ERT files."),
                Map.entry("map " + net, "--arch: error: No accelerator is given; name a built-in one with --arch NAME "
                        + "(eyeriss_like, simple_ws, simple_os, simba_like, nvdla_like), or give a DSL file that declares one or "
                        + "Timeloop architecture and ERT files."));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String[] r = run(c.getKey().split(" "));
            assertEquals("2", r[0], c.getKey() + "\n" + r[2]);
            assertEquals(c.getValue() + "\n", r[2], c.getKey());
        }
        String[] mapper = run("map", "--arch", "eyeriss_like", "--workload", "resnet50", "--mapper", "smart");
        assertEquals("2", mapper[0]);
        assertTrue(mapper[2].startsWith("--mapper: error: Unknown mapper `smart`; the mappers are "), mapper[2]);
        assertTrue(mapper[2].contains("default"), mapper[2]);
    }

    @Test
    void aLayerWithoutLegalMappingsNamesTheLayerAndWhatToDo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.mw");
        Files.writeString(f, """
                include "builtin:eyeriss_like.mw"
                include "builtin:layers.mw"
                layer big = conv2d(C = 64, M = 64, P = 8, Q = 8)
                layer one = conv2d(C = 1, M = 1, P = 2, Q = 1)
                constraints wide on eyeriss_like { shared_glb { spatial M=64 } }
                constraints busy { utilization 0.5 }
                """);
        String[] wide = run("map", f.toString(), "--workload", "big", "--constraints", "wide", "--budget-evals", "2000",
                "--threads", "1");
        assertEquals("2", wide[0], wide[2]);
        String last = wide[2].lines().reduce((x, y) -> y).orElse("");
        assertTrue(last.startsWith("layer big: error: No legal mapping found in 2,000 evaluations; most candidates broke "), last);
        assertTrue(last.endsWith("Relax the constraints or give a larger budget with --budget-evals N or --budget-seconds S."), last);

        String[] busy = run("map", f.toString(), "--workload", "one", "--constraints", "busy", "--budget-evals", "2000");
        assertEquals("2", busy[0], busy[2]);
        assertEquals("layer one: error: The minimum utilization 0.5 needs 84 of 168 compute units busy, but the "
                + "constraints and bounds allow at most 4; lower the minimum.\n", busy[2]);
        assertFalse(busy[2].contains("Exception"), busy[2]);
    }

    @Test
    void dslConstraintsOnTheAcceleratorApplyAndACompleteSearchSaysSo() throws Exception {
        String[] r = BadInputCorpusTest.run("map", "workloads/eyeriss_row_stationary.mw", "--arch", "eyeriss_like",
                "--workload", "resnet50", "--layer", "conv1", "--threads", "1", "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode layer = new ObjectMapper().readTree(r[1]).get("layers").get(0);
        String dsl = layer.get("mapping").asText();
        // row stationary: whole filter rows in the weight scratchpad, nothing kept in the column buffers
        assertTrue(dsl.contains("weights_spad { keep Weights  temporal R=7"), dsl);
        assertTrue(dsl.contains("DummyBuffer  { keep none"), dsl);
        // the row-stationary space of this layer is small enough for the default mapper to enumerate completely
        assertTrue(layer.get("search_complete").asBoolean(), layer.toPrettyString());
        assertTrue(r[2].contains("the whole mapspace was searched, so this is the optimum"), r[2]);
    }
}
