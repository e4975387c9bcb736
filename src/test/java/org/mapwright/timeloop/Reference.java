package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** Locates the Timeloop reference runs, read in place; tests that need them are skipped when they are absent. */
final class Reference {
    private Reference() {
    }

    private static Path dir() {
        return Path.of(System.getProperty("mapwright.shared", "../shared"), "reference", "timeloop");
    }

    private static boolean present() {
        return Files.isDirectory(dir().resolve("cases"));
    }

    private static String absent() {
        return "Timeloop reference runs not found at " + dir().toAbsolutePath()
                + " (set the system property mapwright.shared to the shared directory); skipping.";
    }

    /** The {@code reference/timeloop} directory, or a skipped test saying why. */
    static Path timeloop() {
        assumeTrue(present(), absent());
        return dir();
    }

    /**
     * The dynamic tests {@code make} builds from the reference directory, or a single skipped test saying why there
     * are none (an assumption that fails inside a test factory would hide the reason).
     */
    static Stream<DynamicTest> tests(Function<Path, Stream<DynamicTest>> make) {
        if (!present()) {
            return Stream.of(DynamicTest.dynamicTest("reference runs", () -> assumeTrue(false, absent())));
        }
        return make.apply(dir());
    }

    /** Files under {@code dir} whose name matches {@code glob}, sorted. */
    static List<Path> find(Path dir, String glob) {
        java.nio.file.PathMatcher m = dir.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> m.matches(dir.relativize(p))).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
