package org.mapwright.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code timeloop-model} (Timeloop v3.0.3, through the shared tool's {@code run-model} wrapper) on a
 * problem, an architecture, an ERT and a mapping, and reads back its statistics. Timeloop runs in the mode the
 * model's defaults follow: link transfers on ({@link #LINK_TRANSFERS}), temporal extrapolation on or off per call.
 */
public final class TimeloopTool {
    /**
     * Whether Timeloop forwards data between neighbouring spatial instances (its default mode). The model's default
     * models these link transfers, so Timeloop runs in its default mode too.
     */
    public static final boolean LINK_TRANSFERS = true;

    private static final long TIMEOUT_SECONDS = 120;

    private final Path runModel;

    private TimeloopTool(Path runModel) {
        this.runModel = runModel;
    }

    /** The environment variables that select the mode {@link #LINK_TRANSFERS} names. */
    public static Map<String, String> mode() {
        return LINK_TRANSFERS ? Map.of() : Map.of("TIMELOOP_DISABLE_LINK_TRANSFERS", "1");
    }

    /** The shared directory: the system property {@code mapwright.shared}, by default {@code ../shared}. */
    public static Path shared() {
        return Shared.dir();
    }

    /** The tool under {@code shared}, if it is there and executable. */
    public static Optional<TimeloopTool> find(Path shared) {
        Path p = shared.resolve("tools/timeloop/run-model");
        return Files.isExecutable(p) ? Optional.of(new TimeloopTool(p.toAbsolutePath())) : Optional.empty();
    }

    /** Whether the environment says this is CI ({@code CI=true}), where missing inputs must fail tests. */
    public static boolean ci() {
        return Shared.ci();
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
        Optional<String> text = new TimeloopTool(runModel.toAbsolutePath()).run(List.of(p, arch, ert, m), dir, false,
                TIMEOUT_SECONDS);
        if (text.isEmpty()) {
            throw new IllegalStateException("timeloop-model did not finish within " + TIMEOUT_SECONDS + " s in " + dir + ".");
        }
        return TimeloopStats.parse(text.get());
    }

    /**
     * Runs timeloop-model on {@code files} (problem, arch, ERT, mapping) with outputs in {@code out} and returns
     * the text of {@code timeloop-model.stats.txt}, or empty when it took more than {@code timeoutSeconds} (the
     * exact mode simulates every temporal step, which takes hours on large layers).
     *
     * @param exact whether to set {@code TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION=1}
     * @throws IllegalStateException with Timeloop's output when it fails
     */
    public Optional<String> run(List<Path> files, Path out, boolean exact, long timeoutSeconds) {
        try {
            Files.createDirectories(out);
            List<String> cmd = new ArrayList<>(List.of(runModel.toString(), "-o", out.toAbsolutePath().toString()));
            for (Path f : files) {
                cmd.add(f.toAbsolutePath().toString());
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(out.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.resolve("log.txt").toFile());
            pb.environment().remove("TIMELOOP_DISABLE_LINK_TRANSFERS");
            pb.environment().putAll(mode());
            if (exact) {
                pb.environment().put("TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION", "1");
            } else {
                pb.environment().remove("TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION");
            }
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                return Optional.empty();
            }
            Path stats = out.resolve("timeloop-model.stats.txt");
            if (p.exitValue() != 0 || !Files.exists(stats)) {
                throw new IllegalStateException("timeloop-model failed (exit " + p.exitValue() + ") on " + files
                        + ":\n" + Files.readString(out.resolve("log.txt"), StandardCharsets.UTF_8));
            }
            return Optional.of(Files.readString(stats, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running timeloop-model.", e);
        }
    }
}
