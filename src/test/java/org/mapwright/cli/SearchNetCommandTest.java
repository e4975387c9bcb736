package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.mapspace.Constraints;
import org.mapwright.netcost.ExactCost;
import org.mapwright.netcost.NetCost;
import org.mapwright.netcost.Target;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netspace.OfaSpace;
import org.mapwright.search.Budget;
import org.mapwright.search.Mappers;
import org.mapwright.testing.Shared;
import org.mapwright.testing.TinyPredictor;
import org.mapwright.workload.Network;

/**
 * {@code mapwright search-net} on a design of the tiny space, with tiny budgets: the answer keeps the limit under the
 * exact cost (recomputed here), the files it writes, reproducibility, the penalty, NAS-Bench-201 and bad inputs.
 */
class SearchNetCommandTest {
    static final long SEED = 3;
    static final int BUDGET = 16;
    static final long INNER_EVALS = 50;
    static final long FINAL_EVALS = 200;

    @TempDir
    static Path tmp;
    static Path acc;
    static Architecture arch;

    @BeforeAll
    static void accelerator() throws Exception {
        acc = NetTargets.writeAccelerator(tmp);
        arch = Frontend.load(List.of(acc)).accelerators().get(NetTargets.ARCH);
    }

    /**
     * The command line: tiny budgets, then option-value pairs that replace or add to them (a null value drops the
     * option, an empty one makes it a flag).
     */
    static String[] args(String... overrides) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("--space", "ofa-mbv3");
        o.put("--max-edp", "0.5x");
        o.put("--cost-model", "exact");
        o.put("--budget-nets", Integer.toString(BUDGET));
        o.put("--population", "8");
        o.put("--recheck-top", "3");
        o.put("--inner-mapper", "anneal");
        o.put("--inner-budget-evals", Long.toString(INNER_EVALS));
        o.put("--final-budget-evals", Long.toString(FINAL_EVALS));
        o.put("--threads", "2");
        o.put("--seed", Long.toString(SEED));
        for (int i = 0; i < overrides.length; i += 2) {
            o.put(overrides[i], overrides[i + 1]);
        }
        List<String> a = new ArrayList<>(List.of("search-net", acc.toString(), "--json"));
        o.forEach((k, v) -> {
            if (v != null) {
                a.add(k);
                if (!v.isEmpty()) {
                    a.add(v);
                }
            }
        });
        return a.toArray(String[]::new);
    }

    /** The exact cost as search-net computes it: the inner mapper, its seed split per layer shape. */
    static ExactCost exact() {
        return new ExactCost(NetworkMapper.Settings.defaults().withMapper(Mappers.byName("anneal"))
                .withBudget(Budget.evaluations(INNER_EVALS)).withSeed(SEED).withThreads(1));
    }

    @Test
    void underARelativeEdpLimitTheAnswerKeepsItUnderTheExactCostAndItsFilesLoad() throws Exception {
        Path out = tmp.resolve("exact");
        TinySearch.Run r = TinySearch.ok(args("--out", out.toString()));
        JsonNode j = r.json();
        Target t = Target.of(arch);
        ExactCost exact = exact();
        // the limit: half the exact EDP of the space's largest subnet, recomputed here
        NetCost largest = exact.cost(new OfaSpace().named().get(0).network("largest"), t);
        assertEquals(j.path("largest").path("network").asText(), new OfaSpace().named().get(0).key());
        assertEquals(largest.edp(), j.path("largest").path("exact").path("edp").asDouble(), 1e-9 * largest.edp());
        double limit = j.path("limit").asDouble();
        assertEquals(0.5 * largest.edp(), limit, 1e-9 * limit);
        // the answer, read back from best.mw, costed exactly here, keeps the limit
        Library best = Frontend.load(List.of(out.resolve("best.mw")));
        Network n = best.networks().get("best");
        assertEquals(j.path("best").path("macs").asLong(), n.macs());
        NetCost c = exact.cost(n, t);
        assertEquals(c.edp(), j.path("best").path("exact").path("edp").asDouble(), 1e-9 * c.edp());
        assertTrue(c.edp() <= limit, c.edp() + " > " + limit);
        // it is the most accurate re-checked network that keeps the limit
        rechecksJudgeTheExactCost(j, false);
        assertEquals(3, j.path("rechecked").size());
        // the reported mappings: the final mapper on every layer, as map would do with the same settings
        var mapped = new NetworkMapper(NetworkMapper.Settings.defaults().withMapper(Mappers.byName("default"))
                .withBudget(Budget.evaluations(FINAL_EVALS)).withSeed(SEED).withThreads(2))
                .map(n, arch, w -> Constraints.NONE);
        assertEquals(mapped.edp(), j.path("best").path("final").path("edp").asDouble(), 1e-9 * mapped.edp());
        Library maps = Frontend.load(List.of(out.resolve("mappings.mw")));
        assertEquals(n.layers().stream().map(l -> l.workload().withName("")).distinct().count(), maps.mappings().size());
        List<String> csv = Files.readAllLines(out.resolve("candidates.csv"));
        assertEquals(BUDGET + 1, csv.size(), "a header and one row per scored network");
        assertEquals(BUDGET, j.path("scored").asInt());
        assertTrue(Files.size(out.resolve("accuracy-vs-cost.png")) > 1000);
        assertEquals(MapCommandTest.JSON.readTree(Files.readString(out.resolve("result.json"))), j);
        assertTrue(r.err().contains("generation 0: 8 networks"), r.err());
    }

    /**
     * Every re-checked network keeps the limit exactly when its exact cost does, and the answer is the best of those
     * that keep it (the most accurate under a hard limit; the fittest under the penalty).
     */
    static void rechecksJudgeTheExactCost(JsonNode j, boolean penalty) {
        double limit = j.path("limit").asDouble();
        double acc = j.path("best").path("accuracy").asDouble();
        int keeping = 0;
        for (JsonNode x : j.path("rechecked")) {
            boolean keeps = x.path("exact").path("edp").asDouble() <= limit;
            assertEquals(keeps, x.path("meets").asBoolean(), x.toString());
            assertTrue(penalty || !keeps || x.path("accuracy").asDouble() <= acc, x.toString());
            keeping += keeps ? 1 : 0;
        }
        assertTrue(keeping > 0);
        assertEquals(j.path("rechecked").get(0).path("network"), j.path("best").path("network"));
    }

    @Test
    void theSameSeedWritesTheSameResultExceptItsTimes() throws Exception {
        List<String> texts = new ArrayList<>();
        for (String d : List.of("same_a", "same_b")) {
            Path out = tmp.resolve(d);
            TinySearch.ok(args("--out", out.toString(), "--cost-model", "learned", "--predictor",
                    TinyPredictor.model().toString()));
            texts.add(Files.readString(out.resolve("result.json")).replaceAll("\"seconds\" : [-0-9.eE]+", "")
                    .replace(out.toString(), "OUT"));
            texts.add(Files.readString(out.resolve("candidates.csv")));
            texts.add(Files.readString(out.resolve("best.mw")));
        }
        assertEquals(texts.subList(0, 3), texts.subList(3, 6));
        assertTrue(texts.get(0).contains("\"screen\" : \"learned\""), texts.get(0));
        rechecksJudgeTheExactCost(MapCommandTest.JSON.readTree(tmp.resolve("same_a").resolve("result.json").toFile()),
                false);
    }

    @Test
    void withThePenaltyScreenedByThePredictorTheAnswerStillKeepsTheLimit() throws Exception {
        JsonNode j = TinySearch.ok(args("--penalty", "", "--cost-model", "learned", "--predictor",
                TinyPredictor.model().toString())).json();
        assertTrue(j.path("penalty").asBoolean());
        assertEquals("learned", j.path("screen").asText());
        double limit = j.path("limit").asDouble();
        Network n = Frontend.loadText("best.mw", j.path("best").path("dsl").asText()).networks().get("best");
        NetCost c = exact().cost(n, Target.of(arch));
        assertEquals(c.edp(), j.path("best").path("exact").path("edp").asDouble(), 1e-9 * c.edp());
        assertTrue(c.edp() <= limit, c.edp() + " > " + limit);
        rechecksJudgeTheExactCost(j, true);
        assertFalse(j.path("best").path("predicted").equals(j.path("best").path("exact")),
                "screened by the predictor, re-checked exactly: the two costs differ");
    }

    @Test
    void nasBench201CellsWithTheirTabulatedAccuracies() throws Exception {
        Path file = Shared.dir().resolve("data/nasbench201-acc200-test_nats-bench-landscape/nb201_test_acc_200ep.csv");
        Shared.require(Files.isRegularFile(file), "The NAS-Bench-201 accuracy file " + file.toAbsolutePath()
                + " was not found (set the system property mapwright.shared to the shared directory)");
        JsonNode j = TinySearch.ok(args("--space", "nb201", "--accuracy-file", file.toString())).json();
        String cell = j.path("best").path("network").asText();
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(","));
        int a = header.indexOf("arch_str");
        int acc = header.indexOf("cifar10_test_acc");
        double want = lines.stream().skip(1).map(l -> l.split(",")).filter(f -> f[a].equals(cell))
                .mapToDouble(f -> Double.parseDouble(f[acc]) / 100).findFirst().orElseThrow();
        assertEquals(want, j.path("best").path("accuracy").asDouble(), 1e-12, cell);
        assertTrue(j.path("best").path("exact").path("edp").asDouble() <= j.path("limit").asDouble());
        assertTrue(j.path("accuracy_model").asText().startsWith("nb201"), j.path("accuracy_model").asText());
    }

    @Test
    void badInputsAreExactLocatedErrors() throws Exception {
        Path other = TinyPredictor.otherStructure(tmp.resolve("other"), 40);
        String[][] cases = {
            {"--max-energy-pj", "5", "Error: --max-edp=X, --max-energy-pj=X are mutually exclusive (specify only one)"},
            {"--max-edp", "-1", "--max-edp: error: The limit must be positive, got -1."},
            {"--max-edp", "0x", "--max-edp: error: The limit must be positive, got 0x."},
            {"--max-edp", "abc", "--max-edp: error: `abc` is not a number; give a positive number, or Fx for F times "
                    + "the cost of the space's largest network (such as 0.5x)."},
            {"--space", "foo", "--space: error: Unknown network space: foo; known spaces: ofa-mbv3, nb201."},
            {"--space", "nb201", "--accuracy-file: error: The nb201 space needs a table of accuracies; give "
                    + "--accuracy-file with a NATS-Bench landscape CSV (arch_str, cifar10_test_acc)."},
            {"--cost-model", "foo", "--cost-model: error: Unknown cost model `foo`; choose learned or exact."},
            {"--recheck-top", "0", "--recheck-top: error: Re-check at least one network, got 0."},
            {"--population", "2", "--population: error: A population needs at least 4 networks, got 2."},
            {"--budget-nets", "4", "--budget-nets: error: The budget (4 networks) must cover at least one population (8)."},
            {"--arch", "nope", "--arch: error: There is no accelerator `nope` in the input files or the built-in "
                    + "library. The built-in accelerators are eyeriss_like, simple_ws, simple_os, simba_like, nvdla_like."},
            {"--predictor", other.toString(), "--cost-model", "learned", "--cost-model: error: The learned cost model "
                    + "cannot serve tiny_acc: the cost predictor was trained on accelerators of another structure "
                    + "(another number of levels); use --cost-model exact or train one with `mapwright bench "
                    + "cost-predictor --save-model`."},
            // the answer is found, then its layers cannot all be mapped in one evaluation each
            {"--final-budget-evals", "1", "--threads", "1", "--budget-nets", "8", "--final-budget-evals: error: "
                    + "Re-mapping the answers failed at layer stem: the final mapper default found no legal mapping in "
                    + "1 evaluations; give a larger --final-budget-evals or another --final-mapper."},
        };
        for (String[] c : cases) {
            String[] overrides = java.util.Arrays.copyOf(c, c.length - 1);
            TinySearch.Run r = TinySearch.run(args(overrides));
            String what = String.join(" ", overrides);
            assertEquals(2, r.code(), what + ": " + r.err());
            assertEquals(List.of(c[c.length - 1]), r.err().lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains("error")).toList(), what);
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
            assertEquals("", r.out(), what);
        }
    }
}
