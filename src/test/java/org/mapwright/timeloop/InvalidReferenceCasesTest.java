package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.cost.Evaluation;
import org.mapwright.cost.Violation;
import org.mapwright.diag.InputException;

/**
 * Mappings that Timeloop rejects: capacity and fan-out cases must come back invalid with the same kind of violation
 * at the level Timeloop names (capacity) or the level that was perturbed (fan-out); factor-product cases must be
 * input errors that point at a factor of the offending dimension.
 */
class InvalidReferenceCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEVEL = Pattern.compile("couldn't map level (\\S+):");
    private static final Pattern PERTURBED = Pattern.compile("spatial ([XY]) product at (\\S+) =");
    private static final Pattern DIMENSION = Pattern.compile("factors of dimension (\\S+) is");
    private static final Pattern AT = Pattern.compile(":(\\d+):(\\d+): error: ");

    @TestFactory
    Stream<DynamicTest> timeloopsRejectionsAreOursToo() {
        return Reference.tests(InvalidReferenceCasesTest::cases);
    }

    private static Stream<DynamicTest> cases(Path root) {
        List<Path> cases = Reference.find(root.resolve("cases"), "*/_invalid/*.json");
        assertEquals(18, cases.size());
        return cases.stream().map(p -> DynamicTest.dynamicTest(
                p.getParent().getParent().getFileName() + "/" + p.getFileName(), () -> check(root, p)));
    }

    private static void check(Path root, Path json) throws IOException {
        JsonNode c = JSON.readTree(json.toFile());
        JsonNode in = c.get("inputs");
        Path mapping = root.resolve(in.get("mapping").asText());
        List<Path> files = List.of(root.resolve(in.get("problem").asText()), root.resolve(in.get("arch").asText()),
                root.resolve(in.get("ert").asText()), mapping);
        String kind = c.get("kind").asText();
        String timeloop = c.get("timeloop_error_lines").get(0).asText();
        if (kind.equals("product")) {
            InputException e = assertThrows(InputException.class, () -> TimeloopLoader.load(files, true));
            Matcher dim = DIMENSION.matcher(timeloop);
            assertTrue(dim.find(), timeloop);
            String report = e.report();
            assertTrue(report.startsWith(mapping.toString() + ":"), report);
            assertTrue(report.contains("The factors of " + dim.group(1) + " multiply to"), report);
            Matcher at = AT.matcher(report);
            assertTrue(at.find(), report);
            String line = Files.readAllLines(mapping).get(Integer.parseInt(at.group(1)) - 1);
            assertTrue(line.substring(Integer.parseInt(at.group(2)) - 1).startsWith(dim.group(1) + "="),
                    "the error should point at a factor of " + dim.group(1) + ": " + line);
            return;
        }
        TimeloopInputs inputs = TimeloopLoader.load(files, true);
        Evaluation e = new AnalyticalModel(inputs.workload(), inputs.architecture()).evaluate(inputs.mapping().orElseThrow());
        assertFalse(e.valid(), "Timeloop rejected this mapping: " + timeloop);
        if (kind.equals("cap")) {
            Matcher level = LEVEL.matcher(timeloop);
            assertTrue(level.find(), timeloop);
            assertTrue(e.violations().stream().anyMatch(v -> v.kind() == Violation.Kind.CAPACITY
                    && v.level().equals(level.group(1))), () -> e.violations().toString());
        } else {
            Matcher where = PERTURBED.matcher(c.get("perturbation").asText());
            assertTrue(where.find(), c.get("perturbation").asText());
            Violation.Kind expected = where.group(1).equals("X") ? Violation.Kind.FANOUT_X : Violation.Kind.FANOUT_Y;
            assertTrue(e.violations().stream().anyMatch(v -> v.kind() == expected && v.level().equals(where.group(2))),
                    () -> e.violations().toString());
        }
    }
}
