package org.mapwright.testing;

import java.util.Map;
import java.util.function.Consumer;
import org.mapwright.dsl.FrontendFuzzTest;
import org.mapwright.search.EvaluateAndMapFuzzTest;
import org.mapwright.timeloop.ReadersFuzzTest;

/**
 * The fuzz targets of the {@code *FuzzTest} classes behind the one entry point that Jazzer's command-line driver
 * calls, so that {@code bench/fuzz.sh} can fuzz any of them for a given time (jazzer-junit 0.24.0 takes the fuzzing
 * time only from the {@code @FuzzTest} annotation). The system property {@code mapwright.fuzz.target} names the
 * target.
 */
public final class FuzzTargets {
    /** Target names, as {@code bench/fuzz.sh} takes them. */
    public static final Map<String, Consumer<byte[]>> TARGETS = Map.of(
            "dsl", FrontendFuzzTest::parseAndCheckTarget,
            "problem", ReadersFuzzTest::problemTarget,
            "ert", ReadersFuzzTest::ertTarget,
            "architecture", ReadersFuzzTest::architectureTarget,
            "mapping", ReadersFuzzTest::mappingTarget,
            "constraints", ReadersFuzzTest::constraintsTarget,
            "evaluate", EvaluateAndMapFuzzTest::evaluateAndMapTarget);

    private FuzzTargets() {
    }

    /** The target that {@code mapwright.fuzz.target} names. */
    public static Consumer<byte[]> target(String name) {
        Consumer<byte[]> t = TARGETS.get(name);
        if (t == null) {
            throw new IllegalArgumentException("Unknown fuzz target `" + name + "`; set mapwright.fuzz.target to one of "
                    + new java.util.TreeSet<>(TARGETS.keySet()) + ".");
        }
        return t;
    }

    /** Jazzer's entry point: runs the selected target on one input. */
    public static void fuzzerTestOneInput(byte[] input) {
        Selected.TARGET.accept(input);
    }

    /** Holds the selected target, resolved on first use so that the other members work without the property. */
    private static final class Selected {
        static final Consumer<byte[]> TARGET = target(System.getProperty("mapwright.fuzz.target", ""));
    }
}
