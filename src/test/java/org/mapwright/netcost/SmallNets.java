package org.mapwright.netcost;

import java.util.SplittableRandom;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.dsl.Frontend;
import org.mapwright.workload.Network;

/** Small random conv/depthwise/matmul networks and the tiny Eyeriss-like space, for the cost-model tests. */
final class SmallNets {
    private SmallNets() {
    }

    static ArchSpace space() {
        return Frontend.load(java.util.List.of(java.nio.file.Path.of("src/test/resources/archsearch/tiny_space.mw")))
                .spaces().get("tiny_eyeriss");
    }

    /** A network of 2-4 layers drawn from a small menu of shapes (so that networks share layers). */
    static Network random(SplittableRandom rnd, String name) {
        StringBuilder sb = new StringBuilder("include \"builtin:layers.mw\"\nnetwork " + name + " {\n");
        int n = 2 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            int c = 4 << rnd.nextInt(3);
            int m = 4 << rnd.nextInt(3);
            int p = 2 << rnd.nextInt(3);
            String call = switch (rnd.nextInt(3)) {
                case 0 -> String.format("conv2d(C = %d, M = %d, R = 3, S = 3, P = %d, Q = %d)", c, m, p, p);
                case 1 -> String.format("depthwise_conv2d(C = %d, P = %d, Q = %d)", c, p, p);
                default -> String.format("matmul(M = 1, K = %d, N = %d)", c, m);
            };
            sb.append("  l").append(i).append(" = ").append(call).append(" repeat ").append(1 + rnd.nextInt(2)).append('\n');
        }
        return Frontend.loadText(name + ".mw", sb.append("}\n").toString()).networks().get(name);
    }
}
