package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Timeloop readers' warnings reach the user on stderr with their file positions. */
class TimeloopWarningsTest {
    private static final String SPEC = """
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

    private static List<String> warnings(String stderr) {
        return Arrays.stream(stderr.split("\n")).filter(l -> l.contains(": warning: ")).toList();
    }

    @Test
    void evaluatePrintsTheReadersWarnings(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.yaml"), SPEC);
        Path map = Files.writeString(dir.resolve("map.yaml"), "mapping:\n- target: DRAM\n  type: temporal\n"
                + "  factors: M=8 N=4 K=6\n  permutation: KMN\n  foo: 1\n");
        String[] r = BadInputCorpusTest.run("evaluate", spec.toString(), map.toString());
        assertEquals("0", r[0], r[2]);
        assertEquals(List.of(map + ":6:3: warning: Unknown key 'foo' in a mapping directive is ignored, as Timeloop "
                + "ignores it. The keys Mapwright reads here are 'target', 'type', 'factors', 'permutation', 'split', "
                + "'keep', 'bypass'."), warnings(r[2]));
    }

    @Test
    void mapPrintsTheReadersWarnings(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.yaml"), SPEC);
        Path c = Files.writeString(dir.resolve("c.yaml"), "mapspace_constraints:\n- target: buf\n  type: spatial\n"
                + "  permutation: NM\n  split: 5\n");
        String[] r = BadInputCorpusTest.run("map", spec.toString(), c.toString(), "--budget-evals", "200",
                "--threads", "1");
        assertEquals("0", r[0], r[2]);
        assertEquals(List.of(c + ":5:10: warning: 'split' is 5 but the permutation lists only 2 dimensions; as in "
                + "Timeloop, every dimension goes on X."), warnings(r[2]));
    }
}
