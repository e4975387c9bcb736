package org.mapwright.cost;

import java.util.Arrays;
import org.mapwright.workload.Workload;
import org.mapwright.mapping.LevelMapping;
import org.mapwright.mapping.Loop;
import org.mapwright.mapping.Mapping;
import org.mapwright.workload.TensorId;

/**
 * A mapping encoded as primitive arrays for the cost model's hot path; mappers can build and mutate these directly.
 *
 * <p>Temporal loops of all levels are stored flat, outermost level first and outer loop first within a level:
 * level {@code l} owns indices {@code [levelStart[l], levelStart[l+1])}. Spatial factors are stored per level and
 * dimension. {@code keep[l]} is a bitmask over tensors. {@code spatialOrder[l * dims + i]} lists level l's unrolled
 * dimensions in loop order, Y loops outer, X loops inner, ending at the first -1; all -1 (the default) means each
 * axis in dimension order. Only neighbour forwarding depends on it, through how Timeloop numbers the instances.
 */
public final class LoopNest {
    public final int levels;
    public final int dims;
    public int[] loopDim;
    public long[] loopFactor;
    public final int[] levelStart;
    public final long[] spatialX;
    public final long[] spatialY;
    public final int[] keep;
    public final int[] spatialOrder;
    /** Per-dimension products for {@link #requireWellFormed}, kept so that the check allocates nothing. */
    private final long[] product;

    public LoopNest(int levels, int dims, int loopCapacity) {
        this.levels = levels;
        this.dims = dims;
        loopDim = new int[loopCapacity];
        loopFactor = new long[loopCapacity];
        levelStart = new int[levels + 1];
        spatialX = new long[levels * dims];
        spatialY = new long[levels * dims];
        Arrays.fill(spatialX, 1);
        Arrays.fill(spatialY, 1);
        keep = new int[levels];
        spatialOrder = new int[levels * dims];
        Arrays.fill(spatialOrder, -1);
        product = new long[dims];
    }

    /** Encodes a (structurally valid) mapping against a compiled spec. */
    public static LoopNest of(Mapping m, ModelSpec spec) {
        int n = 0;
        for (LevelMapping lm : m.levels()) {
            n += lm.temporal().size();
        }
        LoopNest nest = new LoopNest(spec.nl, spec.nd, Math.max(n, 1));
        int k = 0;
        for (int l = 0; l < spec.nl; l++) {
            LevelMapping lm = m.level(l);
            nest.levelStart[l] = k;
            for (Loop loop : lm.temporal()) {
                nest.loopDim[k] = spec.workload.dimIndex(loop.dim());
                nest.loopFactor[k] = loop.factor();
                k++;
            }
            int o = l * spec.nd;
            for (Loop loop : lm.spatialY()) {
                int d = spec.workload.dimIndex(loop.dim());
                nest.spatialY[l * spec.nd + d] *= loop.factor();
                o = order(nest, o, l * spec.nd + spec.nd, d);
            }
            for (Loop loop : lm.spatialX()) {
                int d = spec.workload.dimIndex(loop.dim());
                nest.spatialX[l * spec.nd + d] *= loop.factor();
                o = order(nest, o, l * spec.nd + spec.nd, d);
            }
            int mask = 0;
            for (int t = 0; t < spec.nt; t++) {
                if (lm.keeps(TensorId.of(spec.workload.tensors().get(t).name()))) {
                    mask |= 1 << t;
                }
            }
            nest.keep[l] = mask;
        }
        nest.levelStart[spec.nl] = k;
        return nest;
    }

    private static int order(LoopNest nest, int at, int end, int d) {
        for (int i = at - 1; i >= end - nest.dims && i >= 0 && nest.spatialOrder[i] != -1; i--) {
            if (nest.spatialOrder[i] == d) {
                return at;
            }
        }
        if (at < end) {
            nest.spatialOrder[at] = d;
            return at + 1;
        }
        return at;
    }

    /**
     * Checks that this nest is one the model can evaluate against {@code spec}: its shape matches the spec, every
     * temporal and spatial factor is at least 1, loops name existing dimensions and lie within their levels, and for
     * every dimension the factors multiply exactly (without overflow) to its bound. A factor of 0 or below would make
     * the cycles 0 and the bandwidth demands NaN, and a wrong product counts a different workload, so both are
     * programming errors of whoever built the nest.
     *
     * @throws IllegalArgumentException naming the first problem
     */
    public void requireWellFormed(ModelSpec spec) {
        if (levels != spec.nl || dims != spec.nd) {
            throw new IllegalArgumentException("The loop nest has " + levels + " levels and " + dims + " dimensions, but "
                    + "the model's accelerator and workload have " + spec.nl + " and " + spec.nd + ".");
        }
        for (int l = 0; l < levels; l++) {
            if (levelStart[l] > levelStart[l + 1] || levelStart[l] < 0 || levelStart[l + 1] > loopFactor.length) {
                throw new IllegalArgumentException("The loops of level " + l + " of the loop nest lie outside its arrays "
                        + "or before the previous level's; set levelStart in order.");
            }
        }
        for (int d = 0; d < dims; d++) {
            product[d] = 1;
        }
        for (int k = 0, n = levelStart[levels]; k < n; k++) {
            int d = loopDim[k];
            if (d < 0 || d >= dims) {
                throw new IllegalArgumentException("Loop " + k + " of the loop nest names dimension " + d + ", but the "
                        + "workload has " + dims + ".");
            }
            product[d] = factorTimes(product[d], loopFactor[k], "temporal loop " + k, spec, d);
        }
        for (int i = 0; i < levels * dims; i++) {
            int d = i % dims;
            product[d] = factorTimes(product[d], spatialX[i], "the spatial X factor at level " + i / dims, spec, d);
            product[d] = factorTimes(product[d], spatialY[i], "the spatial Y factor at level " + i / dims, spec, d);
        }
        for (int d = 0; d < dims; d++) {
            if (product[d] != spec.bounds[d]) {
                throw new IllegalArgumentException("The factors of " + spec.workload.dims().get(d) + " in the loop nest "
                        + "multiply to " + (product[d] == Long.MAX_VALUE ? "more than 2^63" : product[d]) + ", but its "
                        + "bound is " + spec.bounds[d] + "; make them multiply to the bound.");
            }
        }
    }

    private static long factorTimes(long product, long factor, String where, ModelSpec spec, int d) {
        if (factor < 1) {
            throw new IllegalArgumentException("The factor of " + where + " of the loop nest (dimension "
                    + spec.workload.dims().get(d) + ") is " + factor + "; factors must be at least 1.");
        }
        return Workload.saturatingMultiply(product, factor);
    }

    public int loopCount() {
        return levelStart[levels];
    }

    public long spatialX(int level, int dim) {
        return spatialX[level * dims + dim];
    }

    public long spatialY(int level, int dim) {
        return spatialY[level * dims + dim];
    }
}
