package org.mapwright.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code timeloop-model} (Timeloop v3.0.3, through the shared tool's {@code run-model} wrapper) on a
 * problem, an architecture, an ERT and a mapping, and reads back its statistics.
 */
public final class TimeloopTool {
    /**
     * Whether Timeloop forwards data between neighbouring spatial instances (its default mode). Mapwright's model
     * does not model these link transfers yet, so Timeloop runs with them disabled; once the model has them, set this
     * to true to check Timeloop's default mode.
     */
    public static final boolean LINK_TRANSFERS = true;

    private static final long TIMEOUT_SECONDS = 120;

    private TimeloopTool() {
    }

    /** The environment variables that select the mode {@link #LINK_TRANSFERS} names. */
    public static Map<String, String> mode() {
        return LINK_TRANSFERS ? Map.of() : Map.of("TIMELOOP_DISABLE_LINK_TRANSFERS", "1");
    }

    /**
     * Writes {@code problem} and {@code mapping} into {@code dir}, runs {@code timeloop-model} there on them with
     * {@code arch} and {@code ert} in the mode {@link #mode()} selects, and parses its statistics.
     *
     * @throws IllegalStateException if Timeloop fails, rejects the mapping, or does not finish in two minutes; the
     *                               message holds its error output
     */
    public static TimeloopStats run(Path runModel, Path dir, String problem, Path arch, Path ert, String mapping)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path p = Files.writeString(dir.resolve("problem.yaml"), problem);
        Path m = Files.writeString(dir.resolve("mapping.yaml"), mapping);
        Path log = dir.resolve("timeloop.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(runModel.toAbsolutePath().toString(), "-o",
                dir.toAbsolutePath().toString(), p.toAbsolutePath().toString(), arch.toAbsolutePath().toString(),
                ert.toAbsolutePath().toString(), m.toAbsolutePath().toString()))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("TIMELOOP_DISABLE_LINK_TRANSFERS");
        pb.environment().remove("TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION");
        pb.environment().putAll(mode());
        Process proc = pb.start();
        if (!proc.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            throw new IllegalStateException("timeloop-model did not finish within " + TIMEOUT_SECONDS + " s in " + dir
                    + ".");
        }
        Path stats = dir.resolve("timeloop-model.stats.txt");
        if (proc.exitValue() != 0 || !Files.exists(stats)) {
            throw new IllegalStateException("timeloop-model exited with status " + proc.exitValue() + " on the inputs in "
                    + dir + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return TimeloopStats.parse(Files.readString(stats, StandardCharsets.UTF_8));
    }
}
