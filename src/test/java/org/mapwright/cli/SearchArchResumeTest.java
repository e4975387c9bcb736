package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search-arch --out} checkpoints every generation: a rerun resumes from the checkpoint and ends with the
 * uninterrupted run's result, a larger budget continues the search where it stopped, and a checkpoint that is
 * damaged or of another search is refused with a message that says what to do.
 */
class SearchArchResumeTest {
    @TempDir
    static Path tmp;
    private static Path out;
    private static TinySearch.Run first;

    @BeforeAll
    static void search() throws Exception {
        out = tmp.resolve("out");
        first = TinySearch.ok(TinySearch.args("--out", out.toString()));
    }

    @Test
    void aRerunReplaysEveryGenerationToTheSameResult() throws Exception {
        int generations = first.json().get("generations").asInt();
        assertEquals(generations, first.generationLines().size());
        assertTrue(first.generationLines().stream().noneMatch(l -> l.contains("(from checkpoint)")), first.err());
        assertEquals(0, first.json().get("resumed_generations").asInt());
        String checkpoint = Files.readString(out.resolve("checkpoint.json"));

        TinySearch.Run again = TinySearch.ok(TinySearch.args("--out", out.toString()));
        assertEquals(generations, again.generationLines().size(), again.err());
        assertTrue(again.generationLines().stream().allMatch(l -> l.contains("(from checkpoint)")), again.err());
        assertEquals(generations, again.json().get("resumed_generations").asInt());
        assertEquals(TinySearch.comparable(first.json(), "resumed_generations"),
                TinySearch.comparable(again.json(), "resumed_generations"));
        assertEquals(checkpoint, Files.readString(out.resolve("checkpoint.json")), "nothing new to record");
    }

    /** A run killed after its first generation leaves a checkpoint of one generation; the rerun finishes the search. */
    @Test
    void aKilledRunResumesToTheSameResult() throws Exception {
        ObjectNode cp = (ObjectNode) MapCommandTest.JSON.readTree(out.resolve("checkpoint.json").toFile());
        ArrayNode gens = (ArrayNode) cp.get("generations");
        while (gens.size() > 1) {
            gens.remove(gens.size() - 1);
        }
        Path dir = Files.createDirectories(tmp.resolve("killed"));
        Files.writeString(dir.resolve("checkpoint.json"), cp.toString());
        TinySearch.Run resumed = TinySearch.ok(TinySearch.args("--out", dir.toString()));
        List<String> lines = resumed.generationLines();
        assertEquals(first.generationLines().size(), lines.size());
        for (int g = 0; g < lines.size(); g++) {
            assertEquals(g == 0, lines.get(g).contains("(from checkpoint)"), resumed.err());
        }
        assertEquals(1, resumed.json().get("resumed_generations").asInt());
        assertEquals(TinySearch.comparable(first.json(), "resumed_generations"),
                TinySearch.comparable(resumed.json(), "resumed_generations"));
        assertEquals(Files.readString(out.resolve("checkpoint.json")), Files.readString(dir.resolve("checkpoint.json")));
    }

    /** Twice the budget on the checkpoint of the first run scores only the new generations, as a fresh run would. */
    @Test
    void aLargerBudgetContinuesFromTheCheckpoint() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("twice"));
        Files.copy(out.resolve("checkpoint.json"), dir.resolve("checkpoint.json"));
        String twice = Long.toString(2 * TinySearch.BUDGET);
        TinySearch.Run resumed = TinySearch.ok(TinySearch.args("--budget-archs", twice, "--final-top", "0", "--out",
                dir.toString()));
        TinySearch.Run fresh = TinySearch.ok(TinySearch.args("--budget-archs", twice, "--final-top", "0"));
        int before = first.json().get("generations").asInt();
        List<String> lines = resumed.generationLines();
        assertEquals(fresh.generationLines().size(), lines.size());
        assertTrue(lines.size() > before, resumed.err());
        for (int g = 0; g < lines.size(); g++) {
            assertEquals(g < before, lines.get(g).contains("(from checkpoint)"), resumed.err());
        }
        assertEquals(before, resumed.json().get("resumed_generations").asInt());
        JsonNode a = resumed.json();
        JsonNode b = fresh.json();
        assertEquals(b.get("best").get("key"), a.get("best").get("key"));
        assertEquals(b.get("best").get("edp"), a.get("best").get("edp"));
        assertEquals(b.get("evaluated_archs"), a.get("evaluated_archs"));
        assertTrue(a.get("evaluated_archs").asLong() >= 2 * TinySearch.BUDGET);
        assertEquals(TinySearch.comparable(b, "resumed_generations"), TinySearch.comparable(a, "resumed_generations"));
    }

    @Test
    void aDamagedCheckpointIsRefused() throws Exception {
        refused("{\"format\": \"mapwright-archsearch-chec", "This search checkpoint cannot be read (Unexpected "
                + "end-of-input: was expecting closing quote for a string value); delete it to start the search afresh.",
                List.of());
        refused("[1, 2, 3]", "This is not a search checkpoint of this version; delete it or give another --out "
                + "directory.", List.of());
        ObjectNode noKey = (ObjectNode) MapCommandTest.JSON.readTree(out.resolve("checkpoint.json").toFile());
        ((ObjectNode) noKey.get("generations").get(1).get(3)).remove("key");
        refused(noKey.toString(), "This search checkpoint is damaged (a candidate has no key); delete it to start the "
                + "search afresh.", List.of());
        ObjectNode otherKey = (ObjectNode) MapCommandTest.JSON.readTree(out.resolve("checkpoint.json").toFile());
        ((ObjectNode) otherKey.get("generations").get(1).get(3)).put("key", "a design this search never asks for");
        refused(otherKey.toString(), "Generation 2 of this checkpoint is not what this search asks for (was the space "
                + "file or the program changed?); delete the checkpoint to start afresh, or give another --out.", List.of());
    }

    @Test
    void aCheckpointOfAnotherSearchIsRefused() throws Exception {
        String message = "This checkpoint is of another search (a different space, network, strategy, seed, mapper or "
                + "budget): resume with the same options, or give another --out directory.";
        String checkpoint = Files.readString(out.resolve("checkpoint.json"));
        refused(checkpoint, message, List.of("--seed", "2"));
        refused(checkpoint, message, List.of("--inner-budget-evals", "201"));
        refused(checkpoint, message, List.of("--strategy", "random"));
    }

    /** Runs the tiny search with {@code overrides} on a directory holding {@code checkpoint}: exit 2 and the message. */
    private static void refused(String checkpoint, String message, List<String> overrides) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "refused");
        Path file = Files.writeString(dir.resolve("checkpoint.json"), checkpoint);
        List<String> o = new java.util.ArrayList<>(overrides);
        o.addAll(List.of("--out", dir.toString()));
        TinySearch.Run r = TinySearch.run(TinySearch.args(o));
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(file + ":1:1: error: " + message, lines.get(lines.size() - 1));
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
        assertEquals(checkpoint, Files.readString(file), "a refused checkpoint is left as it was");
    }
}
