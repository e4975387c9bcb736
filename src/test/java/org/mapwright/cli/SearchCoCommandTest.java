package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.arch.Architecture;
import org.mapwright.archsearch.Exploration;
import org.mapwright.cosearch.CoSeeds;
import org.mapwright.dsl.Frontend;
import org.mapwright.mapspace.Constraints;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netmap.NetworkResult;
import org.mapwright.search.Budget;
import org.mapwright.search.Mappers;
import org.mapwright.testing.TinyPredictor;
import org.mapwright.workload.Network;

/**
 * {@code mapwright search-co} on the tiny space with the tiny predictor and tiny budgets (two generations of eight
 * designs, one generation of eight networks per design): the report, the files, the answers' EDPs re-mapped here,
 * resuming with a larger budget, and refusals.
 */
class SearchCoCommandTest {
    static final long SEED = 2;
    static final long FINAL_EVALS = 200;
    static final int THREADS = 2;
    static final double FLOOR = 0.76;

    @TempDir
    static Path tmp;
    static Path out;
    static TinySearch.Run full;

    /** The command line: tiny budgets, then option-value pairs that replace or add to them. */
    static String[] args(String... overrides) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("--space-net", "ofa-mbv3");
        o.put("--space-arch", TinySearch.SPACE.toString());
        o.put("--workload-baseline", "tinynet");
        o.put("--baseline-accuracy", Double.toString(FLOOR));
        o.put("--predictor", TinyPredictor.model().toString());
        o.put("--budget-archs", "16");
        o.put("--population", "8");
        o.put("--inner-budget-nets", "8");
        o.put("--inner-population", "8");
        o.put("--recheck-top", "1");
        o.put("--network-only-budget-nets", "16");
        o.put("--inner-mapper", "anneal");
        o.put("--inner-budget-evals", "50");
        o.put("--final-mapper", "anneal");
        o.put("--final-budget-evals", Long.toString(FINAL_EVALS));
        o.put("--final-top", "1");
        o.put("--threads", Integer.toString(THREADS));
        o.put("--seed", Long.toString(SEED));
        for (int i = 0; i < overrides.length; i += 2) {
            o.put(overrides[i], overrides[i + 1]);
        }
        List<String> a = new ArrayList<>(List.of("search-co", TinySearch.NET.toString(), "--json"));
        o.forEach((k, v) -> {
            a.add(k);
            a.add(v);
        });
        return a.toArray(String[]::new);
    }

    @BeforeAll
    static void search() throws Exception {
        out = tmp.resolve("full");
        full = TinySearch.ok(args("--out", out.toString()));
    }

    /** Maps a network's layers as the co-search's final mapper does: same mapper, budget, threads and seed. */
    static NetworkResult remap(Network n, Architecture a, Constraints c) {
        return new NetworkMapper(NetworkMapper.Settings.defaults().withMapper(Mappers.byName("anneal"))
                .withBudget(Budget.evaluations(FINAL_EVALS)).withSeed(CoSeeds.mapper(SEED)).withThreads(THREADS))
                .map(n, a, w -> c);
    }

    @Test
    void theReportHasTheThreeAnswersAndTheBestKeepsTheFloor() {
        JsonNode j = full.json();
        for (String answer : List.of("best", "baseline", "network_only")) {
            for (String f : List.of("accuracy", "edp")) {
                JsonNode v = j.path(answer).path(f);
                assertTrue(v.isNumber() && v.asDouble() > 0 && Double.isFinite(v.asDouble()), answer + "." + f + " = " + v);
            }
        }
        assertTrue(j.path("best").path("arch").asText().contains("accelerator "), j.path("best").toString());
        assertTrue(j.path("best").path("network").asText().contains("network co_search"), j.path("best").toString());
        assertEquals(FLOOR, j.path("baseline").path("accuracy").asDouble());
        assertTrue(j.path("best").path("accuracy").asDouble() >= FLOOR, j.path("best").toString());
        assertTrue(j.path("network_only").path("accuracy").asDouble() >= FLOOR, j.path("network_only").toString());
        assertEquals("eyeriss_like", j.path("network_only").path("accelerator").asText());
        assertEquals(2, j.path("search").path("generations").asInt());
        assertEquals(16, j.path("search").path("designs_scored").asInt());
        assertEquals(2, j.path("search").path("best_edp_per_generation").size());
        assertEquals(Provenance.commit(), j.path("commit").asText());
        assertEquals(SEED, j.path("seed").asLong());
        assertTrue(full.generationLines().stream().noneMatch(l -> l.contains("(from checkpoint)")), full.err());
    }

    @Test
    void theAnswersFilesLoadAndTheirEdpsAreWhatMappingThemGives() throws Exception {
        JsonNode j = full.json();
        Architecture arch = Frontend.load(List.of(out.resolve("best-arch.mw"))).accelerators().get("co_search_arch");
        Network net = Frontend.load(List.of(out.resolve("best-net.mw"))).networks().get("co_search");
        assertEquals(j.path("best").path("macs").asLong(), net.macs());
        double best = remap(net, arch, Constraints.NONE).edp();
        assertEquals(best, j.path("best").path("edp").asDouble(), 1e-9 * best);
        assertFalse(Frontend.load(List.of(out.resolve("mappings.mw"))).mappings().isEmpty());

        Network only = Frontend.load(List.of(out.resolve("network-only.mw"))).networks().get("network_only");
        Architecture eyeriss = Exploration.eyerissAsBuilt(TinySearch.space().resolveTechnology());
        double no = remap(only, eyeriss, Exploration.rowStationary()).edp();
        assertEquals(no, j.path("network_only").path("edp").asDouble(), 1e-9 * no);
        double base = remap(TinySearch.network(), eyeriss, Exploration.rowStationary()).edp();
        assertEquals(base, j.path("baseline").path("edp").asDouble(), 1e-9 * base);
        for (String f : List.of("result.json", "summary.txt", "best-edp-per-generation.png", "accuracy-vs-edp.png",
                "checkpoint.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }

    /** Half the budget, then the full budget on its checkpoint: the same search as one uninterrupted run. */
    @Test
    void aLargerBudgetResumesFromTheCheckpointToTheUninterruptedResult() throws Exception {
        Path dir = tmp.resolve("resumed");
        TinySearch.Run half = TinySearch.ok(args("--budget-archs", "8", "--out", dir.toString()));
        assertEquals(1, half.generationLines().size(), half.err());
        TinySearch.Run rest = TinySearch.ok(args("--out", dir.toString()));
        List<String> lines = rest.generationLines();
        assertEquals(2, lines.size(), rest.err());
        assertTrue(lines.get(0).startsWith("generation 1 (from checkpoint)"), rest.err());
        assertFalse(lines.get(1).contains("(from checkpoint)"), rest.err());
        assertEquals(1, rest.json().path("search").path("resumed_generations").asInt());
        for (String p : List.of("/best/arch", "/best/network", "/best/edp", "/search/best_edp_per_generation",
                "/network_only/network", "/baseline/edp")) {
            assertEquals(full.json().at(p), rest.json().at(p), p);
        }
        // OFA's accuracy predictor (float32 in DJL) may differ in the last bit with the batch and the threads it runs
        // beside, so accuracies are compared to a tolerance and everything else exactly
        for (String p : List.of("/best/accuracy", "/network_only/accuracy", "/ratios/best_minus_baseline_accuracy")) {
            assertEquals(full.json().at(p).asDouble(), rest.json().at(p).asDouble(), 1e-6, p);
        }
        List<String> ignored = List.of("resumed_generations", "search_seconds", "accuracy", "best_minus_baseline_accuracy");
        assertEquals(List.of(), differences("", TinySearch.comparable(full.json(), ignored.toArray(String[]::new)),
                TinySearch.comparable(rest.json(), ignored.toArray(String[]::new))));
    }

    /** The paths where two JSON trees differ (short, unlike the trees themselves). */
    static List<String> differences(String at, JsonNode a, JsonNode b) {
        List<String> out = new ArrayList<>();
        if (a.isContainerNode() && b.isContainerNode() && a.size() == b.size()) {
            if (a.isArray()) {
                for (int i = 0; i < a.size(); i++) {
                    out.addAll(differences(at + "/" + i, a.get(i), b.get(i)));
                }
            } else {
                a.fieldNames().forEachRemaining(f -> out.addAll(b.has(f) ? differences(at + "/" + f, a.get(f), b.get(f))
                        : List.of(at + "/" + f)));
            }
        } else if (!a.equals(b)) {
            out.add(at + ": " + a + " vs " + b);
        }
        return out;
    }

    @Test
    void aCheckpointOfOtherOptionsOrAnotherPredictorIsRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("refused"));
        Files.copy(out.resolve("checkpoint.json"), dir.resolve("checkpoint.json"));
        String message = dir.resolve("checkpoint.json") + ":1:1: error: This checkpoint is of another search (a "
                + "different space, network, strategy, seed, mapper or budget): resume with the same options, or give "
                + "another --out directory.";
        TinySearch.Run seed = TinySearch.run(args("--seed", "3", "--out", dir.toString()));
        assertEquals(2, seed.code(), seed.err());
        assertTrue(seed.err().lines().anyMatch(message::equals), seed.err());
        // the same weights under another provenance: another predictor as far as the checkpoint can tell
        Path copy = Files.createDirectories(tmp.resolve("copy"));
        try (var s = Files.list(TinyPredictor.model())) {
            for (Path f : s.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        ObjectNode cfg = (ObjectNode) MapCommandTest.JSON.readTree(copy.resolve("regressor.json").toFile());
        ((ObjectNode) cfg.get("info")).put("command", "another training run");
        Files.writeString(copy.resolve("regressor.json"), cfg.toString());
        TinySearch.Run other = TinySearch.run(args("--predictor", copy.toString(), "--out", dir.toString()));
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().lines().anyMatch(message::equals), other.err());
    }

    @Test
    void badInputsAreExactLocatedErrors() throws Exception {
        Path other = TinyPredictor.otherStructure(tmp.resolve("other"), 40);
        String[][] cases = {
            {"--predictor", other.toString(), "--predictor: error: The cost predictor was trained on accelerators of "
                    + "another structure than space tiny_eyeriss's; train one on this space with `mapwright bench "
                    + "cost-predictor`."},
            {"--predictor", tmp.resolve("none").toString(), "--predictor: error: There is no trained model in "
                    + tmp.resolve("none") + " (no regressor.json); train one first."},
            {"--network-only-budget-nets", "2", "--network-only-budget-nets: error: A population needs at least 4 "
                    + "networks, got 2."},
            {"--inner-population", "2", "--inner-population: error: A population needs at least 4 networks, got 2."},
            {"--final-top", "0", "--final-top: error: Give at least one thread and re-map at least one design."},
            {"--baseline-accuracy", "72", "--baseline-accuracy: error: Give the accuracy as a fraction in (0, 1], "
                    + "such as 0.720; got 72.0."},
            {"--space-net", "nb201", "--space-net: error: The co-search needs a network space with an accuracy "
                    + "predictor; of the built-in spaces that is ofa-mbv3 (nb201's accuracies are a table of CIFAR-10 "
                    + "cells)."},
            {"--min-accuracy", "0.99", "--min-accuracy: error: No network of ofa-mbv3 that the network search found "
                    + "on the baseline design reaches the accuracy floor 0.99; lower the floor or search more networks."},
        };
        for (String[] c : cases) {
            TinySearch.Run r = TinySearch.run(args(c[0], c[1]));
            assertEquals(2, r.code(), c[0] + " " + c[1] + ": " + r.err());
            List<String> errors = r.err().lines().filter(l -> l.contains("error")).toList();
            assertEquals(List.of(c[2]), errors, c[0] + " " + c[1]);
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
            assertEquals("", r.out());
        }
    }
}
