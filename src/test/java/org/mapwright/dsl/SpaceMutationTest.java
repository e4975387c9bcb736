package org.mapwright.dsl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mapwright.diag.InputException;

/**
 * Broken spaces are located input errors, never crashes: a seeded loop deletes, repeats, swaps and replaces the
 * tokens of a valid space (numbers by 0, huge or fractional values) and checks that the front end either accepts
 * the text or reports it with diagnostics.
 */
class SpaceMutationTest {
    static final Pattern TOKEN = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*|[0-9]+(\\.[0-9]+)?|\\.\\.|[{}:,|*+/]");
    static final String[] NUMBERS = {"0", "1", "3", "99999999999999999999", "0.5", "65537", "4097"};

    @Test
    void mutatedSpacesAreAcceptedOrReported() throws IOException {
        String text = Files.readString(Path.of("src/test/resources/org/mapwright/dsl/FrontendFuzzTestInputs/parseAndCheck/space_every_parameter_kind.mw"));
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        Frontend.loadText("m.mw", String.join(" ", tokens)); // the tokens joined again are the valid space
        SplittableRandom rnd = new SplittableRandom(31);
        int reported = 0;
        for (int i = 0; i < 2000; i++) {
            List<String> t = new ArrayList<>(tokens);
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                int at = rnd.nextInt(t.size());
                switch (rnd.nextInt(4)) {
                    case 0 -> t.remove(at);
                    case 1 -> t.add(at, t.get(rnd.nextInt(t.size())));
                    case 2 -> t.set(at, t.get(rnd.nextInt(t.size())));
                    default -> t.set(at, t.get(at).matches("[0-9.]+") ? NUMBERS[rnd.nextInt(NUMBERS.length)] : t.get(at));
                }
            }
            String mutated = String.join(" ", t);
            try {
                Frontend.loadText("m.mw", mutated);
            } catch (InputException e) {
                assertFalse(e.diagnostics().isEmpty(), "an input error without a diagnostic");
                assertTrue(e.diagnostics().stream().allMatch(d -> d.format().startsWith("m.mw:")), e.report());
                reported++;
            } catch (RuntimeException e) {
                throw new AssertionError("crash on: " + mutated, e);
            }
        }
        assertTrue(reported > 600, "most mutations should be errors, got " + reported);
    }
}
