package org.mapwright.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates what tests read in place from the shared directory beside the project ({@code ../shared}, or the system
 * property {@code mapwright.shared}): the Timeloop reference runs and the runnable Timeloop tool. Where one is
 * absent a test is skipped with a message saying so, except under CI ({@code CI=true}), where it fails: CI must
 * never pass without the fidelity checks.
 */
public final class Shared {
    private Shared() {
    }

    /** The shared directory, whether or not it exists. */
    public static Path dir() {
        return Path.of(System.getProperty("mapwright.shared", "../shared"));
    }

    /** The reference runs' directory, {@code reference/timeloop}, whether or not it exists. */
    public static Path referenceDir() {
        return dir().resolve("reference").resolve("timeloop");
    }

    /** Whether the reference runs are there. */
    public static boolean referencePresent() {
        return Files.isDirectory(referenceDir().resolve("cases"));
    }

    /** The reference runs' directory; a test without it is skipped, or fails under CI. */
    public static Path reference() {
        require(referencePresent(), referenceAbsent());
        return referenceDir();
    }

    /** The message of a test that cannot run without the reference runs. */
    public static String referenceAbsent() {
        return "Timeloop reference runs not found at " + referenceDir().toAbsolutePath()
                + " (set the system property mapwright.shared to the shared directory)";
    }

    /** The Timeloop tool's {@code run-model} wrapper, whether or not it exists. */
    public static Path runModelPath() {
        return dir().resolve("tools").resolve("timeloop").resolve("run-model");
    }

    /** Whether the Timeloop tool is there and runnable. */
    public static boolean toolPresent() {
        return Files.isExecutable(runModelPath());
    }

    /** The Timeloop tool's {@code run-model} wrapper; a test without it is skipped, or fails under CI. */
    public static Path runModel() {
        require(toolPresent(), "The Timeloop tool was not found at " + runModelPath().toAbsolutePath()
                + " (set the system property mapwright.shared to the shared directory)");
        return runModelPath();
    }

    /** Whether this run is CI's, which must not skip the checks that need the shared directory. */
    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Skips the calling test with {@code message} unless {@code present}; under CI fails it instead.
     *
     * @param present whether what the test needs is there
     * @param message what is missing and how to supply it, without a trailing full stop
     */
    public static void require(boolean present, String message) {
        if (present) {
            return;
        }
        if (ci()) {
            fail(message + "; CI=true, so this check may not be skipped.");
        }
        assumeTrue(false, message + "; skipping.");
    }
}
