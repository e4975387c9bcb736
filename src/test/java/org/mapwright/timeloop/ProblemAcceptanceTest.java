package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mapwright.workload.Dim;

/**
 * Problem inputs Timeloop v3.0.3 accepts are accepted, with a warning where they may not mean what a user expects.
 * Each test names the Timeloop behaviour it follows: {@code src/workload/workload.cpp} and
 * {@code src/workload/shape-models/problem-shape.cpp} at tag v3.0.3, and what {@code timeloop-model} did with the
 * input (bench/README.md, "Timeloop input acceptance audit").
 */
class ProblemAcceptanceTest {
    private static final String CONV = ProblemReaderTest.CONV;

    private static String warnings(String text) {
        return Small.warnings(w -> ProblemReaderTest.read(text, w));
    }

    /** The shape and the instance are read by lookups, so other keys are ignored; timeloop-model ran such files. */
    @Test
    void unknownKeysAreIgnoredWithAWarning() {
        String text = CONV.replace("    name: conv\n", "    name: conv\n    nmae: x\n")
                .replace("      read-write: True\n", "      read-write: True\n      density: 0.5\n")
                .replace("    M: 8\n", "    M: 8\n    MM: 8\n    N: 1\n");
        assertEquals(ProblemReaderTest.read(CONV).bounds(), ProblemReaderTest.read(text).bounds());
        assertEquals("p.yaml:4:5: warning: Unknown key 'nmae' in the problem's 'shape' is ignored, as Timeloop ignores "
                + "it. Did you mean 'name'? The keys Mapwright reads here are 'name', 'dimensions', 'coefficients', "
                + "'data-spaces', 'data_spaces', 'version'.\n"
                + "p.yaml:26:7: warning: Unknown key 'density' in a data space is ignored, as Timeloop ignores it. The "
                + "keys Mapwright reads here are 'name', 'projection', 'read-write', 'read_write'.\n"
                + "p.yaml:30:5: warning: 'MM' in 'instance' is neither a dimension nor a coefficient of the shape, so it "
                + "is ignored, as Timeloop ignores it. Did you mean 'M'? The dimensions are C, M, R, P, N and the "
                + "coefficients are Wstride, Wdilation.", warnings(text));
    }

    /**
     * workload.cpp asserts that every dimension has a bound, and timeloop-model aborts without one; Mapwright keeps
     * reading such files (a missing bound is 1) and says that Timeloop will not.
     */
    @Test
    void aMissingBoundIsOneWithAWarning() {
        assertEquals(1, ProblemReaderTest.read(CONV).bound(Dim.of("N")));
        assertEquals("p.yaml:25:3: warning: 'instance' gives no bound for N; Mapwright takes it as 1, but Timeloop "
                + "v3.0.3 refuses such a problem (it aborts), so add N: 1 for a file both read.", warnings(CONV));
        assertEquals("", warnings(CONV.replace("    M: 8\n", "    M: 8\n    N: 1\n")));
    }
}
