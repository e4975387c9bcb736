package org.mapwright.cosearch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.archsearch.ArchSearch;
import org.mapwright.archsearch.Design;
import org.mapwright.archsearch.Scored;
import org.mapwright.archsearch.SpaceDesigns;
import org.mapwright.archsearch.Strategies;
import org.mapwright.dsl.Frontend;
import org.mapwright.netcost.CostMetric;
import org.mapwright.netcost.ExactCost;
import org.mapwright.netcost.Predictors;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.netsearch.NetSearch;
import org.mapwright.netsearch.Objective;
import org.mapwright.netspace.OfaAccuracy;
import org.mapwright.netspace.OfaSpace;
import org.mapwright.search.Budget;
import org.mapwright.search.Mappers;
import org.mapwright.testing.TinyPredictor;
import org.mapwright.workload.Network;

/**
 * The co-search library on the tiny space with the tiny predictor: a design's score is a function of the design
 * (not of what was scored before it), and a seed fixes the whole result.
 */
class CoExplorationTest {
    static final double FLOOR = 0.76;
    static final NetworkMapper.Settings EXACT = NetworkMapper.Settings.defaults().withMapper(Mappers.byName("anneal"))
            .withBudget(Budget.evaluations(50)).withSeed(9).withThreads(1);

    static DesignNetworks fresh() throws Exception {
        return new DesignNetworks(new OfaSpace(), OfaAccuracy.shared(), Predictors.load(TinyPredictor.model()),
                new ExactCost(EXACT), Objective.minCost(CostMetric.EDP, FLOOR),
                new NetSearch.Settings(8, 16, 0.25, 0.1, 0.5, 2, 11));
    }

    @Test
    void aDesignScoresTheSameWhateverWasScoredBeforeIt() throws Exception {
        SpaceDesigns designs = new SpaceDesigns(TinyPredictor.space());
        SplittableRandom rnd = new SplittableRandom(6);
        Design a = designs.decode(rnd.doubles(designs.dimensions()).toArray());
        Design b = designs.decode(rnd.doubles(designs.dimensions()).toArray());
        assertNotEquals(a.key(), b.key());
        DesignNetworks ab = fresh();
        Scored a1 = ab.apply(a);
        Scored b1 = ab.apply(b);
        DesignNetworks ba = fresh();
        Scored b2 = ba.apply(b);
        Scored a2 = ba.apply(a);
        assertTrue(a1.feasible() && b1.feasible(), a1 + " " + b1);
        assertEquals(a1, a2);
        assertEquals(b1, b2);
        assertNotEquals(a1.edp(), b1.edp(), "two designs, two scores");
        assertEquals(key(ab.search(a)), key(ba.search(a)));
        assertEquals(key(ab.search(b)), key(ba.search(b)));
        // scoring again answers from the design's first search
        assertEquals(a1, ab.apply(a));
    }

    @Test
    void theSameSeedGivesTheSameResult() throws Exception {
        CoExploration.Result x = run(4);
        CoExploration.Result y = run(4);
        assertEquals(x.run().generations(), y.run().generations());
        assertArrayEquals(x.run().bestPerGeneration(), y.run().bestPerGeneration());
        CoExploration.Answer bx = x.best().orElseThrow();
        CoExploration.Answer by = y.best().orElseThrow();
        assertEquals(bx.key(), by.key());
        assertEquals(bx.arch(), by.arch());
        assertEquals(bx.edp(), by.edp());
        assertEquals(bx.search(), by.search());
        assertEquals(bx.accuracy(), by.accuracy(), 1e-6, "float32 predictor: last-bit differences only");
        assertTrue(bx.accuracy() >= FLOOR);
        assertEquals(x.networkOnly().key(), y.networkOnly().key());
        assertEquals(x.networkOnly().edp(), y.networkOnly().edp());
        assertEquals(x.baseline().edp(), y.baseline().edp());
    }

    static CoExploration.Result run(long seed) {
        Network baseline = Frontend.load(List.of(Path.of("src/test/resources/archsearch/tiny_net.mw"))).networks()
                .get("tinynet");
        try {
            CoExploration.Settings s = new CoExploration.Settings(Strategies.byName("cmaes"), 8, 16, 0, seed, 2, FLOOR,
                    new NetSearch.Settings(8, 8, 0.25, 0.1, 0.5, 1, 0), new NetSearch.Settings(8, 8, 0.25, 0.1, 0.5, 1, 0),
                    EXACT, EXACT.withBudget(Budget.evaluations(100)), 1);
            return CoExploration.run(new SpaceDesigns(TinyPredictor.space()), new OfaSpace(), OfaAccuracy.shared(),
                    Predictors.load(TinyPredictor.model()), baseline, FLOOR, s, Optional.empty(), "test",
                    ArchSearch.Listener.NONE, m -> { });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String key(NetSearch.Result r) {
        return r.best().map(b -> b.screened().net().key()).orElse("none");
    }
}
