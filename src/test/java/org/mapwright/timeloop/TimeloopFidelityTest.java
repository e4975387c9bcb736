package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.cost.ModelSpec;
import org.mapwright.testing.TimeloopStats;

/**
 * Every Timeloop reference case, read from its YAML inputs and evaluated by the analytical model, must match
 * Timeloop's recorded result (or one of its recorded alternatives): cycles exactly, energy within 1e-6 relative, and
 * per storage level and kept data space the total reads, fills and updates exactly. Where Timeloop's default mode
 * extrapolates to other counts than its exact mode ({@code TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION=1}), the model
 * follows the exact mode; for such cases the project records the exact mode's output, which is accepted too.
 */
class TimeloopFidelityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyReferenceCaseMatchesTimeloop() {
        return Reference.tests(TimeloopFidelityTest::cases);
    }

    /**
     * With {@link AnalyticalModel#timeloopDefaultMode}, the model must also reproduce the default mode's own result
     * (the {@code result} every case stores), including where that mode's extrapolation departs from the exact rule.
     */
    @TestFactory
    Stream<DynamicTest> defaultModeEmulationMatchesEveryDefaultModeResult() {
        return Reference.tests(root -> caseFiles(root).stream().map(p -> DynamicTest.dynamicTest(
                p.getParent().getParent().getFileName() + "/" + p.getParent().getFileName() + "/" + p.getFileName(),
                () -> {
                    JsonNode c = JSON.readTree(p.toFile());
                    TimeloopInputs inputs = inputs(root, c);
                    Evaluation e = AnalyticalModel.timeloopDefaultMode(new ModelSpec(inputs.workload(),
                            inputs.architecture())).evaluate(inputs.mapping().orElseThrow());
                    List<String> mismatches = compare(e, c.get("result"));
                    assertTrue(mismatches.isEmpty(), () -> "Differs from Timeloop's default mode:\n  "
                            + String.join("\n  ", mismatches));
                })));
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
        Evaluation e = new AnalyticalModel(inputs.workload(), inputs.architecture()).evaluate(inputs.mapping().orElseThrow());
        assertTrue(e.valid(), () -> "Timeloop accepted this mapping but the model says: " + e.reason());
        List<String> first = null;
        for (Map.Entry<String, JsonNode> r : c.properties()) {
            if (!r.getKey().equals("result") && !r.getKey().startsWith("result_with_")) {
                continue;
            }
            List<String> mismatches = compare(e, r.getValue());
            if (mismatches.isEmpty()) {
                return;
            }
            if (first == null) {
                first = mismatches;
            }
        }
        JsonNode exact = exactModeResult(root.resolve("cases").relativize(json));
        if (exact != null) {
            List<String> mismatches = compare(e, exact);
            if (mismatches.isEmpty()) {
                return;
            }
            first = first == null ? mismatches : first;
        }
        if (first == null) {
            fail("The case has no result.");
        }
        fail("Differs from Timeloop:\n  " + String.join("\n  ", first));
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
            return TimeloopStats.parse(new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static List<String> compare(Evaluation e, JsonNode result) {
        return TimeloopStats.compare(e, result);
    }
}
