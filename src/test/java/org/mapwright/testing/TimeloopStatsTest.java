package org.mapwright.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The stats reader that checks Mapwright against live Timeloop runs reads every stored reference run's
 * {@code timeloop-model.stats.txt} as the reference set's own records say: cycles, energy within 1e-6 relative, and
 * the kept data spaces with their total reads, fills and updates per storage level.
 */
class TimeloopStatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsEveryReferenceRunAsItsRecordSays() throws IOException {
        Path cases = Shared.reference().resolve("cases");
        List<Path> stats;
        try (Stream<Path> s = Files.walk(cases)) {
            stats = s.filter(p -> p.getFileName().toString().endsWith(".stats.txt.gz")).sorted().toList();
        }
        assertTrue(stats.size() >= 189, "expected the reference runs' stats, found " + stats.size());
        for (Path p : stats) {
            String name = p.getFileName().toString();
            JsonNode result = JSON.readTree(p.resolveSibling(name.replace(".stats.txt.gz", ".json")).toFile()).get("result");
            TimeloopStats t;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                t = TimeloopStats.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            String where = cases.relativize(p).toString();
            assertEquals(result.get("summary").get("cycles").asLong(), t.cycles(), where);
            double energy = result.get("summary").get("energy_pJ").asDouble();
            assertEquals(energy, t.energyPj(), t.energyPrintPj() + 1e-12 * energy, where);
            Map<String, Map<String, TimeloopStats.Counts>> expected = new LinkedHashMap<>();
            for (JsonNode level : result.get("levels")) {
                if (!level.get("kind").asText().equals("storage")) {
                    continue;
                }
                level.get("dataspaces").properties().forEach(ds -> {
                    if (ds.getValue().get("kept").asBoolean()) {
                        expected.computeIfAbsent(level.get("name").asText(), k -> new LinkedHashMap<>()).put(ds.getKey(),
                                new TimeloopStats.Counts(ds.getValue().get("reads_total").asLong(),
                                        ds.getValue().get("fills_total").asLong(), ds.getValue().get("updates_total").asLong()));
                    }
                });
            }
            assertEquals(expected, t.levels(), where);
        }
    }
}
