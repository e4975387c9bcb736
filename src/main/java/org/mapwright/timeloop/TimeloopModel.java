package org.mapwright.timeloop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mapwright.arch.Architecture;
import org.mapwright.mapping.Mapping;
import org.mapwright.search.OracleException;
import org.mapwright.search.Outcome;
import org.mapwright.workload.Workload;

/**
 * Runs the external {@code timeloop-model} (Timeloop v3.0.3) on mappings of one workload on one accelerator. The
 * problem, architecture and ERT are written once ({@link ProblemWriter}, {@link ArchitectureWriter},
 * {@link ErtWriter}) into a private temporary directory; each call writes its mapping ({@link MappingWriter}) into a
 * fresh directory of its own, runs Timeloop there, reads its statistics ({@link ModelReport}) and deletes the
 * directory, so that calls can run in parallel from several instances. Not thread-safe: one instance per thread.
 *
 * <p>Timeloop runs in its default mode (temporal extrapolation on, whatever the environment says), with link
 * transfers as the accelerator has them ({@code TIMELOOP_DISABLE_LINK_TRANSFERS=1} when they are off). A mapping it
 * rejects ({@code ERROR: couldn't map level L: ...}) becomes the matching invalid {@link Outcome}; a crash, a call that
 * outlives the timeout (the process is killed), or output that cannot be read is an {@link OracleException}.
 */
public final class TimeloopModel implements AutoCloseable {
    private static final Pattern REJECTED = Pattern.compile("ERROR: couldn't map level (\\S+): (.*)");
    private static final int LOG_TAIL = 2_000;

    private final Path executable;
    private final Workload workload;
    private final Architecture arch;
    private final long timeoutMillis;
    private final Path dir;
    private final List<Path> inputs;

    /**
     * Writes the inputs every call shares.
     *
     * @param executable     timeloop-model, or a script that runs it (see {@link #executable(Path)})
     * @param timeoutSeconds how long one call may take
     * @throws IllegalArgumentException when the workload or accelerator cannot be written as Timeloop YAML, or a
     *                                  dimension's name is longer than one character (Timeloop v3.0.3 reads a mapping's
     *                                  permutations one character per dimension)
     */
    public TimeloopModel(Path executable, Workload workload, Architecture arch, double timeoutSeconds) {
        for (org.mapwright.workload.Dim d : workload.dims()) {
            if (d.name().length() != 1) {
                throw new IllegalArgumentException("Timeloop v3.0.3 reads a mapping's loop orders one character per "
                        + "dimension, so it cannot take dimension " + d.name() + " of " + workload.name() + "; give the "
                        + "workload's dimensions one-letter names.");
            }
        }
        this.executable = executable;
        this.workload = workload;
        this.arch = arch;
        this.timeoutMillis = (long) Math.ceil(timeoutSeconds * 1000);
        String problem = ProblemWriter.write(workload);
        String architecture = ArchitectureWriter.write(arch);
        String ert = ErtWriter.write(arch);
        try {
            dir = Files.createTempDirectory("mapwright-timeloop-");
            inputs = List.of(Files.writeString(dir.resolve("problem.yaml"), problem),
                    Files.writeString(dir.resolve("arch.yaml"), architecture),
                    Files.writeString(dir.resolve("ert.yaml"), ert));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write Timeloop's inputs to a temporary directory: " + e.getMessage(), e);
        }
    }

    /**
     * The program to run for a path the user gave: the path itself when it is an executable file; for a directory,
     * the first executable of {@code run-model} (the wrapper of a Timeloop build that sets its library path),
     * {@code timeloop-model} and {@code bin/timeloop-model} in it.
     *
     * @throws IllegalArgumentException with a full sentence when there is none
     */
    public static Path executable(Path given) {
        if (Files.isDirectory(given)) {
            for (String name : List.of("run-model", "timeloop-model", "bin/timeloop-model")) {
                Path p = given.resolve(name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p.toAbsolutePath();
                }
            }
            throw new IllegalArgumentException("Directory " + given + " holds no executable run-model, timeloop-model "
                    + "or bin/timeloop-model; give the path of timeloop-model itself.");
        }
        if (!Files.exists(given)) {
            throw new IllegalArgumentException("There is no file " + given + "; give the path of timeloop-model (or of "
                    + "the run-model script of a Timeloop build).");
        }
        if (!Files.isRegularFile(given) || !Files.isExecutable(given)) {
            throw new IllegalArgumentException(given + " is not an executable file; give the path of timeloop-model "
                    + "(or of the run-model script of a Timeloop build), or make it executable (chmod +x).");
        }
        return given.toAbsolutePath();
    }

