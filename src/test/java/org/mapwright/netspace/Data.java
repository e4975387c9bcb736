package org.mapwright.netspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mapwright.testing.Shared;

/**
 * The data sets under {@code ../shared/data} the network-space tests read in place; a test without them is skipped
 * with a message, or fails under CI ({@link Shared#require}).
 */
final class Data {
    static final String OFA = "ofa-predictors_han-cai-files";
    static final String NOTE10 = "ofa-latency_NAS_PerformanceEstimation";
    static final String NB201_ACC = "nasbench201-acc200-test_nats-bench-landscape";
    static final String HWNAS = "hwnasbench-nb201-cifar10-partial_HW-NAS-Visualization";

    private Data() {
    }

    /** A file of a data folder; skips (under CI, fails) the test when it is absent. */
    static Path file(String folder, String name) {
        Path p = Shared.dir().resolve("data").resolve(folder).resolve(name);
        Shared.require(Files.isRegularFile(p), "The data file " + p.toAbsolutePath() + " was not found"
                + " (set the system property mapwright.shared to the shared directory)");
        return p;
    }

    /** A CSV file's rows, header first, split on commas (the data files quote nothing). */
    static List<String[]> csv(Path p) {
        try {
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(p)) {
                if (!line.isEmpty()) {
                    rows.add(line.split(",", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int column(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new AssertionError("column " + name + " missing");
    }
}
