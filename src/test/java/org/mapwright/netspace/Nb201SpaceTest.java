package org.mapwright.netspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mapwright.dsl.Frontend;
import org.mapwright.workload.Dim;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

class Nb201SpaceTest {
    private static final Nb201Space SPACE = new Nb201Space();

    /** Every arch string of the benchmark parses, prints back unchanged, and its op codes are the file's. */
    @Test
    void archStringsRoundTripForAllCells() {
        List<String[]> rows = Data.csv(Data.file(Data.NB201_ACC, "nb201_test_acc_200ep.csv"));
        String[] h = rows.get(0);
        int s = Data.column(h, "arch_str");
        int codes = Data.column(h, "op_codes");
        for (String[] row : rows.subList(1, rows.size())) {
            Nb201Candidate c = Nb201Candidate.parse(row[s]);
            assertEquals(row[s], c.archStr());
            assertEquals(row[codes], c.opCodes());
            assertEquals(c, SPACE.decode(SPACE.encode(c)));
        }
        assertEquals(15_625, rows.size() - 1);
    }

    /**
     * HW-NAS-Bench ships NB201's FLOP count of every cell (millions, 5 decimals); it counts every convolution and
     * linear multiply-accumulate once, plus the classifier's 10 bias additions. The layer list must give the same.
     */
    @Test
    void macsEqualTheFlopsHwNasBenchShips() {
        List<String[]> rows = Data.csv(Data.file(Data.HWNAS, "hwnasbench_nb201_cifar10_partial.csv"));
        String[] h = rows.get(0);
        int s = Data.column(h, "arch_str");
        int f = Data.column(h, "flops_M");
        for (String[] row : rows.subList(1, rows.size())) {
            Nb201Candidate c = Nb201Candidate.parse(row[s]);
            assertEquals(Double.parseDouble(row[f]) * 1e6, c.macs() + 10, 6, c.archStr());
        }
        assertTrue(rows.size() > 12_000);
    }

    /** Hand-checked shapes: the all-3x3 cell, and a cell whose conv edges cannot reach the output (still counted). */
    @Test
    void layerShapesOfHandCheckedCells() {
        Network big = SPACE.named().get(0).network("nb");
        assertEquals(List.of("stem", "s1_e01", "s1_e02", "s1_e12", "s1_e03", "s1_e13", "s1_e23", "r1_conv_a", "r1_conv_b",
                "r1_shortcut", "s2_e01", "s2_e02", "s2_e12", "s2_e03", "s2_e13", "s2_e23", "r2_conv_a", "r2_conv_b",
                "r2_shortcut", "s3_e01", "s3_e02", "s3_e12", "s3_e03", "s3_e13", "s3_e23", "classifier"),
                big.layers().stream().map(l -> l.name()).toList());
        assertShape(big, "stem", 3, 16, 3, 32, 1, 1);
        assertShape(big, "s1_e01", 16, 16, 3, 32, 1, 5);
        assertShape(big, "r1_conv_a", 16, 32, 3, 16, 2, 1);
        assertShape(big, "r1_conv_b", 32, 32, 3, 16, 1, 1);
        assertShape(big, "r1_shortcut", 16, 32, 1, 16, 1, 1);
        assertShape(big, "s2_e23", 32, 32, 3, 16, 1, 5);
        assertShape(big, "r2_conv_a", 32, 64, 3, 8, 2, 1);
        assertShape(big, "s3_e13", 64, 64, 3, 8, 1, 5);
        Workload fc = big.layer("classifier").orElseThrow().workload();
        assertEquals(64, fc.bound(Dim.of("K")));
        assertEquals(10, fc.bound(Dim.of("N")));

        // 0->1 is a 1x1 conv, but nothing leaves node 1 (1->2 and 1->3 are none): NB201 still computes it.
        Network dead = Nb201Candidate.parse("|nor_conv_1x1~0|+|skip_connect~0|none~1|+|avg_pool_3x3~0|none~1|none~2|")
                .network("nb");
        assertEquals(List.of("stem", "s1_e01", "r1_conv_a", "r1_conv_b", "r1_shortcut", "s2_e01", "r2_conv_a", "r2_conv_b",
                "r2_shortcut", "s3_e01", "classifier"), dead.layers().stream().map(l -> l.name()).toList());
        assertShape(dead, "s2_e01", 32, 32, 1, 16, 1, 5);
    }

    private static void assertShape(Network n, String layer, long c, long m, long r, long p, long stride, int repeat) {
        Workload w = n.layer(layer).orElseThrow().workload();
        String what = layer + " " + w;
        assertEquals(c, w.bound(Dim.of("C")), what);
        assertEquals(m, w.bound(Dim.of("M")), what);
        assertEquals(r, w.bound(Dim.of("R")), what);
        assertEquals(r, w.bound(Dim.of("S")), what);
        assertEquals(p, w.bound(Dim.of("P")), what);
        assertEquals(p, w.bound(Dim.of("Q")), what);
        assertEquals(stride, w.coefficients().get("stride"), what);
        assertEquals(repeat, n.layer(layer).orElseThrow().repeat(), what);
    }

    /** Turning any non-conv edge into a conv adds MACs; a 1x1 into a 3x3 too. */
    @Test
    void macsGrowWithConvolutions() {
        for (int code = 0; code < 15_625; code++) {
            int[] ops = new int[6];
            for (int e = 0, v = code; e < 6; e++, v /= 5) {
                ops[e] = v % 5;
            }
            Nb201Candidate c = new Nb201Candidate(ops);
            for (int e = 0; e < 6; e++) {
                if (ops[e] != 3) {
                    int[] more = ops.clone();
                    more[e] = ops[e] == 2 ? 3 : 2;
                    assertTrue(new Nb201Candidate(more).macs() > c.macs(), c + " -> " + new Nb201Candidate(more));
                }
            }
        }
    }

    @Test
    void dslLoadsBackToTheSameNetwork() {
        for (NetCandidate c : List.of(SPACE.named().get(0), SPACE.named().get(1),
                Nb201Candidate.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|skip_connect~2|"))) {
            Network loaded = Frontend.loadText("cell.mw", c.dsl("cell")).networks().get("cell");
            assertEquals(c.network("cell"), loaded);
        }
    }

    @Test
    void badArchStringsSayWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nb201Candidate.parse("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
        assertEquals("Edge 0->1 of arch string |conv~0|+|none~0|none~1|+|none~0|none~1|none~2| is conv~0; write <op>~0"
                + " with op one of [none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3].", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nb201Candidate.parse("|none~0|+|none~0|"));
        assertEquals("An NB201 arch string has 3 node groups joined by '+', got 2 in |none~0|+|none~0|.", e.getMessage());
    }
}
