package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link ModelReport} reads the cycles, energy and computes of every reference run's stats file as the reference set
 * records them (energy to the precision Timeloop prints), and refuses text that is not a complete stats file.
 */
class ModelReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> readsTheReferenceRuns() {
        return Reference.tests(root -> Reference.find(root.resolve("cases"), "*/*/m*.json").stream()
                .filter(p -> Files.exists(stats(p)))
                .map(p -> DynamicTest.dynamicTest(root.resolve("cases").relativize(p).toString(), () -> check(p))));
    }

    private static Path stats(Path json) {
        return json.resolveSibling(json.getFileName().toString().replace(".json", ".stats.txt.gz"));
    }

    private static void check(Path json) throws IOException {
        JsonNode summary = JSON.readTree(json.toFile()).get("result").get("summary");
        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(stats(json)))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ModelReport r = ModelReport.parse(text);
        assertEquals(summary.get("cycles").asLong(), r.cycles());
        assertEquals(summary.get("computes").asLong(), r.computes());
        assertEquals(summary.get("energy_pJ").asDouble(), r.energyPj(), r.energyTolerancePj());
        assertTrue(r.energyTolerancePj() < 1, "tolerance " + r.energyTolerancePj());
    }

    @Test
    void somethingElseIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelReport.parse("Cycles: 12\nEnergy: 1.00 uJ\n"));
        assertEquals("This is not a complete timeloop-model.stats.txt: it lacks the summary's cycles or energy, the "
                + "computes, or the components' energies.", e.getMessage());
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class, () -> ModelReport.parse(
                "    Computes (total)        : 10\n    Energy (total)          : 5.00 pJ\nCycles: 12\nEnergy: 1.00 uJ\n"));
        assertEquals("The components' energies in timeloop-model.stats.txt add up to 5.0 pJ but its summary says 1.0 uJ;"
                + " this is not the stats format of Timeloop v3.0.3.", sum.getMessage());
    }
}
