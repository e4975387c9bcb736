package org.mapwright.timeloop;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.InputException;

/** A small GEMM on a small four-PE accelerator, all in one file, and helpers for asserting exact diagnostics. */
final class Small {
    private Small() {
    }

    /** Problem, architecture and ERT in one document: Z[M,N] += A[M,K] * B[K,N] on DRAM -> buf -> 2x2 reg + mac. */
    static final String SPEC = org.mapwright.testing.SmallGemm.SPEC;

    /** The workload and accelerator of {@link #SPEC}. */
    static TimeloopInputs spec() {
        return TimeloopLoader.assemble(List.of(TimeloopDocument.parse("spec.yaml", SPEC)), false);
    }

    /** Runs {@code step}, which must fail with an input error, and returns the report. */
    static String errors(Executable step) {
        return assertThrows(InputException.class, step).report();
    }

    /** Reads a mapping document against {@link #SPEC}. */
    static org.mapwright.mapping.Mapping mapping(String text) {
        return mapping(text, new Diagnostics());
    }

    /** Reads a mapping document against {@link #SPEC}, adding its warnings to {@code warnings}. */
    static org.mapwright.mapping.Mapping mapping(String text, Diagnostics warnings) {
        TimeloopInputs in = spec();
        YamlMap.Entry e = TimeloopDocument.parse("map.yaml", text).section(TimeloopDocument.Section.MAPPING).orElseThrow();
        return MappingReader.read(e.value(), e.key().span(), in.workload(), in.architecture(), warnings);
    }

    /** The warnings of a successful {@code read}, one per line as users see them. */
    static String warnings(java.util.function.Consumer<Diagnostics> read) {
        Diagnostics d = new Diagnostics();
        read.accept(d);
        return String.join("\n", d.warnings().stream().map(org.mapwright.diag.Diagnostic::format).toList());
    }
}
