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
    private static final String SPEC = org.mapwright.testing.SmallGemm.SPEC;

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