    /**
     * Timeloop's verdict on {@code m}: its energy and cycles, or why it cannot run.
     *
     * @throws OracleException when Timeloop fails, hangs or prints what cannot be read
     */
    public Outcome evaluate(Mapping m) {
        String mapping = MappingWriter.write(m, workload, arch);
        Path call = null;
        try {
            call = Files.createTempDirectory(dir, "call-");
            Path file = Files.writeString(call.resolve("mapping.yaml"), mapping);
            return run(call, file);
        } catch (IOException e) {
            throw new OracleException("Running timeloop-model (" + executable + ") failed: " + e.getMessage() + ".", e);
        } finally {
            if (call != null) {
                delete(call);
            }
        }
    }

    private Outcome run(Path call, Path mapping) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(executable.toString(), "-o", call.toString(), inputs.get(0).toString(),
                inputs.get(1).toString(), inputs.get(2).toString(), mapping.toString())
                .directory(call.toFile()).redirectErrorStream(true).redirectOutput(call.resolve("log.txt").toFile());
        pb.environment().remove("TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION");
        if (arch.linkTransfers()) {
            pb.environment().remove("TIMELOOP_DISABLE_LINK_TRANSFERS");
        } else {
            pb.environment().put("TIMELOOP_DISABLE_LINK_TRANSFERS", "1");
        }
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new OracleException(String.format(Locale.ROOT, "timeloop-model did not finish within %.0f s on a "
                        + "mapping of %s on %s, so it was stopped; give it more time (a longer call timeout) or a "
                        + "smaller layer.", timeoutMillis / 1000.0, workload.name(), arch.name()));
            }
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new OracleException("Interrupted while timeloop-model was running; it was stopped.", e);
        }
        String log = Files.readString(call.resolve("log.txt"), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            Matcher m = REJECTED.matcher(log);
            if (m.find()) {
                return rejected(m.group(1), m.group(2), log);
            }
            throw failure("exited with status " + p.exitValue(), log);
        }
        Path stats = call.resolve("timeloop-model.stats.txt");
        if (!Files.exists(stats)) {
            throw failure("wrote no timeloop-model.stats.txt", log);
        }
        ModelReport r;
        try {
            r = ModelReport.parse(Files.readString(stats, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new OracleException("timeloop-model (" + executable + ") printed statistics Mapwright cannot read: "
                    + e.getMessage() + " Use Timeloop v3.0.3.", e);
        }
        if (r.computes() != workload.macs()) {
            throw new OracleException("timeloop-model counted " + r.computes() + " MACs for " + workload.name() + ", "
                    + "which has " + workload.macs() + "; it read another problem than the one written for it. This is "
                    + "a bug; please report it with the layer.");
        }
        return new Outcome(Outcome.Status.VALID, -1, r.energyPj(), r.cycles(), false);
    }

    /** The outcome of Timeloop's rejection of a mapping at level {@code level} for {@code reason}. */
    private Outcome rejected(String level, String reason, String log) {
        int l = arch.levelIndex(level).orElse(-1);
        if (reason.startsWith("mapped tile size") && reason.contains("exceeds buffer capacity")) {
            return new Outcome(Outcome.Status.CAPACITY, l, 0, 0, false);
        }
        if (reason.contains("Y expansion")) {
            return new Outcome(Outcome.Status.FANOUT_Y, l, 0, 0, false);
        }
        if (reason.contains("X expansion") || reason.contains("instances")) {
            return new Outcome(Outcome.Status.FANOUT_X, l, 0, 0, false);
        }
        throw failure("rejected a mapping for a reason Mapwright does not know", log);
    }

    private OracleException failure(String what, String log) {
        String tail = log.length() > LOG_TAIL ? "..." + log.substring(log.length() - LOG_TAIL) : log;
        String hint = log.contains("error while loading shared libraries")
                ? " It cannot find its libraries: give the run-model script of the Timeloop build, which sets them."
                : "";
        return new OracleException("timeloop-model (" + executable + ") " + what + " on a mapping of "
                + workload.name() + " on " + arch.name() + "." + hint + " Its output:\n" + tail.strip());
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where the shared inputs are, and each call's directory while it runs. */
    Path directory() {
        return dir;
    }

    /** Deletes the inputs. */
    @Override
    public void close() {
        delete(dir);
    }

    private static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the temporary directory " + root + ": " + e.getMessage(), e);
        }
    }
}
