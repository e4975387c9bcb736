package org.mapwright.mapspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mapwright.arch.Architecture;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.workload.Layer;
import org.junit.jupiter.api.Test;

class ProjectionTest {

    /** Spaces with and without constraints: ResNet-50 layers on Eyeriss-like (free and row-stationary), simple_ws. */
    static List<Mapspace> spaces() {
        Library lib = Frontend.loadBuiltin("eyeriss_row_stationary.mw");
        Architecture eyeriss = lib.accelerators().get("eyeriss_like");
        Constraints rs = lib.constraints().get("row_stationary").constraints();
        Architecture ws = Frontend.loadBuiltin("simple_ws.mw").accelerators().get("simple_ws");
        List<Mapspace> out = new ArrayList<>();
        List<Layer> layers = Frontend.loadBuiltin("resnet50.mw").networks().get("resnet50").layers();
        for (int i = 0; i < layers.size(); i += 5) {
            out.add(new Mapspace(layers.get(i).workload(), eyeriss, Constraints.NONE));
            out.add(new Mapspace(layers.get(i).workload(), eyeriss, rs));
            out.add(new Mapspace(layers.get(i).workload(), ws, Constraints.NONE));
        }
        return out;
    }

    @Test
    void anyRealVectorProjectsToAnAdmittedPoint() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -1e300, 0};
        for (Mapspace ms : spaces()) {
            Projection pr = new Projection(ms);
            MapPoint p = ms.newPoint();
            for (int k = 0; k < 200; k++) {
                double[] f = new double[ms.nd * ms.ns];
                double[] o = new double[ms.nl * ms.nd];
                double[] keep = new double[ms.nl * ms.nt];
                double[] ax = new double[ms.nl * ms.nd];
                for (double[] a : List.of(f, o, keep, ax)) {
                    for (int i = 0; i < a.length; i++) {
                        a[i] = rnd.nextInt(10) == 0 ? specials[rnd.nextInt(specials.length)] : rnd.nextDouble(-3, 8);
                    }
                }
                pr.project(f, o, keep, ax, p);
                assertTrue(ms.admits(p), () -> "projection of a random vector is not in the space of " + ms.workload().name()
                        + ": " + java.util.Arrays.toString(p.factor) + " max " + java.util.Arrays.toString(ms.max)
                        + " fixed " + java.util.Arrays.toString(ms.fixed));
            }
        }
    }

    @Test
    void aLegalPointIsItsOwnProjection() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (Mapspace ms : spaces()) {
            Projection pr = new Projection(ms);
            Sampler sampler = new Sampler(ms);
            MapPoint p = ms.newPoint();
            MapPoint q = ms.newPoint();
            for (int k = 0; k < 100; k++) {
                sampler.uniform(p, rnd);
                double[] f = new double[ms.nd * ms.ns];
                for (int i = 0; i < f.length; i++) {
                    f[i] = Math.log(p.factor[i]);
                }
                double[] o = new double[ms.nl * ms.nd];
                for (int l = 0; l < ms.nl; l++) {
                    for (int j = 0; j < ms.nd; j++) {
                        o[l * ms.nd + p.order[l * ms.nd + j]] = j;
                    }
                }
                double[] keep = new double[ms.nl * ms.nt];
                for (int l = 0; l < ms.nl; l++) {
                    for (int t = 0; t < ms.nt; t++) {
                        keep[l * ms.nt + t] = p.keep[l] >>> t & 1;
                    }
                }
                double[] ax = new double[ms.nl * ms.nd];
                for (int i = 0; i < ax.length; i++) {
                    ax[i] = p.axis[i];
                }
                pr.project(f, o, keep, ax, q);
                assertEquals(p.key(), q.key(), "a legal point did not project to itself");
            }
        }
    }

    @Test
    void factorsGoWhereTheTargetsAsk() {
        Mapspace ms = spaces().get(0);
        Projection pr = new Projection(ms);
        MapPoint p = ms.newPoint();
        int d = 0;
        double[] f = new double[ms.nd * ms.ns];
        // everything of dimension 0 at DRAM's temporal slot: the whole bound there
        f[d * ms.ns] = 100;
        pr.project(f, new double[ms.nl * ms.nd], new double[ms.nl * ms.nt], new double[ms.nl * ms.nd], p);
        if (ms.fixed[d * ms.ns] == 0 && ms.max[d * ms.ns] >= ms.bound[d]) {
            long fixedElsewhere = 1;
            for (int s = 1; s < ms.ns; s++) {
                fixedElsewhere *= ms.fixed[d * ms.ns + s] == 0 ? 1 : ms.fixed[d * ms.ns + s];
            }
            assertEquals(ms.bound[d] / fixedElsewhere, p.factor(d, 0));
        }
    }
}
