package org.mapwright.timeloop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.mapwright.testing.Shared;

/**
 * Locates the Timeloop reference runs, read in place; tests that need them are skipped when they are absent, and fail
 * instead under CI ({@link Shared}).
 */
final class Reference {
    private Reference() {
    }

    /** The {@code reference/timeloop} directory, or a skipped (under CI, failed) test saying why. */
    static Path timeloop() {
        return Shared.reference();
    }

    /**
     * The dynamic tests {@code make} builds from the reference directory, or a single skipped (under CI, failed) test
     * saying why there are none (an assumption that fails inside a test factory would hide the reason).
     */
    static Stream<DynamicTest> tests(Function<Path, Stream<DynamicTest>> make) {
        if (!Shared.referencePresent()) {
            return Stream.of(DynamicTest.dynamicTest("reference runs", Shared::reference));
        }
        return make.apply(Shared.referenceDir());
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
