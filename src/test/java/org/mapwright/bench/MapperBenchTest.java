package org.mapwright.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.search.Budget;
import org.mapwright.search.Mappers;
import org.mapwright.search.MapperProvider;
import org.mapwright.testing.Tiny;

class MapperBenchTest {

    @Test
    void defaultMappersComeInTheirOrderThenTheOthersWithoutExhaustive() {
        assertEquals(List.of("gradient", "anneal", "genetic", "random", "default"),
                MapperBench.defaultMappers(Mappers.all().keySet()));
        assertEquals(List.of("gradient", "anneal", "genetic", "random", "default", "a_new_one", "zz"),
                MapperBench.defaultMappers(List.of("zz", "default", "exhaustive", "random", "a_new_one", "genetic",
                        "anneal", "gradient")));
    }

    @Test
    void seedsDifferPerSeedIndexAndLayerButNotPerMapper() {
        assertNotEquals(MapperBench.searchSeed(1, 0, 3), MapperBench.searchSeed(1, 1, 3));
        assertNotEquals(MapperBench.searchSeed(1, 0, 3), MapperBench.searchSeed(1, 0, 4));
        assertEquals(MapperBench.searchSeed(1, 2, 3), MapperBench.searchSeed(3, 0, 3));
    }

    @Test
    void everyMapperSearchesEveryLayerAndSeedAtTheSameBudget() {
        Mapspace a = new Mapspace(Tiny.conv(4, 6, 3), Tiny.arch(), Constraints.NONE);
        Mapspace b = new Mapspace(Tiny.conv(8, 4, 2), Tiny.arch(), Constraints.NONE);
        List<MapperProvider> providers = List.of(Mappers.byName("random"), Mappers.byName("anneal"));
        BenchConfig config = new BenchConfig(List.of("random", "anneal"), Budget.evaluations(150), 2, 5, 1);
        StringWriter progress = new StringWriter();
        BenchResult r = MapperBench.run("tiny", "tiny", List.of(new LayerCase("a", 0, a, List.of()),
                new LayerCase("b", 2, b, List.of("c"))), providers, config, new PrintWriter(progress, true));
        assertEquals(2 * 2 * 2, r.runs().size());
        for (Run run : r.runs()) {
            assertEquals(150, run.evaluations(), run.toString());
            int index = run.layer().equals("a") ? 0 : 2;
            assertEquals(MapperBench.searchSeed(5, run.seedIndex(), index), run.seed());
        }
        assertEquals(List.of("c"), r.layers().get(1).sameAs());
        String p = progress.toString();
        assertEquals(1 + 2 * (1 + 2), p.lines().count(), p);
        BenchResult again = MapperBench.run("tiny", "tiny", List.of(new LayerCase("a", 0, a, List.of()),
                new LayerCase("b", 2, b, List.of("c"))), providers, config, new PrintWriter(new StringWriter()));
        assertEquals(untimed(r), untimed(again), "the same seed gives the same searches");
    }

    /** Every run without its wall-clock times, which no two runs share. */
    static List<String> untimed(BenchResult r) {
        return r.runs().stream().map(x -> x.layer() + " " + x.mapper() + " " + x.seedIndex() + " " + x.seed() + " "
                + x.bestEdp() + " " + x.evaluations() + " " + x.valid() + " " + x.cacheHits() + " "
                + x.trace().stream().map(t -> t.evaluations() + ":" + t.valid() + ":" + t.best()).toList()).toList();
    }
}
