package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mapwright.netcost.Features;
import org.mapwright.netcost.LearnedCost;
import org.mapwright.netcost.Predictors;
import org.mapwright.netcost.Target;
import org.mapwright.testing.TinyPredictor;

/**
 * {@code mapwright bench cost-predictor} on the tiny space: the report's fields, the saved model, and bad options. The
 * run is the one that trains the predictor the search tests share ({@link TinyPredictor}).
 */
class BenchCostPredictorCommandTest {

    @Test
    void theReportHasBothModelsOnTheHeldOutAcceleratorsWithItsOrigin() throws Exception {
        TinyPredictor.Bench b = TinyPredictor.bench();
        assertEquals(0, b.code(), b.err());
        JsonNode j = MapCommandTest.JSON.readTree(b.out());
        assertEquals(2, j.path("held_out_accelerators").asInt(-1), b.out());
        for (String model : List.of("lut", "learned")) {
            for (String figure : List.of("rmse", "spearman")) {
                JsonNode v = j.path(model).path(figure);
                assertTrue(v.isNumber() && Double.isFinite(v.asDouble()), model + "." + figure + " = " + v);
            }
            assertTrue(j.path(model).path("rmse").asDouble() > 0, model + " cannot be exact on every held-out pair");
            double rho = j.path(model).path("spearman").asDouble();
            assertTrue(rho >= -1 && rho <= 1, model + " spearman " + rho);
        }
        assertEquals(Provenance.commit(), j.path("commit").asText());
        assertEquals("mapwright " + String.join(" ", b.args()), j.path("command").asText());
        assertTrue(j.path("gpu").path("skipped").asText().contains("/nonexistent"), j.path("gpu").toString());
        assertTrue(b.err().contains("held-out accelerator 2/2"), b.err());
    }

    @Test
    void theSavedModelServesTheSpaceAndRecordsWhereItCameFrom() throws Exception {
        TinyPredictor.Bench b = TinyPredictor.bench();
        assertEquals(0, b.code(), b.err());
        LearnedCost a = Predictors.load(b.model());
        LearnedCost again = Predictors.load(b.model());
        var space = TinyPredictor.space();
        Target t = NetTargets.middle(space);
        assertEquals(Features.rowLength(t.arch()), a.model().inputs());
        assertEquals("mapwright " + String.join(" ", b.args()), a.model().info().path("command").asText());
        assertEquals(Provenance.commit(), a.model().info().path("commit").asText());
        var nets = NetTargets.networks(4);
        var x = a.costs(nets, t);
        var y = again.costs(nets, t);
        for (int i = 0; i < nets.size(); i++) {
            assertTrue(x.get(i).mappable() && x.get(i).edp() > 0 && Double.isFinite(x.get(i).edp()), x.get(i).toString());
            assertEquals(x.get(i), y.get(i), "two loads of one model must predict the same costs");
        }
    }

    @Test
    void badOptionsAreLocatedErrorsWithoutAStackTrace() {
        String[][] cases = {
            {"--train-accelerators", "1", "--train-accelerators: error: The study needs at least 2 training and 1 "
                    + "held-out accelerator, 1 layer per accelerator, 2 test networks, 1 calibration network, 1 model and 1 thread."},
            {"--test-accelerators", "0", "--test-accelerators: error: The study needs at least 2 training and 1 "
                    + "held-out accelerator, 1 layer per accelerator, 2 test networks, 1 calibration network, 1 model and 1 thread."},
            {"--net-space", "foo", "--net-space: error: Unknown network space: foo; known spaces: ofa-mbv3, nb201."},
            {"--inner-budget-evals", "0", "--inner-budget-evals: error: Give at least 1 evaluation per layer, got 0."},
            {"--inner-mapper", "nope", "--inner-mapper: error: Unknown mapper `nope`; the mappers are anneal, default, "
                    + "exhaustive, genetic, gradient, random."},
            {"--epochs", "0", "--epochs: error: Training needs epochs, batch, patience and threads of at least 1, a "
                    + "positive learning rate, validationEvery >= 0 and weight decay >= 0."},
            {"--hidden", "8,0", "--hidden: error: Every hidden layer needs at least one unit, got [8, 0]."},
            {"--space", "nope", "--space: error: There is no space `nope` in the input files or the built-in library. "
                    + "Give a DSL file that declares one, or a built-in space: eyeriss_resources, edge_resources, "
                    + "cloud_resources."},
        };
        for (String[] c : cases) {
            List<String> a = new ArrayList<>(List.of("bench", "cost-predictor", "--data", "/nonexistent"));
            if (!c[0].equals("--space")) {
                a.addAll(List.of("--space", TinyPredictor.SPACE.toString()));
            }
            a.addAll(List.of(c[0], c[1]));
            String[] r = BadInputCorpusTest.run(a.toArray(String[]::new));
            assertEquals("2", r[0], c[0] + " " + c[1] + ": " + r[2]);
            List<String> lines = r[2].lines().filter(l -> !l.startsWith("Cost predictor study")).toList();
            assertEquals(List.of(c[2]), lines, c[0] + " " + c[1]);
            assertFalse(r[2].contains("Exception") || r[2].contains("\tat "), r[2]);
            assertEquals("", r[1]);
        }
    }
}
