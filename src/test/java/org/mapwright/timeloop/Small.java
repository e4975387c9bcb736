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
    static final String SPEC = """
            problem:
              shape:
                name: gemm
                dimensions: [M, N, K]
                data-spaces:
                - {name: A, projection: [[[M]], [[K]]]}
                - {name: B, projection: [[[K]], [[N]]]}
                - {name: Z, projection: [[[M]], [[N]]], read-write: True}
              instance: {M: 8, N: 4, K: 6}
            architecture:
              version: 0.3
              subtree:
              - name: sys
                local:
                - {name: DRAM, class: DRAM, attributes: {width: 64, word-bits: 16}}
                - {name: buf, class: SRAM, attributes: {depth: 64, width: 16, word-bits: 16}}
                subtree:
                - name: PE[0..3]
                  local:
                  - {name: reg, class: regfile, attributes: {depth: 8, width: 16, word-bits: 16, meshX: 2}}
                  - {name: mac, class: intmac, attributes: {meshX: 2}}
            ERT:
              tables:
              - {name: sys.DRAM, actions: [{name: read, energy: 100}, {name: write, energy: 100}]}
              - {name: sys.buf, actions: [{name: read, energy: 5}, {name: write, energy: 6}]}
              - {name: "sys.PE[0..3].reg", actions: [{name: read, energy: 1}, {name: write, energy: 1}]}
              - {name: "sys.PE[0..3].mac", actions: [{name: mac_random, energy: 2}]}
            """;

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
