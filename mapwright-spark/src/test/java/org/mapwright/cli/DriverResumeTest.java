package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search-arch driver on Spark killed in the middle (its JVM, by process id) resumes from the last generation's
 * checkpoint when run again with the same options, and ends with the answer of an uninterrupted in-process run.
 */
class DriverResumeTest {
    static final int GENERATIONS = 6;

    static String[] search(String... more) {
        List<String> a = new ArrayList<>(List.of(TinySearch.args("--budget-archs", Integer.toString(8 * GENERATIONS),
                "--inner-budget-evals", "1500")));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** A driver JVM running the CLI with mapwright-spark's class path and Spark's JVM flags. */
    static Process driver(Path log, String... args) throws Exception {
        Path lib = Path.of(System.getProperty("mapwright.spark.lib"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(SparkJvm.FLAGS);
        cmd.add("-Xmx1g");
        cmd.add("-cp");
        cmd.add(lib.getParent().resolve("classes") + File.pathSeparator + lib + File.separator + "*");
        cmd.add("org.mapwright.cli.Main");
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void aKilledDriverResumesFromItsCheckpointAndEndsAsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        String[] spark = search("--engine", "spark", "--master", "local[2]", "--out", out.toString());
        Path log = dir.resolve("driver.log");
        Process p = driver(log, spark);
        Path checkpoint = out.resolve("checkpoint.json");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // kill it once two generations are on disk
            while (generations(log) < 2 && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(p.isAlive(), "the driver ended before it could be killed:\n" + Files.readString(log));
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the driver did not die");
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertTrue(Files.exists(checkpoint), Files.readString(log));
        int done = generations(log);
        assertTrue(done >= 2 && done < GENERATIONS, "killed after " + done + " generations:\n" + Files.readString(log));

        TinySearch.Run resumed = TinySearch.ok(spark);
        long replayed = resumed.generationLines().stream().filter(l -> l.contains("(from checkpoint)")).count();
        assertTrue(replayed >= 2, resumed.err());
        assertEquals(GENERATIONS, resumed.generationLines().size(), resumed.err());

        TinySearch.Run whole = TinySearch.ok(search());
        assertEquals(replayed, resumed.json().path("resumed_generations").asLong(), resumed.out());
        JsonNode a = TinySearch.comparable(whole.json(), "resumed_generations");
        JsonNode b = TinySearch.comparable(resumed.json(), "resumed_generations");
        assertEquals(a, b);
        assertEquals(GENERATIONS, b.path("best_edp_per_generation").size(), resumed.out());
    }

    private static int generations(Path log) throws Exception {
        if (!Files.exists(log)) {
            return 0;
        }
        return (int) Files.readAllLines(log).stream().filter(l -> l.startsWith("generation ")).count();
    }
}
