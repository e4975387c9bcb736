package org.mapwright.archspace;

import java.util.List;
import java.util.SplittableRandom;
import org.mapwright.dsl.Frontend;

/** Spaces for the tests: the three presets and a small space that exercises every kind of parameter and limit. */
final class Spaces {
    private Spaces() {
    }

    static final String TINY = """
            space tiny {
              technology 45nm
              limits { compute 64  onchip 32 KiB  area 0.5 mm2 }
              level DRAM { kind dram  word 16 bits  block {1, 4} words }
              level glb {
                kind sram  word 16 bits  capacity 1 KiB .. 64 KiB *2  block {1, 2, 4} words  banks {1 .. 4 *2}
                keeps all | {Inputs, Outputs}
              }
              fanout {1 .. 16} x {1 .. 8 *2} {
                x: top {1, 2} of N, M, C, P, Q, R, S  dataflow x: M
                y: top {1 .. 3} of C, M, P
              }
              level spad { kind regfile  word 16 bits  capacity {8 .. 128 *2} words  bandwidth {1, 2} words/cycle
                           buffering 2  keeps Weights | Inputs | all }
              fanout 1 x {1, 2, 4} { y: C }
              level reg { kind register  word 8 bits  capacity 1 words  keeps Outputs }
              compute mac { word 8 bits }
            }
            """;

    static ArchSpace tiny() {
        return Frontend.loadText("tiny.mw", TINY).spaces().get("tiny");
    }

    static ArchSpace preset(String name) {
        return Frontend.loadBuiltin(name + ".mw").spaces().get(name);
    }

    static List<ArchSpace> all() {
        return List.of(tiny(), preset("eyeriss_resources"), preset("edge_resources"), preset("cloud_resources"));
    }

    /** A random point; one coordinate in ten is NaN, infinite or outside [0, 1]. */
    static double[] point(int n, SplittableRandom rnd) {
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.5, 1.5, 0, 1, -1e300, 1e300};
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = rnd.nextInt(10) == 0 ? specials[rnd.nextInt(specials.length)] : rnd.nextDouble();
        }
        return u;
    }
}
