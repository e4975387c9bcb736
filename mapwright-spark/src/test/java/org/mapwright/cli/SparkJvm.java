package org.mapwright.cli;

import java.util.Arrays;
import java.util.List;

/** The JVM flags Spark needs on Java 17, as the build gives them to the tests (for the JVMs the tests start). */
final class SparkJvm {
    static final List<String> FLAGS = Arrays.stream(System.getProperty("mapwright.spark.flags", "").trim().split("\\s+"))
            .filter(s -> !s.isEmpty()).toList();

    private SparkJvm() {
    }
}
