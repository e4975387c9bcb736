package org.mapwright.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportTest {
    static final Provenance PROVENANCE = new Provenance("dev", Optional.of("abc123"),
            List.of("bench", "mappers", "--arch", "a b", "--seeds", "3"), List.of(new Provenance.Input("x.mw", "00")));

    @Test
    void tableShowsGeomeansWinsAndNoInfinity() {
        BenchResult r = Fixtures.twoByTwo();
        String t = Report.table(r, Summary.of(r));
        assertTrue(t.startsWith("Benchmark of 2 mappers on net (2 layers) on acc: 100 evaluations per search, 3 seeds, "
                + "1 thread per search,\nroot seed 1\n"), t);
        assertTrue(t.contains("\na             4.899      3.46x       4.00     1/2\n"), t);
        assertTrue(t.contains("\nb                 -          -       1.00     1/2\n"), t);
        assertTrue(t.contains("\nL1           1.000     4.00x    *3.00x\nL2           2.000    *3.00x         -\n"), t);
        assertTrue(t.replace('\n', ' ').contains("b found no valid mapping with at least half its seeds on 1 layer, so it has no geomean (a "
                + "larger --budget-evals may find one)."), t);
        assertTrue(t.contains("Per layer, the median over seeds comes first"), t);
        assertTrue(t.lines().allMatch(l -> l.length() <= 110), t);
        assertFalse(t.contains("Infinity") || t.contains("NaN"), t);
    }

    @Test
    void csvHasOneRowPerSearchAndLeavesMissingFiguresEmpty() {
        List<String> lines = Report.csv(Fixtures.twoByTwo()).lines().toList();
        assertEquals("layer,mapper,seed_index,seed,best_edp,lower_bound_edp,edp_over_lower_bound,true_evals,"
                + "valid_evals,cache_hits,seconds", lines.get(0));
        assertEquals(1 + 2 * 2 * 3, lines.size());
        assertEquals("L1,a,1,1001,4.0,1.0,4.0,100,50,0,2.0", lines.get(2));
        assertEquals("L1,b,2,1002,,1.0,,100,50,0,1.0", lines.get(6));
        assertEquals("L2,a,0,1000,2.0,2.0,1.0,100,50,0,8.0", lines.get(7));
    }

    @Test
    void jsonHasTheSummaryPerLayerDetailAndProvenance() {
        BenchResult r = Fixtures.twoByTwo();
        JsonNode j = Report.json(r, Summary.of(r), PROVENANCE);
        assertEquals(100, j.get("budget_evals").asLong());
        assertTrue(j.get("budget_seconds").isNull());
        assertEquals(Math.sqrt(24), j.at("/mappers/a/geomean_edp").asDouble(), 1e-12);
        assertEquals(Math.sqrt(12), j.at("/mappers/a/geomean_edp_over_lower_bound").asDouble(), 1e-12);
        assertEquals(4, j.at("/mappers/a/seconds").asDouble(), 1e-12);
        assertTrue(j.at("/mappers/b/geomean_edp").isNull());
        assertEquals(List.of("a", "b"), iterable(j.get("mappers").fieldNames()));
        JsonNode l2 = j.get("layers").get(1);
        assertEquals("L2", l2.get("name").asText());
        assertEquals(2, l2.get("index").asInt());
        assertEquals("a", l2.get("winners").get(0).asText());
        assertEquals(6, l2.at("/mappers/a/median_edp").asDouble());
        assertEquals(2, l2.at("/mappers/b/seeds_without_mapping").asInt());
        assertEquals(3, l2.at("/mappers/a/runs").size());
        assertEquals(10, l2.at("/mappers/a/runs/1/trace/0/evaluations").asLong());
        assertEquals("abc123", j.at("/provenance/commit").asText());
        assertEquals("mapwright bench mappers --arch 'a b' --seeds 3", j.at("/provenance/command").asText());
        assertEquals(1, j.at("/provenance/seed").asLong());
        assertFalse(j.toString().contains("Infinity") || j.toString().contains("NaN"), j.toString());
    }

    @Test
    void markdownNamesCommitCommandAndPlots() {
        BenchResult r = Fixtures.twoByTwo();
        String md = Report.markdown(r, Summary.of(r), PROVENANCE, List.of(BenchFiles.PLOT_EVALUATIONS));
        assertTrue(md.contains("- command: `mapwright bench mappers --arch 'a b' --seeds 3`\n- commit: abc123\n"), md);
        assertTrue(md.contains("| a | 4.899 | 3.46x | 4.00 | 1/2 |\n| b | - | - | 1.00 | 1/2 |\n"), md);
        assertTrue(md.contains("| L1 | 1.000 | 4.00x | **3.00x** |\n| L2 | 2.000 | **3.00x** | - |\n"), md);
        assertTrue(md.contains("![convergence-evaluations.png](convergence-evaluations.png)"), md);
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
