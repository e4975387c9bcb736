package org.mapwright.cost;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One storage level's part of an evaluation.
 *
 * @param name      the level
 * @param instances utilized instances
 * @param cycles    cycles this level needs given its bandwidth (compute cycles when it is not the bottleneck)
 * @param slowdown  1 when bandwidth suffices, otherwise the fraction of full speed it allows
 * @param energyPj  energy of all its accesses, all instances, in pJ
 * @param tensors   the tensors it keeps, in the workload's tensor order
 */
public record LevelStats(String name, long instances, long cycles, double slowdown, double energyPj,
                         Map<String, TensorStats> tensors) {
    public LevelStats {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** Words held by all kept tensors' tiles, per instance. */
    public long utilizedCapacity() {
        return tensors.values().stream().mapToLong(TensorStats::tile).sum();
    }
}
