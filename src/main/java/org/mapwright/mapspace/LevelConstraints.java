package org.mapwright.mapspace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a user or an architecture fixes about one storage level of every mapping. Everything is optional; an empty
 * value leaves the choice to the mapper.
 *
 * @param temporal      factor rules for the level's temporal loops, by dimension name
 * @param spatial       factor rules for the level's spatial fan-out, by dimension name (whichever axis it uses)
 * @param axes          the axis each listed dimension must use when unrolled; unlisted dimensions may use either
 *                      (subject to the architecture's fan-out)
 * @param onlyListedAxes when true, dimensions missing from {@code axes} may not be unrolled at this level at all
 * @param innerOrder    dimensions that must be the innermost temporal loops of the level, innermost first
 *                      (Timeloop's permutation prefix); the other loops may go in any order outside them
 * @param keep          tensors the level must keep
 * @param bypass        tensors the level must bypass
 */
public record LevelConstraints(Map<String, FactorRule> temporal, Map<String, FactorRule> spatial,
                               Map<String, Axis> axes, boolean onlyListedAxes, Optional<List<String>> innerOrder,
                               Set<String> keep, Set<String> bypass) {

    public static final LevelConstraints NONE = new LevelConstraints(Map.of(), Map.of(), Map.of(), false,
            Optional.empty(), Set.of(), Set.of());

    public LevelConstraints {
        temporal = Collections.unmodifiableMap(new LinkedHashMap<>(temporal));
        spatial = Collections.unmodifiableMap(new LinkedHashMap<>(spatial));
        axes = Collections.unmodifiableMap(new LinkedHashMap<>(axes));
        innerOrder = innerOrder.map(List::copyOf);
        keep = Collections.unmodifiableSet(new LinkedHashSet<>(keep));
        bypass = Collections.unmodifiableSet(new LinkedHashSet<>(bypass));
        for (String t : keep) {
            if (bypass.contains(t)) {
                throw new IllegalArgumentException("Tensor " + t + " is both kept and bypassed.");
            }
        }
    }

    /** Both constraints at once; throws with a full sentence when they contradict each other. */
    public LevelConstraints and(LevelConstraints o, String level) {
        Map<String, FactorRule> t = merge(temporal, o.temporal, "temporal factor", level);
        Map<String, FactorRule> s = merge(spatial, o.spatial, "spatial factor", level);
        Map<String, Axis> ax = new LinkedHashMap<>(axes);
        for (Map.Entry<String, Axis> e : o.axes.entrySet()) {
            Axis prev = ax.putIfAbsent(e.getKey(), e.getValue());
            if (prev != null && prev != e.getValue()) {
                throw new IllegalArgumentException("Two constraints put " + e.getKey() + " on different axes at level "
                        + level + " (" + prev + " and " + e.getValue() + "); keep one.");
            }
        }
        if (innerOrder.isPresent() && o.innerOrder.isPresent() && !innerOrder.equals(o.innerOrder)) {
            throw new IllegalArgumentException("Two constraints give level " + level + " different loop orders; keep one.");
        }
        Set<String> k = new LinkedHashSet<>(keep);
        k.addAll(o.keep);
        Set<String> b = new LinkedHashSet<>(bypass);
        b.addAll(o.bypass);
        for (String x : k) {
            if (b.contains(x)) {
                throw new IllegalArgumentException("Two constraints both keep and bypass " + x + " at level " + level + "; keep one.");
            }
        }
        return new LevelConstraints(t, s, ax, onlyListedAxes || o.onlyListedAxes, innerOrder.or(() -> o.innerOrder), k, b);
    }

    private static Map<String, FactorRule> merge(Map<String, FactorRule> a, Map<String, FactorRule> b, String what, String level) {
        Map<String, FactorRule> out = new LinkedHashMap<>(a);
        for (Map.Entry<String, FactorRule> e : b.entrySet()) {
            FactorRule prev = out.putIfAbsent(e.getKey(), e.getValue());
            if (prev != null && !prev.equals(e.getValue())) {
                throw new IllegalArgumentException("Two constraints give the " + what + " of " + e.getKey() + " at level "
                        + level + " different values; keep one.");
            }
        }
        return out;
    }
}
