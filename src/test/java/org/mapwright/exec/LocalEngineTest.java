package org.mapwright.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local engine, the per-process worker cache, engine choice and bundles. */
class LocalEngineTest {

    static List<byte[]> items(String... s) {
        List<byte[]> out = new ArrayList<>();
        for (String x : s) {
            out.add(x.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    static List<String> text(List<byte[]> b) {
        return b.stream().map(x -> new String(x, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void resultsComeBackInTheItemsOrderOnAnyNumberOfThreads() {
        List<String> expected = new ArrayList<>();
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            items.add(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
            expected.add("ctx-" + i);
        }
        for (int threads : new int[] {1, 2, 7}) {
            try (LocalEngine e = new LocalEngine(threads)) {
                assertEquals(expected, text(e.run(Job.of(EchoKind.NAME, "ctx-"), items)), threads + " threads");
                assertEquals(threads, e.parallelism());
            }
        }
    }

    @Test
    void aProcessBuildsOneWorkerPerJobAndReusesIt() {
        Job job = Job.of(EchoKind.NAME, "reuse-" + System.nanoTime() + "-");
        int before = EchoKind.OPENED.get();
        try (LocalEngine e = new LocalEngine(2)) {
            for (int g = 0; g < 5; g++) {
                e.run(job, items("a", "b", "c", "d"));
            }
            assertEquals(before + 1, EchoKind.OPENED.get());
            e.run(Job.of(EchoKind.NAME, "another-" + System.nanoTime()), items("a"));
            assertEquals(before + 2, EchoKind.OPENED.get());
        }
    }

    @Test
    void aJobsIdIsItsKindAndContent() {
        assertEquals(Job.of(EchoKind.NAME, "x").id(), Job.of(EchoKind.NAME, "x").id());
        assertNotEquals(Job.of(EchoKind.NAME, "x").id(), Job.of(EchoKind.NAME, "y").id());
        assertNotEquals(Job.of(EchoKind.NAME, "x").id(), Job.of("other", "x").id());
        byte[] ctx = "abc".getBytes(StandardCharsets.UTF_8);
        Job j = new Job(EchoKind.NAME, ctx);
        ctx[0] = 'z';
        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), j.context());
    }

    @Test
    void aFailedTaskIsRethrownAsItWas() {
        try (LocalEngine e = new LocalEngine(2)) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> e.run(Job.of(EchoKind.NAME, "p"), items("a", "fail", "c")));
            assertEquals("task failed on purpose", x.getMessage());
        }
    }

    @Test
    void anUnknownKindSaysToRunTheSameJar() {
        try (LocalEngine e = new LocalEngine(1)) {
            IllegalStateException x = assertThrows(IllegalStateException.class,
                    () -> e.run(Job.of("no-such-kind", "p"), items("a")));
            assertTrue(x.getMessage().contains("No task kind `no-such-kind`"), x.getMessage());
        }
    }

    @Test
    void enginesAreChosenByNameAndAnAbsentSparkSaysWhereItIs() {
        try (Engine e = Engines.open(Engines.LOCAL, EngineOptions.threads(3))) {
            assertEquals("local, 3 threads", e.description());
        }
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> Engines.open("spark", EngineOptions.threads(1)));
        assertTrue(x.getMessage().contains("mapwright-spark.jar"), x.getMessage());
        IllegalArgumentException y = assertThrows(IllegalArgumentException.class,
                () -> Engines.open("sparkle", EngineOptions.threads(1)));
        assertTrue(y.getMessage().contains("the engines are local"), y.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Engines.open(Engines.LOCAL, new EngineOptions(1, Optional.of("local[2]"), Map.of())));
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.threads(0));
    }

    @Test
    void aBundleCarriesAFolderAndStaysInsideIt(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("model");
        Files.createDirectories(src.resolve("member-0"));
        Files.writeString(src.resolve("ensemble.json"), "{\"members\":1}");
        byte[] params = new byte[3000];
        for (int i = 0; i < params.length; i++) {
            params[i] = (byte) (i * 31);
        }
        Files.write(src.resolve("member-0/params"), params);
        Path copy = Bundle.unpack(Bundle.pack(src), "bundle-test");
        assertEquals("{\"members\":1}", Files.readString(copy.resolve("ensemble.json")));
        assertArrayEquals(params, Files.readAllBytes(copy.resolve("member-0/params")));
        var evil = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("../escape", "AAAA");
        assertThrows(IllegalArgumentException.class, () -> Bundle.unpack(evil, "bundle-test"));
    }
}
