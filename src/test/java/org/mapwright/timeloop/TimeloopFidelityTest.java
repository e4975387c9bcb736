package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.cost.ModelSpec;
import org.mapwright.testing.TimeloopResult;

/**
 * Every Timeloop reference case, read from its YAML inputs and evaluated by the analytical model, must match
 * Timeloop's recorded result (or one of its recorded alternatives): cycles exactly, energy within 1e-6 relative, and
 * per storage level and kept data space the total reads, fills and updates exactly. The model with link transfers on
 * is held to Timeloop's default run, the model with them off to the run with {@code TIMELOOP_DISABLE_LINK_TRANSFERS=1}
 * (or to the default run where that forwarded nothing). Where Timeloop's default mode extrapolates to other counts
 * than its exact mode ({@code TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION=1}), the model follows the exact mode; for such
 * cases the project records the exact mode's output, which is accepted too.
 */
class TimeloopFidelityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyReferenceCaseMatchesTimeloop() {
        return Reference.tests(root -> caseFiles(root).stream().map(p -> DynamicTest.dynamicTest(name(p),
                () -> check(root, p))));
    }

    /**
     * With {@link AnalyticalModel#timeloopDefaultMode}, the model must also reproduce the default mode's own result
     * (the {@code result} every case stores), including where that mode's extrapolation departs from the exact rule.
     */
    @TestFactory
    Stream<DynamicTest> defaultModeEmulationMatchesEveryDefaultModeResult() {
        return Reference.tests(root -> caseFiles(root).stream().map(p -> DynamicTest.dynamicTest(name(p), () -> {
            JsonNode c = JSON.readTree(p.toFile());
            TimeloopInputs inputs = inputs(root, c);
            Evaluation e = AnalyticalModel.timeloopDefaultMode(new ModelSpec(inputs.workload(),
                    inputs.architecture())).evaluate(inputs.mapping().orElseThrow());
            List<String> mismatches = compare(e, c.get("result"));
            assertTrue(mismatches.isEmpty(), () -> "Differs from Timeloop's default mode:\n  "
                    + String.join("\n  ", mismatches));
        })));
    }

    private static String name(Path p) {
        return p.getParent().getParent().getFileName() + "/" + p.getParent().getFileName() + "/" + p.getFileName();
    }

    private static List<Path> caseFiles(Path root) {
        List<Path> cases = Reference.find(root.resolve("cases"), "*/*/m*.json");
        cases.removeIf(p -> p.getParent().getFileName().toString().startsWith("_"));
        assertTrue(cases.size() >= 189, "expected at least 189 reference cases, found " + cases.size());
        return cases;
    }

    private static TimeloopInputs inputs(Path root, JsonNode c) {
        JsonNode in = c.get("inputs");
        return TimeloopLoader.load(List.of(root.resolve(in.get("problem").asText()),
                root.resolve(in.get("arch").asText()), root.resolve(in.get("ert").asText()),
                root.resolve(in.get("mapping").asText())), true);
    }

    private static void check(Path root, Path json) throws IOException {
        JsonNode c = JSON.readTree(json.toFile());
        TimeloopInputs inputs = inputs(root, c);
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
        JsonNode exact = exactModeResult(root.resolve("cases").relativize(json));
        for (boolean links : new boolean[] {true, false}) {
            Map<String, JsonNode> results = new LinkedHashMap<>(links ? withLinks : withoutLinks);
            if (results.isEmpty()) {
                continue;
            }
            if (exact != null) {
                results.put("recorded exact-mode run", exact);
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

    /**
     * Timeloop's exact-mode result for a reference case, where the project recorded one
     * ({@code src/test/resources/timeloop-exact/}, see its README): the model follows the exact mode where the
     * default mode's extrapolation gives other counts, and the reference set stores only the default mode there.
     */
    private static JsonNode exactModeResult(Path caseJson) throws IOException {
        String name = caseJson.toString().replace('\\', '/').replaceAll("\\.json$", ".stats.txt.gz");
        try (InputStream in = TimeloopFidelityTest.class.getResourceAsStream("/timeloop-exact/" + name)) {
            if (in == null) {
                return null;
            }
            return TimeloopResult.parse(new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static List<String> compare(Evaluation e, JsonNode result) {
        return TimeloopResult.compare(e, result);
    }
}
