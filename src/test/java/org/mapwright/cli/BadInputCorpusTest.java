package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file in {@code src/test/resources/bad} (but {@code support/}) is a bad input with a golden {@code .errors}
 * file beside it: `mapwright evaluate FILE` must exit with 2 and print exactly those diagnostics, never a stack
 * trace. Run with {@code -Dmapwright.updateGolden=true} to rewrite the golden files after a deliberate change.
 */
class BadInputCorpusTest {
    static final Path DIR = Path.of("src/test/resources/bad");

    static List<Path> cases() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".mw") || p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** Runs the CLI in-process; returns exit code and stderr with the corpus directory stripped from paths. */
    static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8).replace(DIR + "/", "")};
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsReportedExactly() throws IOException {
        List<Path> cases = cases();
        assertTrue(cases.size() >= 25, "the corpus needs at least 25 bad inputs, has " + cases.size());
        return cases.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String[] r = run("evaluate", p.toString());
            String stderr = r[2];
            assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), "stack trace printed:\n" + stderr);
            Path golden = Path.of(p.toString().replaceAll("\\.(mw|yaml)$", ".errors"));
            if (Boolean.getBoolean("mapwright.updateGolden")) {
                Files.writeString(golden, stderr);
            }
            assertEquals("2", r[0], "exit code; stderr was:\n" + stderr);
            assertTrue(Files.exists(golden), "missing golden file " + golden);
            assertEquals(Files.readString(golden), stderr);
            assertTrue(stderr.lines().allMatch(l -> l.matches("^(builtin:)?[^:]+:\\d+:\\d+: (error|warning): .+")),
                    "every line must read file:line:col: error: message, got:\n" + stderr);
        }));
    }
}
