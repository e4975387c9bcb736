package org.mapwright.netcost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.nn.Regressor;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;

class PredictorsTest {

    /**
     * A predictor saved and loaded back ({@code bench cost-predictor --save-model}, then {@code --predictor}) predicts
     * exactly what it predicted before saving: weights, normalisation statistics and provenance travel together.
     */
    @Test
    void aSavedPredictorLoadsBackAndPredictsTheSameCosts(@TempDir Path dir) throws Exception {
        ArchSpace space = SmallNets.space();
        SplittableRandom rnd = new SplittableRandom(4);
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            double[] u = new double[space.dimensions()];
            for (int d = 0; d < u.length; d++) {
                u[d] = rnd.nextDouble();
            }
            targets.add(Target.of(space.decode(u).architecture()));
        }
        List<Network> nets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            nets.add(SmallNets.random(rnd, "n" + i));
        }
        // rows of every (layer, accelerator) with made-up but shape-dependent targets: enough to fit something
        List<float[]> xs = new ArrayList<>();
        List<float[]> ys = new ArrayList<>();
        for (Target t : targets) {
            float[] hw = Features.hardware(t.arch());
            for (Network n : nets) {
                for (Layer l : n.layers()) {
                    Features.row(l.workload(), t.arch(), hw).ifPresent(r -> {
                        xs.add(r);
                        ys.add(Features.targets(l.workload(), t.arch(), 3.0 * l.workload().macs(),
                                1.0 + l.workload().macs() / 4.0));
                    });
                }
            }
        }
        int nf = Features.rowLength(targets.get(0).arch());
        float[] x = new float[xs.size() * nf];
        float[] y = new float[xs.size() * 2];
        int[] group = new int[xs.size()];
        for (int r = 0; r < xs.size(); r++) {
            System.arraycopy(xs.get(r), 0, x, r * nf, nf);
            System.arraycopy(ys.get(r), 0, y, 2 * r, 2);
            group[r] = r;
        }
        try (Regressor m = Regressor.train(x, y, group, nf, new Regressor.Settings(List.of(16), 5, 16, 3e-3f, 5, 4, 1,
                1, 0f), JsonNodeFactory.instance.objectNode().put("command", "test"), s -> { }).regressor()) {
            LearnedCost before = new LearnedCost(m);
            m.save(dir);
            LearnedCost after = Predictors.load(dir);
            assertEquals("test", after.model().info().path("command").asText());
            for (Target t : targets) {
                List<NetCost> a = before.costs(nets, t);
                List<NetCost> b = after.costs(nets, t);
                for (int i = 0; i < nets.size(); i++) {
                    assertTrue(a.get(i).mappable() && a.get(i).edp() > 0, a.get(i).toString());
                    assertEquals(a.get(i).energyPj(), b.get(i).energyPj(), 1e-6 * a.get(i).energyPj());
                    assertEquals(a.get(i).cycles(), b.get(i).cycles(), 1e-6 * a.get(i).cycles());
                }
            }
            after.model().close();
        }
    }
}
