package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.dsl.Frontend;
import org.mapwright.mapping.Mapping;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.Sampler;
import org.mapwright.search.CostOracles;
import org.mapwright.search.OracleException;
import org.mapwright.search.OracleOptions;
import org.mapwright.search.Outcome;
import org.mapwright.testing.Tiny;
import org.mapwright.workload.Workload;

/**
 * How {@link TimeloopModel} and the {@code timeloop} oracle handle a tool that misbehaves, with stand-in scripts
 * for timeloop-model (the real one is exercised by {@link TimeloopOracleTest}): every failure is a clear error or an
 * invalid outcome, a hung call is killed at its timeout, and no temporary file is left behind.
 */
class TimeloopModelTest {
    @TempDir
    Path tmp;

    private final Mapspace space = new Mapspace(Tiny.conv(4, 6, 3), Tiny.arch(), Constraints.NONE);

    private Mapping mapping() {
        MapPoint p = space.newPoint();
        new Sampler(space).uniform(p, new SplittableRandom(1));
        return space.toMapping(p);
    }

    private Path script(String name, String body) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private TimeloopModel model(Path exe, double timeout) {
        return new TimeloopModel(exe, space.workload(), space.architecture(), timeout);
    }

    @Test
    void aHungCallIsKilledAtItsTimeout() throws Exception {
        Path pid = tmp.resolve("pid");
        Path exe = script("hang", "echo $$ > " + pid + "\nexec sleep 600");
        try (TimeloopModel m = model(exe, 1)) {
            long t0 = System.nanoTime();
            OracleException e = assertThrows(OracleException.class, () -> m.evaluate(mapping()));
            assertTrue((System.nanoTime() - t0) / 1e9 < 15, "the call was not stopped at its timeout");
            assertEquals("timeloop-model did not finish within 1 s on a mapping of tiny on tiny, so it was stopped; "
                    + "give it more time (a longer call timeout) or a smaller layer.", e.getMessage());
            long id = Long.parseLong(Files.readString(pid).trim());
            assertFalse(ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false), "the process still runs");
            assertEquals(List.of("arch.yaml", "ert.yaml", "problem.yaml"), names(m.directory()));
        }
    }

    @Test
    void aCrashIsAnErrorThatShowsTheToolsOutput() throws Exception {
        try (TimeloopModel m = model(script("crash", "echo 'terminate called after throwing' >&2\nexit 134"), 10)) {
            OracleException e = assertThrows(OracleException.class, () -> m.evaluate(mapping()));
            assertEquals("timeloop-model (" + tmp.resolve("crash") + ") exited with status 134 on a mapping of tiny "
                    + "on tiny. Its output:\nterminate called after throwing", e.getMessage());
        }
    }

    @Test
    void missingLibrariesGetAHint() throws Exception {
        try (TimeloopModel m = model(script("nolib", "echo 'timeloop-model: error while loading shared libraries: "
                + "libconfig++.so.9' >&2\nexit 127"), 10)) {
            OracleException e = assertThrows(OracleException.class, () -> m.evaluate(mapping()));
            assertTrue(e.getMessage().contains("It cannot find its libraries: give the run-model script of the Timeloop "
                    + "build, which sets them."), e.getMessage());
        }
    }

    @Test
    void unreadableStatisticsAreAnError() throws Exception {
        // the stand-in writes a stats file without a summary into the output directory Timeloop is given with -o
        try (TimeloopModel m = model(script("garbage", "echo 'Cycles: twelve' > \"$2/timeloop-model.stats.txt\""), 10)) {
            OracleException e = assertThrows(OracleException.class, () -> m.evaluate(mapping()));
            assertTrue(e.getMessage().contains("printed statistics Mapwright cannot read: This is not a complete "
                    + "timeloop-model.stats.txt"), e.getMessage());
        }
        try (TimeloopModel m = model(script("silent", "exit 0"), 10)) {
            OracleException e = assertThrows(OracleException.class, () -> m.evaluate(mapping()));
            assertTrue(e.getMessage().contains(") wrote no timeloop-model.stats.txt on a mapping of tiny on tiny."),
                    e.getMessage());
        }
    }

    @Test
    void rejectionsBecomeInvalidOutcomesAtTheNamedLevel() throws Exception {
        String[][] cases = {
            {"buf: mapped tile size 32 exceeds buffer capacity 12", "CAPACITY", "1"},
            {"mac: mapped max Arithmetic Y expansion 4 exceeds hardware instances 1", "FANOUT_Y", "-1"},
            {"reg: mapped X expansion 4 exceeds available hardware instances 2", "FANOUT_X", "2"},
        };
        for (String[] c : cases) {
            Path exe = script("reject", "echo \"ERROR: couldn't map level " + c[0] + "\" >&2\nexit 1");
            try (TimeloopModel m = model(exe, 10)) {
                Outcome o = m.evaluate(mapping());
                assertEquals(Outcome.Status.valueOf(c[1]), o.status(), c[0]);
                assertEquals(Integer.parseInt(c[2]), o.level(), c[0]);
            }
        }
        Path odd = script("odd", "echo \"ERROR: couldn't map level buf: best tile confidence is low\"\nexit 1");
        try (TimeloopModel m = model(odd, 10)) {
            OracleException e = assertThrows(OracleException.class, () -> m.evaluate(mapping()));
            assertTrue(e.getMessage().contains("rejected a mapping for a reason Mapwright does not know"), e.getMessage());
        }
    }

    @Test
    void inputsAreDeletedOnClose() throws Exception {
        TimeloopModel m = model(script("ok", "exit 0"), 10);
        Path dir = m.directory();
        assertEquals(List.of("arch.yaml", "ert.yaml", "problem.yaml"), names(dir));
        assertThrows(OracleException.class, () -> m.evaluate(mapping()));
        assertEquals(List.of("arch.yaml", "ert.yaml", "problem.yaml"), names(dir), "a call left its directory");
        m.close();
        assertFalse(Files.exists(dir));
    }

    @Test
    void aPathThatIsNotTimeloopGetsAnActionableError() throws Exception {
        Path none = tmp.resolve("nowhere/timeloop-model");
        assertEquals("There is no file " + none + "; give the path of timeloop-model (or of the run-model script of a "
                + "Timeloop build).", assertThrows(IllegalArgumentException.class, () -> TimeloopModel.executable(none))
                .getMessage());
        Path plain = Files.writeString(tmp.resolve("notes.txt"), "hello");
        assertEquals(plain + " is not an executable file; give the path of timeloop-model (or of the run-model script "
                + "of a Timeloop build), or make it executable (chmod +x).", assertThrows(IllegalArgumentException.class,
                () -> TimeloopModel.executable(plain)).getMessage());
        assertEquals("Directory " + tmp + " holds no executable run-model, timeloop-model or bin/timeloop-model; give "
                + "the path of timeloop-model itself.", assertThrows(IllegalArgumentException.class,
                () -> TimeloopModel.executable(tmp)).getMessage());
        Path wrapper = script("run-model", "exit 0");
        assertEquals(wrapper.toAbsolutePath(), TimeloopModel.executable(tmp));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CostOracles.byName("timeloop").open(space, OracleOptions.DEFAULT));
        assertEquals("The timeloop oracle needs the path of timeloop-model; on the command line give --timeloop PATH "
                + "or set MAPWRIGHT_TIMELOOP.", e.getMessage());
    }

    @Test
    void dimensionsTimeloopCannotNameAreRefused() throws Exception {
        Workload w = Frontend.loadText("mm.mw", """
                workload mm {
                  dims Rows, Cols, K
                  Outputs[Rows, Cols] += Weights[K, Cols] * Inputs[Rows, K]
                }
                layer l = mm(Rows = 4, Cols = 4, K = 4)
                """).layers().get("l");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TimeloopModel(script("ok", "exit 0"), w, space.architecture(), 10));
        assertEquals("Timeloop v3.0.3 reads a mapping's loop orders one character per dimension, so it cannot take "
                + "dimension Rows of l; give the workload's dimensions one-letter names.", e.getMessage());
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
