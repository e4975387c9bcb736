package org.mapwright.mapping;

import java.util.List;
import java.util.Optional;

/**
 * A complete mapping of one workload onto one accelerator: one {@link LevelMapping} per storage level, outermost
 * first, in the accelerator's level order. Structural rules are checked by {@link MappingChecker}; whether the
 * hardware can run it (capacity, fan-out) is the cost model's business and comes back as a value.
 */
public record Mapping(List<LevelMapping> levels) {
    public Mapping {
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("A mapping needs at least one level.");
        }
    }

    public LevelMapping level(int i) {
        return levels.get(i);
    }

    public Optional<LevelMapping> level(String name) {
        return levels.stream().filter(l -> l.level().name().equals(name)).findFirst();
    }
}
