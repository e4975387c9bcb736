package org.mapwright.dsl;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.mapwright.diag.InputException;

/**
 * Fuzzes the DSL front end (parse, build, check) with arbitrary text: it must return a library or throw the located
 * {@link InputException}; any other exception, a hang or a stack overflow is a bug. Without {@code JAZZER_FUZZ} this
 * runs the committed corpus under {@code src/test/resources/org/mapwright/dsl/FrontendFuzzTestInputs/} (valid
 * examples and past crash reproducers); bench/README.md says how to fuzz it.
 */
public class FrontendFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void parseAndCheck(byte[] input) {
        parseAndCheckTarget(input);
    }

    /** The target itself, public and static for Jazzer's command-line driver (bench/fuzz.sh). */
    public static void parseAndCheckTarget(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            Frontend.loadText("fuzz.mw", text);
        } catch (InputException e) {
            if (e.diagnostics().isEmpty()) {
                throw new AssertionError("An input error without a diagnostic.", e);
            }
        }
    }
}
