package org.mapwright.timeloop;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.mapwright.arch.Architecture;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.diag.InputException;
import org.mapwright.mapping.Mapping;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.NoLegalMappingException;
import org.mapwright.testing.Sanity;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.Workload;

/**
 * Fuzzes each Timeloop YAML reader with arbitrary text: the YAML parser and then the reader of one section must
 * return a value or throw the located {@link InputException}; anything else is a bug. What a reader returns is
 * used further as the command line would use it (a problem is compiled for the model, a mapping evaluated, a set of
 * constraints turned into a mapspace), so that values a reader lets through cannot break later stages either.
 * Mappings and constraints are read against {@link Small#SPEC}. Without {@code JAZZER_FUZZ} each target runs the
 * committed corpus under {@code src/test/resources/org/mapwright/timeloop/ReadersFuzzTestInputs/<target>/}.
 */
public class ReadersFuzzTest {
    private static final TimeloopInputs SMALL = Small.spec();

    /** The section {@code s} of the document in {@code input}, or empty when the text has none. */
    private static Optional<YamlMap.Entry> section(byte[] input, TimeloopDocument.Section s) {
        try {
            return TimeloopDocument.parse("fuzz.yaml", new String(input, StandardCharsets.UTF_8)).section(s);
        } catch (InputException e) {
            return Optional.empty();
        }
    }

    @FuzzTest(maxDuration = "10m")
    void problem(byte[] input) {
        problemTarget(input);
    }

    /** The target itself, public and static for Jazzer's command-line driver (bench/fuzz.sh). */
    public static void problemTarget(byte[] input) {
        section(input, TimeloopDocument.Section.PROBLEM).ifPresent(e -> {
            try {
                Workload w = ProblemReader.read(e.value(), "fuzz");
                for (Tensor t : w.tensors()) {
                    if (w.tensorSize(t) < 1) {
                        throw new AssertionError("Tensor " + t + " has size " + w.tensorSize(t) + ".");
                    }
                }
                new AnalyticalModel(w, SMALL.architecture());
            } catch (InputException ignored) {
                // a located input error is the one allowed outcome besides success
            }
        });
    }

    @FuzzTest(maxDuration = "10m")
    void ert(byte[] input) {
        ertTarget(input);
    }

    /** The target itself, public and static for Jazzer's command-line driver (bench/fuzz.sh). */
    public static void ertTarget(byte[] input) {
        section(input, TimeloopDocument.Section.ERT).ifPresent(e -> {
            try {
                ErtReader.read(e.value());
            } catch (InputException ignored) {
                // a located input error is the one allowed outcome besides success
            }
        });
    }

    @FuzzTest(maxDuration = "10m")
    void architecture(byte[] input) {
        architectureTarget(input);
    }

    /** The target itself, public and static for Jazzer's command-line driver (bench/fuzz.sh). */
    public static void architectureTarget(byte[] input) {
        TimeloopDocument doc;
        try {
            doc = TimeloopDocument.parse("fuzz.yaml", new String(input, StandardCharsets.UTF_8));
        } catch (InputException e) {
            return;
        }
        Optional<YamlMap.Entry> arch = doc.section(TimeloopDocument.Section.ARCHITECTURE);
        if (arch.isEmpty()) {
            return;
        }
        try {
            Ert ert = doc.section(TimeloopDocument.Section.ERT).map(e -> ErtReader.read(e.value()))
                    .orElse(Ert.of(List.of()));
            Architecture a = ArchitectureReader.read(arch.get().value(), ert, "fuzz");
            if (a.computeInstances() < 1) {
                throw new AssertionError("Accelerator with " + a.computeInstances() + " compute units.");
            }
            new AnalyticalModel(SMALL.workload(), a);
        } catch (InputException ignored) {
            // a located input error is the one allowed outcome besides success
        }
    }

    @FuzzTest(maxDuration = "10m")
    void mapping(byte[] input) {
        mappingTarget(input);
    }

    /** The target itself, public and static for Jazzer's command-line driver (bench/fuzz.sh). */
    public static void mappingTarget(byte[] input) {
        section(input, TimeloopDocument.Section.MAPPING).ifPresent(e -> {
            try {
                Mapping m = MappingReader.read(e.value(), SMALL.workload(), SMALL.architecture());
                Sanity.check(new AnalyticalModel(SMALL.workload(), SMALL.architecture()).evaluate(m));
            } catch (InputException ignored) {
                // a located input error is the one allowed outcome besides success
            }
        });
    }

    @FuzzTest(maxDuration = "10m")
    void constraints(byte[] input) {
        constraintsTarget(input);
    }

    /** The target itself, public and static for Jazzer's command-line driver (bench/fuzz.sh). */
    public static void constraintsTarget(byte[] input) {
        TimeloopDocument doc;
        try {
            doc = TimeloopDocument.parse("fuzz.yaml", new String(input, StandardCharsets.UTF_8));
        } catch (InputException e) {
            return;
        }
        try {
            Constraints c = TimeloopLoader.constraintsOf(List.of(doc), SMALL.workload(), SMALL.architecture());
            // As the command line does: constraints that admit no mapping are reported as bad input.
            new Mapspace(SMALL.workload(), SMALL.architecture(), c);
        } catch (InputException | NoLegalMappingException ignored) {
            // located input errors, and constraints that admit no mapping (the command line reports it as such)
        }
    }
}
