package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.diag.InputException;
import org.mapwright.testing.Shared;

/** {@code map --oracle NAME --timeloop PATH}: choosing the cost oracle, finding timeloop-model, and the report. */
class OracleOptionTest {
    private static final String BASE = "map --arch eyeriss_like --workload resnet50 ";

    @Test
    void badOracleChoicesAreReportedExactly(@TempDir Path dir) throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "hello");
        Map<String, String> cases = Map.of(
                BASE + "--oracle spice", "--oracle: error: Unknown cost oracle `spice`; the oracles are analytical, timeloop.",
                BASE + "--oracle timeloop", "--oracle: error: The timeloop oracle needs the path of timeloop-model; give "
                        + "--timeloop PATH or set MAPWRIGHT_TIMELOOP.",
                BASE + "--oracle timeloop --timeloop " + dir.resolve("none"), "--timeloop: error: There is no file "
                        + dir.resolve("none") + "; give the path of timeloop-model (or of the run-model script of a "
                        + "Timeloop build).",
                BASE + "--oracle timeloop --timeloop " + notes, "--timeloop: error: " + notes + " is not an executable "
                        + "file; give the path of timeloop-model (or of the run-model script of a Timeloop build), or "
                        + "make it executable (chmod +x).");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String[] r = MapCommandTest.run(c.getKey().split(" "));
            assertEquals("2", r[0], c.getKey() + "\n" + r[2]);
            assertEquals(c.getValue() + "\n", r[2], c.getKey());
        }
    }

    @Test
    void theEnvironmentGivesThePathWhenTheOptionDoesNot(@TempDir Path dir) throws Exception {
        Path exe = Files.createFile(dir.resolve("run-model"));
        assertTrue(exe.toFile().setExecutable(true));
        StringWriter warnings = new StringWriter();
        PrintWriter err = new PrintWriter(warnings, true);
        assertEquals(exe.toAbsolutePath(), OracleChoice.of("timeloop", null, Map.of(OracleChoice.ENV, exe.toString()), err)
                .options().timeloop().orElseThrow());
        assertEquals(exe.toAbsolutePath(), OracleChoice.of("timeloop", dir, Map.of(OracleChoice.ENV, "/nowhere"), err)
                .options().timeloop().orElseThrow(), "--timeloop comes before the environment");
        InputException e = assertThrows(InputException.class,
                () -> OracleChoice.of("timeloop", null, Map.of(OracleChoice.ENV, "/nowhere/tl"), err));
        assertEquals("MAPWRIGHT_TIMELOOP: error: The environment variable MAPWRIGHT_TIMELOOP names /nowhere/tl. There is "
                + "no file /nowhere/tl; give the path of timeloop-model (or of the run-model script of a Timeloop "
                + "build).", e.report());
        assertEquals("", warnings.toString());
        assertTrue(OracleChoice.of("analytical", null, Map.of(OracleChoice.ENV, "/nowhere/tl"), err).options()
                .timeloop().isEmpty(), "the analytical oracle does not look at the environment");
        OracleChoice.of("analytical", dir, Map.of(), err);
        assertEquals("--timeloop: warning: Only --oracle timeloop runs timeloop-model; the analytical oracle does not, "
                + "so --timeloop is ignored.\n", warnings.toString());
    }

    @Test
    void theDefaultOracleIsTheAnalyticalModel() throws Exception {
        JsonNode j = MapCommandTest.ok("map", "--arch", "simple_ws", "--workload", "resnet50", "--layer", "fc1000",
                "--budget-evals", "2000", "--threads", "1", "--json");
        assertEquals("analytical", j.get("provenance").get("oracle").asText());
        assertFalse(j.get("layers").get(0).has("oracle"));
    }

    @Test
    void aFailingOracleStopsTheRunWithItsOwnExitStatus(@TempDir Path dir) throws Exception {
        Path exe = Files.writeString(dir.resolve("timeloop-model"), "#!/bin/sh\necho 'Segmentation fault'\nexit 139\n");
        assertTrue(exe.toFile().setExecutable(true));
        String[] r = MapCommandTest.run("map", "--arch", "eyeriss_like", "--workload", "resnet50", "--layer", "fc1000",
                "--oracle", "timeloop", "--timeloop", exe.toString(), "--budget-evals", "40", "--threads", "2");
        assertEquals("3", r[0], r[2]);
        assertTrue(r[2].contains("mapwright: error: timeloop-model (" + exe + ") exited with status 139 on a mapping of "
                + "fc1000 on eyeriss_like. Its output:\nSegmentation fault\n"), r[2]);
    }

    /** With the real timeloop-model: the search ranks by Timeloop and the report gives its figures. */
    @Test
    void mapsWithTheTimeloopOracle() throws Exception {
        Path tool = Shared.runModel();
        String[] r = MapCommandTest.run("map", "--arch", "eyeriss_like", "--workload", "resnet50", "--layer", "fc1000",
                "--oracle", "timeloop", "--timeloop", tool.toString(), "--budget-evals", "40", "--threads", "2", "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode j = MapCommandTest.JSON.readTree(r[1]);
        assertEquals("timeloop", j.get("provenance").get("oracle").asText());
        JsonNode layer = j.get("layers").get(0);
        JsonNode o = layer.get("oracle");
        assertEquals("timeloop", o.get("name").asText());
        assertEquals(40, o.get("true_evaluations").asLong());
        assertEquals(layer.get("evaluations").asLong(), 40 + o.get("cache_hits").asLong());
        // fc1000 has no sliding window, so Timeloop's default mode extrapolates nothing the model counts differently
        assertEquals(layer.get("cycles").asLong(), o.get("cycles").asLong());
        assertEquals(layer.get("energy_pj").asDouble(), o.get("energy_pj").asDouble(), 1e-6 * o.get("energy_pj").asDouble());
        assertTrue(r[2].contains("(timeloop: EDP "), r[2]);
    }
}
