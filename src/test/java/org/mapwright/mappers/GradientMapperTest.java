package org.mapwright.mappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.dsl.Frontend;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.search.Budget;
import org.mapwright.search.Mappers;
import org.mapwright.search.MapperProvider;
import org.mapwright.search.Objective;
import org.mapwright.search.SearchDriver;
import org.mapwright.search.SearchResult;
import org.mapwright.surrogate.Models;
import org.mapwright.testing.TinySurrogate;
import org.mapwright.workload.Workload;

class GradientMapperTest {
    @TempDir
    static Path dir;
    static String previous;

    @BeforeAll
    static void tinyModel() {
        previous = System.getProperty(Models.PROPERTY);
        System.setProperty(Models.PROPERTY, TinySurrogate.train(dir, "simple").toString());
    }

    @AfterAll
    static void restore() {
        if (previous == null) {
            System.clearProperty(Models.PROPERTY);
        } else {
            System.setProperty(Models.PROPERTY, previous);
        }
    }

    static Mapspace space(String arch) {
        Workload w = Frontend.loadBuiltin("resnet50.mw").networks().get("resnet50").layer("res3a_branch2b").orElseThrow().workload();
        return new Mapspace(w, Frontend.loadBuiltin(arch + ".mw").accelerators().get(arch), Constraints.NONE);
    }

    @Test
    void itFindsAValidMappingProposingEveryPointOnce() {
        MapperProvider g = Mappers.byName("gradient");
        Mapspace ms = space("simple_ws");
        assertEquals(Optional.empty(), g.unsupported(ms));
        SearchResult r = SearchDriver.run(ms, g, SearchDriver.Settings.of(Objective.EDP, Budget.evaluations(300), 3));
        assertTrue(r.found());
        assertEquals(300, r.evaluations());
        assertEquals(0, r.cacheHits(), "the gradient mapper proposed a point twice");
    }

    @Test
    void theSameSeedGivesTheSameResult() {
        MapperProvider g = Mappers.byName("gradient");
        Mapspace ms = space("simple_os");
        SearchResult a = SearchDriver.run(ms, g, SearchDriver.Settings.of(Objective.EDP, Budget.evaluations(200), 9));
        SearchResult b = SearchDriver.run(ms, g, SearchDriver.Settings.of(Objective.EDP, Budget.evaluations(200), 9));
        assertEquals(a.bestOutcome().orElseThrow().edp(), b.bestOutcome().orElseThrow().edp());
        assertEquals(a.bestMapping(), b.bestMapping());
    }

    @Test
    void itBeatsRandomSamplingAtTheSameBudget() {
        Mapspace ms = space("simple_ws");
        double g = 0;
        double r = 0;
        for (long seed = 1; seed <= 3; seed++) {
            g += Math.log(SearchDriver.run(ms, Mappers.byName("gradient"), SearchDriver.Settings.of(Objective.EDP,
                    Budget.evaluations(200), seed)).bestOutcome().orElseThrow().edp());
            r += Math.log(SearchDriver.run(ms, Mappers.byName("random"), SearchDriver.Settings.of(Objective.EDP,
                    Budget.evaluations(200), seed)).bestOutcome().orElseThrow().edp());
        }
        assertTrue(g < r, "gradient geomean EDP " + Math.exp(g / 3) + " is not below random's " + Math.exp(r / 3));
    }

    @Test
    void largeBudgetsContinueAsAnnealingFromTheBestPoint() {
        Mapspace ms = space("simple_ws");
        long n = GradientMapper.SURROGATE_EVALS + 500;
        SearchResult r = SearchDriver.run(ms, Mappers.byName("gradient"), SearchDriver.Settings.of(Objective.EDP,
                Budget.evaluations(n), 4));
        assertEquals(n, r.evaluations());
        assertTrue(r.found());
    }

    @Test
    void acceleratorsOutsideTheFamiliesAreRefusedWithAReason() {
        Optional<String> why = Mappers.byName("gradient").unsupported(space("simba_like"));
        assertTrue(why.isPresent());
        assertTrue(why.get().contains("simba_like") && why.get().contains("another mapper"), why.get());
    }

    @Test
    void aFamilyWithoutAModelIsRefusedWithAReason() {
        Optional<String> why = Mappers.byName("gradient").unsupported(space("eyeriss_like"));
        assertTrue(why.isPresent());
        assertTrue(why.get().contains("no trained model for the eyeriss family"), why.get());
    }
}
