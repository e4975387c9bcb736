package org.mapwright.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Timeloop v3.0.3 build in {@code ../shared/tools/timeloop}, run as a process: {@code run-model -o OUT problem
 * arch ert mapping}. Link transfers are always disabled (the model's default counts them as Timeloop does with
 * {@code TIMELOOP_DISABLE_LINK_TRANSFERS=1}); the temporal extrapolation is on or off per call.
 */
public final class TimeloopTool {
    private final Path runModel;

    private TimeloopTool(Path runModel) {
        this.runModel = runModel;
    }

    /** The shared directory: the system property {@code mapwright.shared}, by default {@code ../shared}. */
    public static Path shared() {
        return Path.of(System.getProperty("mapwright.shared", "../shared"));
    }

    /** The tool under {@code shared}, if it is there and executable. */
    public static Optional<TimeloopTool> find(Path shared) {
        Path p = shared.resolve("tools/timeloop/run-model");
        return Files.isExecutable(p) ? Optional.of(new TimeloopTool(p.toAbsolutePath())) : Optional.empty();
    }

    /** Whether the environment says this is CI ({@code CI=true}), where missing inputs must fail tests. */
    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Runs timeloop-model on {@code files} (problem, arch, ERT, mapping) with outputs in {@code out} and returns
     * the text of {@code timeloop-model.stats.txt}, or empty when it took more than {@code timeoutSeconds} (the
     * exact mode simulates every temporal step, which takes hours on large layers).
     *
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
            pb.environment().put("TIMELOOP_DISABLE_LINK_TRANSFERS", "1");
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
