package org.mapwright.netcost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.search.Mappers;
import org.mapwright.netmap.NetworkMapper;
import org.mapwright.nn.Regressor;
import org.mapwright.search.Budget;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;

class NetCostTest {
    static final NetworkMapper.Settings INNER = NetworkMapper.Settings.defaults()
            .withMapper(Mappers.byName("anneal")).withBudget(Budget.evaluations(300)).withThreads(1).withSeed(5);

    static Target reference(ArchSpace space) {
        double[] mid = new double[space.dimensions()];
        java.util.Arrays.fill(mid, 0.5);
        return Target.of(space.decode(mid).architecture());
    }

    @Test
    void exactCostIsTheSumOfLayerCostsTimesRepeatsWhateverTheLayerOrder() {
        ArchSpace space = SmallNets.space();
        Target t = reference(space);
        ExactCost exact = new ExactCost(INNER);
        SplittableRandom rnd = new SplittableRandom(1);
        for (int k = 0; k < 5; k++) {
            Network n = SmallNets.random(rnd, "n" + k);
            NetCost c = exact.cost(n, t);
            double e = 0;
            double cy = 0;
            for (Layer l : n.layers()) {
                ExactCost.LayerCost lc = exact.layer(l.workload(), t);
                e += lc.energyPj() * l.repeat();
                cy += lc.cycles() * (double) l.repeat();
            }
            assertEquals(e, c.energyPj(), 1e-9 * e);
            assertEquals(cy, c.cycles(), 1e-9 * cy);
            List<Layer> reversed = new ArrayList<>(n.layers());
            java.util.Collections.reverse(reversed);
            ExactCost fresh = new ExactCost(INNER);
            NetCost back = fresh.cost(new Network("rev", reversed), t);
            assertEquals(c.energyPj(), back.energyPj(), 1e-12 * c.energyPj(), "a layer's cost must not depend on its place");
            assertEquals(c.cycles(), back.cycles(), 1e-12 * c.cycles());
        }
    }

    @Test
    void layersAreSearchedOncePerTargetAndShape() {
        ArchSpace space = SmallNets.space();
        Target t = reference(space);
        ExactCost exact = new ExactCost(INNER);
        Network n = SmallNets.random(new SplittableRandom(2), "n");
        exact.cost(n, t);
        long first = exact.searches();
        exact.cost(n, t);
        assertEquals(first, exact.searches());
        long distinct = n.layers().stream().map(l -> l.workload().withName("")).distinct().count();
        assertEquals(distinct, first);
    }

    @Test
    void theTableOnItsOwnReferenceIsExactAndCalibrationFitsAScale() {
        ArchSpace space = SmallNets.space();
        Target ref = reference(space);
        ExactCost exact = new ExactCost(INNER);
        SplittableRandom rnd = new SplittableRandom(3);
        List<Network> cal = List.of(SmallNets.random(rnd, "c0"), SmallNets.random(rnd, "c1"));
        LutCost plain = new LutCost(exact, ref, java.util.Optional.empty());
        Calibrated lut = new Calibrated(plain, exact, cal);
        Network n = SmallNets.random(rnd, "x");
        assertEquals(exact.cost(n, ref).edp(), lut.cost(n, ref).edp(), 1e-9 * exact.cost(n, ref).edp());
        double[] u = new double[space.dimensions()];
        java.util.Arrays.fill(u, 0.9);
        Target other = Target.of(space.decode(u).architecture());
        // on another accelerator the table keeps the reference's ratios between networks
        NetCost a = lut.cost(cal.get(0), other);
        NetCost b = lut.cost(n, other);
        assertEquals(exact.cost(cal.get(0), ref).energyPj() / exact.cost(n, ref).energyPj(), a.energyPj() / b.energyPj(), 1e-9);
        // and its scale makes the calibration networks right on average (geometric mean of the ratios is 1)
        double g = 1;
        for (Network c : cal) {
            g *= lut.cost(c, other).energyPj() / exact.cost(c, other).energyPj();
        }
        assertEquals(1.0, g, 1e-9);
    }

    @Test
    void theStudyTrainsAPredictorAndReportsBothModelsOnHeldOutAccelerators() throws Exception {
        ArchSpace space = SmallNets.space();
        CostPredictorStudy.Settings s = new CostPredictorStudy.Settings(6, 3, 6, 5, 2, INNER,
                new Regressor.Settings(List.of(32, 32), 20, 32, 3e-3f, 5, 3, 1, 1, 0f), 2, 11, 2);
        int[] n = {0};
        CostPredictorStudy.Outcome o = CostPredictorStudy.run(space, reference(space),
                r -> SmallNets.random(r, "s" + n[0]++), s, null, m -> { });
        CostPredictorStudy.Report rep = o.report();
        assertEquals(3, rep.heldOutAccelerators());
        assertEquals(15, rep.lut().pairs() + rep.unmappablePairs());
        assertTrue(rep.trainingRows() > 10);
        assertTrue(Double.isFinite(rep.learned().rmse()) && rep.learned().rmse() > 0);
        assertTrue(rep.lut().spearman() > 0.5, "the table should rank tiny networks roughly right: " + rep.lut());
        assertFalse(Double.isNaN(rep.learned().spearman()));
        assertEquals(2, o.learned().members().size());
        // the saved ensemble predicts what the trained one does
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mapwright-ensemble");
        o.learned().save(dir);
        LearnedCost back = Predictors.load(dir);
        assertEquals(2, back.members().size());
        Network probe = SmallNets.random(new SplittableRandom(77), "probe");
        Target t = reference(space);
        assertEquals(o.learned().cost(probe, t).edp(), back.cost(probe, t).edp(), 1e-9 * o.learned().cost(probe, t).edp());
        // and the ensemble is the average of its members in log space, not one member
        double one = new LearnedCost(o.learned().members().get(0)).cost(probe, t).energyPj();
        double two = new LearnedCost(o.learned().members().get(1)).cost(probe, t).energyPj();
        assertTrue(Math.abs(o.learned().cost(probe, t).energyPj() - one) > 0 || one == two);
        o.learned().members().forEach(org.mapwright.nn.Regressor::close);
    }

    @Test
    void ridgeRecoversALinearMapAndFeatureNamesMatchTheFeatures() {
        SplittableRandom rnd = new SplittableRandom(9);
        double[][] x = new double[200][3];
        double[][] y = new double[200][2];
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = rnd.nextDouble(-5, 5);
            }
            y[i][0] = 2 * x[i][0] - x[i][2] + 7;
            y[i][1] = 0.5 * x[i][1];
        }
        Ridge r = Ridge.fit(x, y, 1e-6);
        double[] p = r.predict(new double[] {1, 2, 3});
        assertEquals(6.0, p[0], 1e-4);
        assertEquals(1.0, p[1], 1e-4);
        var arch = reference(SmallNets.space()).arch();
        assertEquals(Features.hardwareLength(arch), Features.hardware(arch).length);
        assertEquals(Features.hardwareLength(arch), Features.hardwareNames(arch).size());
    }
}
