package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.bench.MapperBench;
import org.mapwright.search.Mappers;

class BenchMappersCommandTest {

    static String[] run(String... args) {
        return BadInputCorpusTest.run(args);
    }

    static Path tiny(Path dir) throws Exception {
        Path net = dir.resolve("tiny.mw");
        Files.writeString(net, MapCommandTest.TINY);
        return net;
    }

    /** The JSON without wall-clock times, which no two runs share. */
    static JsonNode untimed(JsonNode j) {
        return MapCommandTest.untimed(j, List.of("seconds", "median_seconds"));
    }

    @Test
    void benchmarksTwoMappersOnATinyNetworkAndWritesEveryFile(@TempDir Path dir) throws Exception {
        Path net = tiny(dir);
        Path out = dir.resolve("out");
        String[] args = {"bench", "mappers", net.toString(), "--arch", "eyeriss_like", "--mappers", "random,anneal",
            "--seeds", "2", "--budget-evals", "300", "--json", "--out", out.toString()};
        String[] r = run(args);
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].contains("1 layer has the workload of an earlier one and is searched once with it; 2 layers "
                + "to benchmark."), r[2]);
        assertTrue(r[2].contains("[1/2] a: (C=4, M=8, R=3, S=3, N=1, P=4, Q=4), lower bound EDP "), r[2]);
        assertTrue(r[2].contains("[2/2] b: anneal median EDP "), r[2]);
        JsonNode j = MapCommandTest.JSON.readTree(r[1]);
        assertEquals(300, j.get("budget_evals").asLong());
        assertEquals(List.of("random", "anneal"), names(j.get("mappers")));
        for (JsonNode m : j.get("mappers")) {
            assertTrue(m.get("geomean_edp").asDouble() > 0, m.toString());
            assertTrue(m.get("geomean_edp_over_lower_bound").asDouble() >= 1, m.toString());
            assertTrue(m.get("seconds").asDouble() > 0, m.toString());
        }
        assertEquals(2, j.get("layers").size());
        JsonNode a = j.get("layers").get(0);
        assertEquals("a", a.get("name").asText());
        assertEquals("c", a.get("same_as_this").get(0).asText());
        assertEquals(2, a.at("/mappers/anneal/runs").size());
        JsonNode p = j.get("provenance");
        assertEquals("mapwright bench mappers " + net + " --arch eyeriss_like --mappers random,anneal --seeds 2 "
                + "--budget-evals 300 --json --out " + out, p.get("command").asText());
        assertEquals(1, p.get("seed").asLong());
        assertEquals(64, p.at("/inputs/0/sha256").asText().length());

        assertEquals(j, MapCommandTest.JSON.readTree(Files.readString(out.resolve("results.json"))));
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals("layer,mapper,seed_index,seed,best_edp,lower_bound_edp,edp_over_lower_bound,true_evals,"
                + "valid_evals,cache_hits,seconds", csv.get(0));
        assertEquals(1 + 2 * 2 * 2, csv.size());
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            assertEquals(11, f.length, line);
            assertTrue(List.of("a", "b").contains(f[0]), line);
            assertEquals("300", f[7], line);
            assertTrue(Double.parseDouble(f[4]) >= Double.parseDouble(f[5]), "no EDP beats the lower bound: " + line);
        }
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| mapper | geomean EDP | geomean EDP / LB | geomean seconds | wins |"), md);
        assertTrue(md.contains("| a (also c) | "), md);
        for (String png : List.of("convergence-evaluations.png", "convergence-seconds.png")) {
            BufferedImage img = ImageIO.read(out.resolve(png).toFile());
            assertEquals(900, img.getWidth(), png);
            assertEquals(560, img.getHeight(), png);
        }
        try (var files = Files.list(out)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList(), "no temporary files left");
        }

        String[] again = run(args);
        assertEquals("0", again[0], again[2]);
        assertEquals(untimed(j), untimed(MapCommandTest.JSON.readTree(again[1])), "the same seed gives the same results");
    }

    /** Seed index k of a benchmark is the search `map --seed ROOT+k` makes of that layer with the same mapper. */
    @Test
    void eachSearchIsTheOneMapMakesWithTheSameSeed(@TempDir Path dir) throws Exception {
        Path net = tiny(dir);
        String[] r = run("bench", "mappers", net.toString(), "--arch", "eyeriss_like", "--mappers", "anneal",
                "--seeds", "2", "--seed", "5", "--budget-evals", "400", "--layers", "b", "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode runs = MapCommandTest.JSON.readTree(r[1]).at("/layers/0/mappers/anneal/runs");
        for (int k = 0; k < 2; k++) {
            JsonNode m = MapCommandTest.ok("map", net.toString(), "--arch", "eyeriss_like", "--layer", "b", "--mapper",
                    "anneal", "--seed", Integer.toString(5 + k), "--budget-evals", "400", "--threads", "1", "--json");
            JsonNode layer = m.get("layers").get(0);
            assertEquals(layer.get("seed").asLong(), runs.get(k).get("seed").asLong());
            assertEquals(layer.get("edp").asDouble(), runs.get(k).get("best_edp").asDouble(), 0);
            assertEquals(NetworkMapping.layerSeeds(5 + k, 3)[1], MapperBench.searchSeed(5, k, 1));
        }
    }

    @Test
    void mappersThatCannotSearchTheLayersAreLeftOutOrRefused(@TempDir Path dir) throws Exception {
        // simba_like is of no surrogate family: by default the gradient mapper is left out with a note
        String[] r = run("bench", "mappers", tiny(dir).toString(), "--arch", "simba_like", "--budget-evals", "20",
                "--seeds", "1", "--json");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].contains("note: mapper gradient left out"), r[2]);
        assertFalse(MapCommandTest.JSON.readTree(r[1]).get("mappers").has("gradient"));
        // asked for by name, it is bad input at the first layer it cannot search
        r = run("bench", "mappers", tiny(dir).toString(), "--arch", "simba_like", "--budget-evals", "20", "--seeds", "1",
                "--mappers", "gradient");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("layer ") && r[2].contains("gradient mapper"), r[2]);
        assertFalse(r[2].contains("internal error"), r[2]);
    }

    @Test
    void badInputIsReportedExactly(@TempDir Path dir) throws Exception {
        Path net = tiny(dir);
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        String base = "bench mappers " + net + " --arch eyeriss_like ";
        String known = String.join(", ", Mappers.all().keySet());
        Map<String, String> cases = Map.ofEntries(
                Map.entry(base + "--seeds 2", "--budget-evals: error: A benchmark needs an evaluation budget, so that "
                        + "every mapper gets the same number of true evaluations; give --budget-evals N (such as 1000)."),
                Map.entry(base + "--seeds 2 --budget-evals 0",
                        "--budget-evals: error: The evaluation budget must be at least 1, got 0."),
                Map.entry(base + "--budget-evals 10", "--seeds: error: A benchmark needs a number of seeds per mapper "
                        + "and layer; give --seeds K (such as 3), and the median over the K searches is reported."),
                Map.entry(base + "--budget-evals 10 --seeds 0", "--seeds: error: A benchmark needs at least one seed "
                        + "per mapper and layer, got 0; give --seeds K with K at least 1."),
                Map.entry(base + "--budget-evals 10 --seeds 1 --budget-seconds 0", "--budget-seconds: error: The time "
                        + "budget must be a positive number of seconds, got 0.0."),
                Map.entry(base + "--budget-evals 10 --seeds 1 --threads 0",
                        "--threads: error: A search needs at least one thread, got 0."),
                Map.entry(base + "--budget-evals 10 --seeds 1 --mappers anneal,anneall", "--mappers: error: There is no "
                        + "mapper `anneall`; did you mean `anneal`? The mappers are " + known + "."),
                Map.entry(base + "--budget-evals 10 --seeds 1 --mappers qqqqqqqq",
                        "--mappers: error: There is no mapper `qqqqqqqq`. The mappers are " + known + "."),
                Map.entry(base + "--budget-evals 10 --seeds 1 --mappers random,random",
                        "--mappers: error: Mapper `random` is listed twice; give each mapper once."),
                Map.entry(base + "--budget-evals 10 --seeds 1 --layers a,d",
                        "--layers: error: tiny has no layer `d`; known: a, b, c."),
                Map.entry(base + "--budget-evals 10 --seeds 1 --layers bb",
                        "--layers: error: tiny has no layer `bb`; did you mean `b`?"),
                Map.entry(base + "--budget-evals 10 --seeds 1 --out " + file,
                        "--out: error: " + file + " is a file, not a directory; give a directory for the results."),
                Map.entry("bench mappers --arch eyeriss_like --workload resnet5 --budget-evals 10 --seeds 1",
                        "--workload: error: There is no network or layer `resnet5` in the input files or the built-in "
                        + "library; did you mean `resnet50`? The built-in networks are resnet50, vgg16, mobilenet_v2, "
                        + "alexnet, bert_base."));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String[] r = run(c.getKey().split(" "));
            assertEquals("2", r[0], c.getKey() + "\n" + r[2]);
            assertEquals(c.getValue() + "\n", r[2], c.getKey());
            assertEquals("", r[1], c.getKey());
        }
        String[] bare = run("bench");
        assertEquals("2", bare[0], bare[2]);
        assertTrue(bare[2].startsWith("Missing command: try `mapwright bench mappers --help`."), bare[2]);
        assertFalse(bare[2].contains("Exception"), bare[2]);
    }

    private static List<String> names(JsonNode o) {
        List<String> out = new ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
