package org.mapwright.archsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.mapspace.Constraints;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netmap.NetworkResult;
import org.mapwright.search.Budget;
import org.mapwright.search.Mappers;
import org.mapwright.workload.Network;

/**
 * An exploration's figures are what the library's network mapper gives with the exploration's settings: the best
 * design (as its report's DSL text reads back) and every finalist re-mapped with the final mapper, the baselines
 * with the inner and the final mapper, each under the same mapping seed ({@link Exploration#mappingSeed}).
 */
class ExplorationTest {
    private static final Path DIR = Path.of("src/test/resources/archsearch");
    private static final long SEED = 3;
    private static final int THREADS = 2;
    private static final Budget INNER = Budget.evaluations(200);
    private static final Budget FINAL = Budget.evaluations(500);

    private static Network network;
    private static Exploration.Settings settings;
    private static Exploration.Result result;

    @BeforeAll
    static void explore() {
        SpaceDesigns designs = new SpaceDesigns(Frontend.load(List.of(DIR.resolve("tiny_space.mw"))).spaces()
                .get("tiny_eyeriss"));
        network = Frontend.load(List.of(DIR.resolve("tiny_net.mw"))).networks().get("tinynet");
        settings = new Exploration.Settings(Strategies.byName("cmaes"), 8, 24, 0, SEED, THREADS,
                Mappers.byName("anneal"), INNER, false, Mappers.byName("default"), FINAL, 3);
        result = Exploration.run(designs, designs.technology(), 16, network, settings, Optional.empty(),
                designs.fingerprint(), ArchSearch.Listener.NONE, line -> { });
    }

    private static NetworkMapper mapper(String name, Budget budget, int threads) {
        return new NetworkMapper(NetworkMapper.Settings.defaults().withMapper(Mappers.byName(name)).withBudget(budget)
                .withSeed(Exploration.mappingSeed(SEED)).withThreads(threads));
    }

    private static void sameCost(Scored expected, NetworkResult actual, String what) {
        assertTrue(expected.feasible(), what);
        assertEquals(expected.cycles(), actual.cycles(), what);
        assertEquals(expected.energyPj(), actual.energyPj(), 1e-12 * expected.energyPj(), what);
        assertEquals(expected.edp(), actual.edp(), 1e-12 * expected.edp(), what);
    }

    @Test
    void theBestIsItsReportedDesignMappedWithTheFinalMapper() {
        ObjectNode json = ExplorationReport.json(result, new ExplorationReport.Origin("commit", "command", settings));
        String name = ExplorationReport.bestName(result);
        Architecture parsed = Frontend.loadText("best.mw", json.get("best").get("arch").asText()).accelerators().get(name);
        assertEquals(result.best().orElseThrow().architecture().withName(name), parsed);
        NetworkResult mapped = mapper("default", FINAL, THREADS).map(network, parsed);
        sameCost(result.bestScore().orElseThrow(), mapped, "best");
        assertEquals(mapped.layers().size(), result.bestMapped().orElseThrow().layers().size());
        assertEquals(mapped.energyPj(), result.bestMapped().get().energyPj(), 0);
        assertEquals(mapped.cycles(), result.bestMapped().get().cycles());
        assertEquals(result.bestScore().get().edp(), json.get("best").get("edp").asDouble(), 0);
    }

    @Test
    void everyFinalistIsRemappedAndTheBestOfThemWins() {
        assertEquals(3, result.finalists().size());
        NetworkMapper fin = mapper("default", FINAL, THREADS);
        NetworkMapper inner = mapper("anneal", INNER, 1);
        double previous = 0;
        for (Exploration.Finalist f : result.finalists()) {
            sameCost(f.last(), fin.map(network, f.design().architecture()), "finalist " + f.design().key());
            sameCost(f.search(), inner.map(network, f.design().architecture()), "finalist in the search");
            assertTrue(f.last().edp() >= previous, "finalists best first");
            previous = f.last().edp();
        }
        assertEquals(result.finalists().get(0).design().key(), result.best().orElseThrow().key());
        // the finalists are the search's best distinct designs
        List<Double> searchEdps = result.run().all().stream().filter(Scored::feasible).map(Scored::key).distinct()
                .map(k -> result.run().all().stream().filter(s -> s.key().equals(k)).findFirst().orElseThrow().edp())
                .sorted().toList();
        assertEquals(searchEdps.subList(0, 3), result.finalists().stream().map(f -> f.search().edp()).sorted().toList());
    }

    @Test
    void theBaselinesAreTheEyerissLikeDesignCostedByTheSpacesTechnology() {
        Library lib = Frontend.loadBuiltin("eyeriss_row_stationary.mw");
        Architecture eyeriss = new SpaceDesigns(Frontend.load(List.of(DIR.resolve("tiny_space.mw"))).spaces()
                .get("tiny_eyeriss")).technology().cost(lib.accelerators().get(Exploration.EYERISS));
        Constraints rs = lib.constraints().get("row_stationary").constraints();
        Exploration.Baseline built = result.baselines().get(Exploration.EYERISS);
        Exploration.Baseline free = result.baselines().get(Exploration.EYERISS_UNCONSTRAINED);
        sameCost(built.search(), mapper("anneal", INNER, 1).map(network, eyeriss, w -> rs), "eyeriss_like, inner");
        sameCost(built.last().orElseThrow(), mapper("default", FINAL, THREADS).map(network, eyeriss, w -> rs),
                "eyeriss_like, final");
        sameCost(free.search(), mapper("anneal", INNER, 1).map(network, eyeriss), "unconstrained, inner");
        sameCost(free.last().orElseThrow(), mapper("default", FINAL, THREADS).map(network, eyeriss),
                "unconstrained, final");
        assertTrue(built.score() == built.last().get() && free.score() == free.last().get());
    }
}
