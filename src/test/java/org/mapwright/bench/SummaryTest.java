package org.mapwright.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.bench.Fixtures.INF;
import static org.mapwright.bench.Fixtures.layer;
import static org.mapwright.bench.Fixtures.run;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void medianOverSeedsThenGeomeanOverLayers() {
        Summary s = Summary.of(Fixtures.twoByTwo());
        Summary.MapperRow a = s.mappers().get(0);
        assertEquals("a", a.mapper());
        assertEquals(Math.sqrt(4 * 6), a.geomeanEdp(), 1e-12);
        assertEquals(Math.sqrt(4.0 * 3.0), a.geomeanEdpOverBound(), 1e-12);
        assertEquals(Math.sqrt(2 * 8), a.geomeanSeconds(), 1e-12);
        assertEquals(1, a.wins());
        assertEquals(0, a.layersWithoutMapping());
        Summary.MapperRow b = s.mappers().get(1);
        assertEquals(INF, b.geomeanEdp());
        assertEquals(INF, b.geomeanEdpOverBound());
        assertEquals(1, b.wins());
        assertEquals(1, b.layersWithoutMapping());
    }

    @Test
    void perLayerCellsAndWinners() {
        Summary s = Summary.of(Fixtures.twoByTwo());
        Summary.LayerRow l1 = s.layers().get(0);
        assertEquals(new Summary.Cell(4, 4, 2, 0), l1.cells().get("a"));
        assertEquals(new Summary.Cell(3, 3, 1, 1), l1.cells().get("b"));
        assertEquals(List.of("b"), l1.winners());
        Summary.LayerRow l2 = s.layers().get(1);
        assertEquals(new Summary.Cell(6, 3, 8, 0), l2.cells().get("a"));
        assertEquals(new Summary.Cell(INF, INF, 1, 2), l2.cells().get("b"));
        assertEquals(List.of("a"), l2.winners());
    }

    @Test
    void tiesWinForEveryTiedMapperAndNobodyWinsWithoutAMapping() {
        BenchResult r = Fixtures.result(List.of("a", "b", "c"), 1, List.of(layer("L1", 0, 1), layer("L2", 1, 1)), List.of(
                run("L1", "a", 0, 1, 5, 2), run("L1", "b", 0, 1, 9, 2), run("L1", "c", 0, 1, 1, 3),
                run("L2", "a", 0, 1), run("L2", "b", 0, 1), run("L2", "c", 0, 1)));
        Summary s = Summary.of(r);
        assertEquals(List.of("a", "b"), s.layers().get(0).winners());
        assertEquals(List.of(), s.layers().get(1).winners());
        assertEquals(List.of(1, 1, 0), s.mappers().stream().map(Summary.MapperRow::wins).toList());
    }

    @Test
    void aZeroLowerBoundLeavesTheRatioUndefinedNotInfinite() {
        BenchResult r = Fixtures.result(List.of("a"), 1, List.of(layer("L1", 0, 0), layer("L2", 1, 1)), List.of(
                run("L1", "a", 0, 1, 5, 2), run("L2", "a", 0, 1, 5, 3)));
        Summary s = Summary.of(r);
        assertTrue(Double.isNaN(s.mappers().get(0).geomeanEdpOverBound()));
        assertEquals(Math.sqrt(6), s.mappers().get(0).geomeanEdp(), 1e-12);
    }

    @Test
    void aResultMustHoldOneRunPerLayerMapperAndSeed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fixtures.result(List.of("a"), 2,
                List.of(layer("L1", 0, 1)), List.of(run("L1", "a", 0, 1, 5, 2), run("L1", "a", 0, 1, 5, 2))));
        assertEquals("Layer L1 needs one run of mapper a for each of the 2 seeds, but has seed indices [0, 0].",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fixtures.result(List.of("a"), 1, List.of(layer("L1", 0, 1)),
                List.of(run("L1", "a", 0, 1, 5, 2), run("L9", "a", 0, 1, 5, 2))));
    }
}
