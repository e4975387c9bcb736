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
 * @param networkEnergyPj energy of moving words across the fan-out below this level (all instances), in pJ; not
 *                  part of {@code energyPj}; 0 when the fan-out has no energy per hop
 */
public record LevelStats(String name, long instances, long cycles, double slowdown, double energyPj,
                         Map<String, TensorStats> tensors, double networkEnergyPj) {
    public LevelStats {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** A level whose fan-out costs nothing to cross. */
    public LevelStats(String name, long instances, long cycles, double slowdown, double energyPj,
                      Map<String, TensorStats> tensors) {
        this(name, instances, cycles, slowdown, energyPj, tensors, 0);
    }

    /** Words held by all kept tensors' tiles, per instance. */
    public long utilizedCapacity() {
        return tensors.values().stream().mapToLong(TensorStats::tile).sum();
    }
}
