package org.mapwright.archsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mapwright.dsl.Frontend;
import org.mapwright.exec.Job;
import org.mapwright.exec.LocalEngine;
import org.mapwright.exec.Workers;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.search.Budget;
import org.mapwright.search.Mappers;
import org.mapwright.workload.Network;

/**
 * Design scoring as engine tasks (the space and network sent as text, the point as the item) gives the scores of
 * scoring in process: the whole exploration through a local engine equals the one on the search's own threads, and
 * a design from the sizing-only space too.
 */
class DesignTasksTest {
    private static final Path DIR = Path.of("src/test/resources/archsearch");

    static SpaceDesigns tiny() {
        return new SpaceDesigns(Frontend.load(List.of(DIR.resolve("tiny_space.mw"))).spaces().get("tiny_eyeriss"));
    }

    static Network net() {
        return Frontend.load(List.of(DIR.resolve("tiny_net.mw"))).networks().get("tinynet");
    }

    static Exploration.Settings settings(long seed) {
        return new Exploration.Settings(Strategies.byName("cmaes"), 8, 24, 0, seed, 2, Mappers.byName("anneal"),
                Budget.evaluations(150), false, Mappers.byName("anneal"), Budget.evaluations(300), 2);
    }

    @Test
    void anExplorationThroughAnEngineIsTheInProcessOne() {
        SpaceDesigns designs = tiny();
        Exploration.Settings s = settings(7);
        Exploration.Result local = Exploration.run(designs, designs.technology(), 16, net(), s, Optional.empty(), "t",
                ArchSearch.Listener.NONE, line -> { });
        Exploration.Result engine;
        try (LocalEngine e = new LocalEngine(2)) {
            engine = Exploration.run(designs, 16, net(), s, e, Optional.empty(), "t", ArchSearch.Listener.NONE,
                    line -> { });
        }
        assertEquals(local.run().generations(), engine.run().generations());
        assertEquals(local.bestScore(), engine.bestScore());
        assertEquals(local.best().map(Design::key), engine.best().map(Design::key));
        assertEquals(local.finalists().stream().map(f -> f.last()).toList(),
                engine.finalists().stream().map(f -> f.last()).toList());
        assertTrue(local.run().all().stream().anyMatch(Scored::feasible), "the tiny search maps some designs");
    }

    @Test
    void everyPointScoresAsInProcessIncludingTheSizingOnlySpace() {
        NetworkMapper.Settings inner = NetworkMapper.Settings.defaults().withMapper(Mappers.byName("anneal"))
                .withBudget(Budget.evaluations(100)).withSeed(11).withThreads(1);
        for (SpaceDesigns designs : List.of(tiny(), new SpaceDesigns(tiny().space().sizingOnly()))) {
            NetworkCoster coster = new NetworkCoster(net(), inner);
            Job job = DesignTasks.job(designs, net(), inner);
            java.util.SplittableRandom r = new java.util.SplittableRandom(5);
            for (int k = 0; k < 6; k++) {
                double[] p = new double[designs.dimensions()];
                for (int i = 0; i < p.length; i++) {
                    p[i] = r.nextDouble();
                }
                Design d = designs.decode(p);
                Scored expected = d.violation() > 0 ? ArchSearch.outOfLimits(d) : coster.apply(d);
                Scored got = DesignTasks.score(Workers.of(job).apply(DesignTasks.item(p)));
                assertEquals(expected, got, designs.name() + " point " + k);
            }
        }
    }

    @Test
    void aWorkerThatDecodesAnotherDesignIsCaught() {
        SpaceDesigns designs = tiny();
        NetworkMapper.Settings inner = NetworkMapper.Settings.defaults().withMapper(Mappers.byName("anneal"))
                .withBudget(Budget.evaluations(50)).withSeed(1).withThreads(1);
        Job job = DesignTasks.job(designs, net(), inner);
        double[] zero = new double[designs.dimensions()];
        double[] one = new double[designs.dimensions()];
        java.util.Arrays.fill(one, 1);
        try (LocalEngine e = new LocalEngine(1)) {
            PopulationScorer scorer = PopulationScorer.engine(e, job);
            // the driver believes point 0 is the design at the far corner
            IllegalStateException x = assertThrows(IllegalStateException.class,
                    () -> scorer.score(List.of(designs.decode(one)), List.of(zero)));
            assertTrue(x.getMessage().contains("same jar"), x.getMessage());
        }
    }
}
