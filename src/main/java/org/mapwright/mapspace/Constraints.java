package org.mapwright.mapspace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Restrictions on the mappings a search may consider, by level name, plus a minimum utilization of the compute
 * units. They mirror what Timeloop's architecture and mapspace constraints can say.
 *
 * @param levels         per storage level
 * @param minUtilization lowest allowed fraction of compute units used (0 for none)
 */
public record Constraints(Map<String, LevelConstraints> levels, double minUtilization) {

    public static final Constraints NONE = new Constraints(Map.of(), 0);

    public Constraints {
        levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
        if (!(minUtilization >= 0 && minUtilization <= 1)) {
            throw new IllegalArgumentException("Minimum utilization must be between 0 and 1, got " + minUtilization + ".");
        }
    }

    public LevelConstraints level(String name) {
        return levels.getOrDefault(name, LevelConstraints.NONE);
    }

    /** Both sets of constraints at once (architecture and user constraints, say). */
    public Constraints and(Constraints o) {
        Map<String, LevelConstraints> out = new LinkedHashMap<>(levels);
        for (Map.Entry<String, LevelConstraints> e : o.levels.entrySet()) {
            out.merge(e.getKey(), e.getValue(), (a, b) -> a.and(b, e.getKey()));
        }
        return new Constraints(out, Math.max(minUtilization, o.minUtilization));
    }
}
