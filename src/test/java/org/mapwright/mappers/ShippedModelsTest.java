package org.mapwright.mappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mapwright.dsl.Frontend;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.search.Budget;
import org.mapwright.search.Mappers;
import org.mapwright.search.Objective;
import org.mapwright.search.SearchDriver;
import org.mapwright.search.SearchResult;
import org.mapwright.surrogate.Family;
import org.mapwright.surrogate.Models;
import org.mapwright.surrogate.SurrogateModel;
import org.mapwright.workload.Workload;

/** The models shipped in models/: they load, describe themselves, and steer the gradient mapper. */
class ShippedModelsTest {

    @Test
    void everyFamilyHasAShippedModelWithProvenance() {
        for (Family f : Family.all()) {
            SurrogateModel m = Models.forFamily(f.name()).orElseThrow(() -> new AssertionError("no model for " + f.name()));
            assertEquals(f.name(), m.family().name());
            assertTrue(m.config().provenance().path("command").asText().startsWith("mapwright surrogate train"));
            assertTrue(m.config().provenance().path("data_meta").path("command").asText().startsWith("mapwright surrogate data"));
            assertTrue(m.config().provenance().path("commit").asText().matches("[0-9a-f]{40}.*"));
            assertTrue(m.config().metrics().path("held_out").size() == 4);
        }
    }

    @Test
    void searchThreadsShareTheEngineSafely() {
        Workload w = Frontend.loadBuiltin("resnet50.mw").networks().get("resnet50").layer("res2a_branch2b").orElseThrow().workload();
        Mapspace ms = new Mapspace(w, Frontend.loadBuiltin("eyeriss_like.mw").accelerators().get("eyeriss_like"), Constraints.NONE);
        SearchResult g = SearchDriver.run(ms, Mappers.byName("gradient"), SearchDriver.Settings.of(Objective.EDP,
                Budget.evaluations(400), 5).withThreads(2));
        assertEquals(400, g.evaluations());
        assertTrue(g.found());
    }

    @Test
    void withTheShippedModelMostProposalsAreValidAndBetterThanRandom() {
        // a ResNet-50 layer (held out of training) on the built-in designs of both families
        Workload w = Frontend.loadBuiltin("resnet50.mw").networks().get("resnet50").layer("res3a_branch2b").orElseThrow().workload();
        for (String arch : List.of("eyeriss_like", "simple_ws")) {
            Mapspace ms = new Mapspace(w, Frontend.loadBuiltin(arch + ".mw").accelerators().get(arch), Constraints.NONE);
            SearchResult g = SearchDriver.run(ms, Mappers.byName("gradient"), SearchDriver.Settings.of(Objective.EDP,
                    Budget.evaluations(300), 2));
            SearchResult r = SearchDriver.run(ms, Mappers.byName("random"), SearchDriver.Settings.of(Objective.EDP,
                    Budget.evaluations(300), 2));
            assertEquals(0, g.cacheHits());
            assertTrue(g.valid() > r.valid(), arch + ": valid " + g.valid() + " vs random's " + r.valid());
            assertTrue(g.bestOutcome().orElseThrow().edp() < r.bestOutcome().orElseThrow().edp(), arch);
        }
    }
}
