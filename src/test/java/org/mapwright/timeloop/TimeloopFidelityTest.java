package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.cost.LevelStats;
import org.mapwright.cost.TensorStats;

/**
 * Every Timeloop reference case, read from its YAML inputs and evaluated by the analytical model, must match
 * Timeloop's recorded result (or one of its recorded alternatives): cycles exactly, energy within 1e-6 relative, and
 * per storage level and kept data space the total reads, fills and updates exactly. The model with link transfers on
 * is held to Timeloop's default run, the model with them off to the run with {@code TIMELOOP_DISABLE_LINK_TRANSFERS=1}
 * (or to the default run where that forwarded nothing).
 */
class TimeloopFidelityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyReferenceCaseMatchesTimeloop() {
        return Reference.tests(TimeloopFidelityTest::cases);
    }

    private static Stream<DynamicTest> cases(Path root) {
        List<Path> cases = Reference.find(root.resolve("cases"), "*/*/m*.json");
        cases.removeIf(p -> p.getParent().getFileName().toString().startsWith("_"));
        assertTrue(cases.size() >= 189, "expected at least 189 reference cases, found " + cases.size());
        return cases.stream().map(p -> DynamicTest.dynamicTest(
                p.getParent().getParent().getFileName() + "/" + p.getParent().getFileName() + "/" + p.getFileName(),
                () -> check(root, p)));
    }

    private static void check(Path root, Path json) throws IOException {
        JsonNode c = JSON.readTree(json.toFile());
        JsonNode in = c.get("inputs");
        TimeloopInputs inputs = TimeloopLoader.load(List.of(root.resolve(in.get("problem").asText()),
                root.resolve(in.get("arch").asText()), root.resolve(in.get("ert").asText()),
                root.resolve(in.get("mapping").asText())), true);
        // Timeloop's default run forwards between neighbours; its run with TIMELOOP_DISABLE_LINK_TRANSFERS=1, where
        // the case stores one, does not. Without that run, the default result stands for both when it forwarded
        // nothing. A run with temporal extrapolation disabled is an accepted alternative in either mode.
        Map<String, JsonNode> withLinks = new LinkedHashMap<>();
        Map<String, JsonNode> withoutLinks = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> r : c.properties()) {
            String key = r.getKey();
            if (key.equals("result") || key.startsWith("result_with_")) {
                (key.contains("DISABLE_LINK_TRANSFERS") ? withoutLinks : withLinks).put(key, r.getValue());
            }
        }
        if (withLinks.isEmpty()) {
            fail("The case has no result with link transfers on.");
        }
        if (withoutLinks.isEmpty()) {
            withLinks.forEach((k, r) -> {
                if (r.get("summary").path("link_transfers_total").asDouble(0) == 0) {
                    withoutLinks.put(k, r);
                }
            });
        }
        for (boolean links : new boolean[] {true, false}) {
            Map<String, JsonNode> results = links ? withLinks : withoutLinks;
            if (results.isEmpty()) {
                continue;
            }
            Evaluation e = new AnalyticalModel(inputs.workload(), inputs.architecture().withLinkTransfers(links))
                    .evaluate(inputs.mapping().orElseThrow());
            assertTrue(e.valid(), () -> "Timeloop accepted this mapping but the model says: " + e.reason());
            List<String> first = null;
            for (JsonNode r : results.values()) {
                List<String> mismatches = compare(e, r);
                if (mismatches.isEmpty()) {
                    first = null;
                    break;
                }
                if (first == null) {
                    first = mismatches;
                }
            }
            if (first != null) {
                fail("Link transfers " + (links ? "on" : "off") + ": differs from Timeloop (" + results.keySet()
                        + "):\n  " + String.join("\n  ", first));
            }
        }
    }

    static List<String> compare(Evaluation e, JsonNode result) {
        List<String> out = new ArrayList<>();
        JsonNode summary = result.get("summary");
        long cycles = summary.get("cycles").asLong();
        if (cycles != e.cycles()) {
            out.add("cycles: Timeloop " + cycles + ", model " + e.cycles());
        }
        double energy = summary.get("energy_pJ").asDouble();
        // the recorded energy adds up Timeloop's per-component energies, printed to 0.01 pJ; a tolerance of 1e-6
        // alone would hide a rounding slip of a few vector accesses
        if (Math.abs(energy - e.energyPj()) > Math.min(1e-6 * Math.abs(energy), 0.25 + 1e-12 * Math.abs(energy))) {
            out.add("energy_pJ: Timeloop " + energy + ", model " + e.energyPj());
        }
        double forwarded = summary.path("link_transfers_total").asDouble(0);
        long modelForwarded = e.levels().stream().flatMap(l -> l.tensors().values().stream())
                .mapToLong(TensorStats::linkTransfers).sum();
        if ((forwarded == 0) != (modelForwarded == 0)) {
            out.add("link transfers: Timeloop " + (long) forwarded + ", model " + modelForwarded);
        }
        for (JsonNode level : result.get("levels")) {
            if (!level.get("kind").asText().equals("storage")) {
                continue;
            }
            String name = level.get("name").asText();
            LevelStats ls = e.level(name).orElse(null);
            for (Map.Entry<String, JsonNode> ds : level.get("dataspaces").properties()) {
                if (!ds.getValue().get("kept").asBoolean()) {
                    continue;
                }
                TensorStats ts = ls == null ? null : ls.tensors().get(ds.getKey());
                if (ts == null) {
                    out.add(name + "/" + ds.getKey() + ": kept in Timeloop, not in the model");
                    continue;
                }
                field(out, name, ds.getKey(), "reads_total", ds.getValue(), ts.readsTotal());
                field(out, name, ds.getKey(), "fills_total", ds.getValue(), ts.fillsTotal());
                field(out, name, ds.getKey(), "updates_total", ds.getValue(), ts.updatesTotal());
            }
        }
        return out;
    }

    private static void field(List<String> out, String level, String ds, String key, JsonNode node, long model) {
        double expected = node.get(key).asDouble();
        if (expected != model) {
            out.add(level + "/" + ds + " " + key + ": Timeloop " + (long) expected + ", model " + model);
        }
    }
}
