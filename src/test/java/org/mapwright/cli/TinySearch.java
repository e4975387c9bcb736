package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.dsl.Frontend;
import org.mapwright.workload.Network;

/**
 * The search-arch tests' search: a small version of the eyeriss_resources space (16 MACs, a few options per
 * parameter) and a network of two small convolutions ({@code src/test/resources/archsearch}), three generations of
 * eight candidates with small inner and final budgets, so that a run takes about a second.
 */
final class TinySearch {
    static final Path DIR = Path.of("src/test/resources/archsearch");
    static final Path SPACE = DIR.resolve("tiny_space.mw");
    static final Path NET = DIR.resolve("tiny_net.mw");
    static final long BUDGET = 24;
    static final int POPULATION = 8;
    static final long FINAL_EVALS = 500;
    static final int THREADS = 2;

    private TinySearch() {
    }

    /** One run of the command: exit code, standard output and error, and the JSON when it printed some. */
    record Run(int code, String out, String err, JsonNode json) {
        /** The progress lines of the generations on stderr. */
        List<String> generationLines() {
            return err.lines().filter(l -> l.startsWith("generation ")).toList();
        }
    }

    /**
     * The command line of the tiny search with {@code --json}: {@code overrides} are option-value pairs that replace
     * or add to the defaults (a null value drops the option), then the {@code flags}.
     */
    static String[] args(List<String> overrides, String... flags) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("--space", SPACE.toString());
        o.put("--workload", "tinynet");
        o.put("--budget-archs", Long.toString(BUDGET));
        o.put("--population", Integer.toString(POPULATION));
        o.put("--inner-budget-evals", "200");
        o.put("--final-top", "2");
        o.put("--final-budget-evals", Long.toString(FINAL_EVALS));
        o.put("--threads", Integer.toString(THREADS));
        for (int i = 0; i < overrides.size(); i += 2) {
            o.put(overrides.get(i), overrides.get(i + 1));
        }
        List<String> a = new ArrayList<>(List.of("search-arch", NET.toString(), "--json"));
        o.forEach((k, v) -> {
            if (v != null) {
                a.add(k);
                a.add(v);
            }
        });
        a.addAll(List.of(flags));
        return a.toArray(String[]::new);
    }

    static String[] args(String... overridePairs) {
        return args(java.util.Arrays.asList(overridePairs));
    }

    /** Runs the CLI in-process. */
    static Run run(String... args) throws Exception {
        String[] r = BadInputCorpusTest.run(args);
        int code = Integer.parseInt(r[0]);
        return new Run(code, r[1], r[2], code == 0 && !r[1].isBlank() ? MapCommandTest.JSON.readTree(r[1]) : null);
    }

    /** Runs the CLI in-process and requires success. */
    static Run ok(String... args) throws Exception {
        Run r = run(args);
        assertEquals(0, r.code(), r.err());
        return r;
    }

    /** The JSON without the fields that differ between runs of one search: wall-clock seconds and the command line. */
    static JsonNode comparable(JsonNode j, String... more) {
        List<String> fields = new ArrayList<>(List.of("seconds", "command"));
        fields.addAll(List.of(more));
        return MapCommandTest.untimed(j, fields);
    }

    static ArchSpace space() {
        return Frontend.load(List.of(SPACE)).spaces().get("tiny_eyeriss");
    }

    static Network network() {
        return Frontend.load(List.of(NET)).networks().get("tinynet");
    }
}
