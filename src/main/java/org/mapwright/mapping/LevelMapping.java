package org.mapwright.mapping;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.mapwright.arch.LevelId;
import org.mapwright.workload.Dim;
import org.mapwright.workload.TensorId;

/**
 * What one storage level does in a mapping: the tensors it keeps (the others bypass it), its temporal loops from
 * outer to inner, and the loops it unrolls across its fan-out on the X and Y axes. Spatial loops sit below the
 * level's temporal loops; both belong to the level's tile.
 */
public record LevelMapping(LevelId level, Set<TensorId> keep, List<Loop> temporal, List<Loop> spatialX, List<Loop> spatialY) {

    public LevelMapping {
        Objects.requireNonNull(level, "level");
        keep = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(keep));
        temporal = List.copyOf(temporal);
        spatialX = List.copyOf(spatialX);
        spatialY = List.copyOf(spatialY);
    }

    /** Product of this level's temporal factors over {@code d}. */
    public long temporalFactor(Dim d) {
        return product(temporal, d);
    }

    public long spatialXFactor(Dim d) {
        return product(spatialX, d);
    }

    public long spatialYFactor(Dim d) {
        return product(spatialY, d);
    }

    /** Product of all spatial factors on X: how much of the X fan-out is used. */
    public long spatialXProduct() {
        return spatialX.stream().mapToLong(Loop::factor).reduce(1, Math::multiplyExact);
    }

    public long spatialYProduct() {
        return spatialY.stream().mapToLong(Loop::factor).reduce(1, Math::multiplyExact);
    }

    private static long product(List<Loop> loops, Dim d) {
        long p = 1;
        for (Loop l : loops) {
            if (l.dim().equals(d)) {
                p *= l.factor();
            }
        }
        return p;
    }

    public boolean keeps(TensorId t) {
        return keep.contains(t);
    }
}
