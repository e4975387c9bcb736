package org.mapwright.testing;

/** A small GEMM on a small four-PE accelerator as one Timeloop document (problem, architecture and ERT). */
public final class SmallGemm {
    private SmallGemm() {
    }

    /** Z[M,N] += A[M,K] * B[K,N] on DRAM -> buf -> 2x2 reg + mac. */
    public static final String SPEC = """
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
}
