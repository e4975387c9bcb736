package org.mapwright.cost;

import java.util.Arrays;

/**
 * Energy of the on-chip networks: what moving words across each fan-out's mesh costs, for fan-outs with an energy
 * per hop ({@code Fanout.hopEnergy}). Timeloop's reference designs have none, so this runs only when some fan-out
 * has one ({@link ModelSpec#network}).
 *
 * <p>What crosses a fan-out. Take tensor t between a level l that keeps it and the next level c inside that keeps it
 * (or the compute units). Every fan-out i from l down to c - 1 carries t: per instance of level i + 1 (a node of i's
 * mesh) W words enter its subtree, where W at c is what one instance of c takes in (its loads; one operand per
 * compute cycle at a compute unit), and each fan-out on the way multiplies by its distinct tiles D (the model's
 * multicast/scatter count: children with the same tile share one word). Fan-out i thus sends {@code D_i x W} words
 * per instance, each to a multicast group of {@code children / D_i} nodes. Outputs go both ways: partial sums
 * drain up from the children and are reduced on the way (W = the child's loads, the words it drains), and partial
 * sums to continue come down (W = the child's fills, or at a compute unit its share of the parent's
 * read-modify-write reads). Energy = words x hops x energy per hop, summed over instances of i.
 *
 * <p>Hops. The children used form an sx by sy mesh (the products of the X and Y spatial factors; we assume the
 * mapping places them in the corner next to the parent). Data enters at the west edge beside the middle row, as in
 * Timeloop's nest analysis: it runs east along the middle row to the farthest column of its group, then north and
 * south in each of the group's columns. The tiles of t differ along the dimensions relevant to it, so a group is
 * mx = sx / rx columns by my = sy / ry rows spread evenly over the mesh (rx, ry: the relevant spatial factors on each
 * axis). Averaged over the groups, a word costs
 * <pre>  H = (sx - (rx + 1) / 2) + mx x V,   V = ry (my - 1) if my &gt; 1, else avg |row - middle|</pre>
 * hops: a unicast costs the average Manhattan distance from the port ({@code (sx - 1) / 2 + avg |row - middle|}) and
 * a broadcast to all n children n - 1 hops, a spanning tree. Link transfers between neighbours are not charged
 * separately: their words are counted as if the parent had sent them, which is an upper bound.
 */
final class NetworkEnergy {
    private NetworkEnergy() {
    }

    /** Adds up every fan-out's network energy into {@code ws.networkEnergy} and returns the total, in pJ. */
    static double apply(ModelSpec s, LoopNest n, Workspace ws) {
        Arrays.fill(ws.networkEnergy, 0);
        final int nt = s.nt;
        double total = 0;
        for (int t = 0; t < nt; t++) {
            int child = s.nl;
            for (int l = s.nl - 1; l >= 0; l--) {
                if ((n.keep[l] >>> t & 1) == 0) {
                    continue;
                }
                total += segment(s, n, ws, t, l, child);
                child = l;
            }
        }
        return total;
    }

    /** Network energy of tensor {@code t} on its way between level {@code l} and level {@code child}. */
    private static double segment(ModelSpec s, LoopNest n, Workspace ws, int t, int l, int child) {
        final int nt = s.nt;
        boolean any = false;
        long allDistinct = 1;
        for (int i = l; i < child; i++) {
            any |= s.hopEnergy[i] > 0 && ws.spatialProd[i] > 1;
            allDistinct *= ws.distinct[i * nt + t];
        }
        if (!any) {
            return 0;
        }
        double in = child == s.nl ? ws.computeCycles : ws.loads[child * nt + t];
        double down;
        double up;
        if (s.output[t]) {
            up = in;
            down = child == s.nl ? (double) ws.reads[l * nt + t] / allDistinct : ws.fills[child * nt + t];
        } else {
            up = 0;
            down = in;
        }
        double words = down + up;
        double energy = 0;
        for (int i = child - 1; i >= l; i--) {
            long d = ws.distinct[i * nt + t];
            if (s.hopEnergy[i] > 0 && ws.spatialProd[i] > 1) {
                double e = ws.util[i] * (d * words) * hops(s, n, i, t) * s.hopEnergy[i];
                ws.networkEnergy[i] += e;
                energy += e;
            }
            words *= d;
        }
        return energy;
    }

    /** Average hops of one word of tensor {@code t} across level {@code i}'s fan-out (see the class comment). */
    static double hops(ModelSpec s, LoopNest n, int i, int t) {
        final int nd = s.nd;
        long sx = 1;
        long sy = 1;
        long rx = 1;
        long ry = 1;
        for (int d = 0; d < nd; d++) {
            long x = n.spatialX[i * nd + d];
            long y = n.spatialY[i * nd + d];
            sx *= x;
            sy *= y;
            if (s.isRelevant(t, d)) {
                rx *= x;
                ry *= y;
            }
        }
        long mx = sx / rx;
        long my = sy / ry;
        double trunk = sx - (rx + 1) / 2.0;
        double branch = my > 1 ? (double) ry * (my - 1) : averageOffset(sy);
        return trunk + mx * branch;
    }

    /** Average distance of the rows 0 .. rows - 1 from the middle row, {@code (rows - 1) / 2}. */
    static double averageOffset(long rows) {
        return rows % 2 == 0 ? rows / 4.0 : (rows * (double) rows - 1) / (4.0 * rows);
    }
}
