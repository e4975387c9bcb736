package org.mapwright.archspace;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values a point of an architecture space picks for every parameter, before the technology prices them. Two
 * points with equal choices decode to equal accelerators, and {@link #key} is a canonical text of them.
 *
 * @param levels  per level, outermost first
 * @param fanouts per fan-out, in the space's order
 */
public record Choices(List<LevelChoice> levels, List<FanoutChoice> fanouts) {

    public Choices {
        levels = List.copyOf(levels);
        fanouts = List.copyOf(fanouts);
    }

    /**
     * One level's sizes.
     *
     * @param bandwidth read and write bandwidth in words per cycle ({@code +Infinity} when unlimited)
     * @param keeps     the tensors it may keep, or empty for any
     */
    public record LevelChoice(String level, long capacityWords, int blockSize, int banks, double bandwidth,
                              Optional<Set<String>> keeps) {
        public LevelChoice {
            keeps = keeps.map(Set::copyOf);
        }
    }

    /**
     * One fan-out's mesh and allowed dimensions per axis (empty: any); an axis of side 1 unrolls nothing, so its
     * connectivity is normalised to any.
     */
    public record FanoutChoice(String from, int x, int y, Optional<Set<String>> allowedX, Optional<Set<String>> allowedY) {
        public FanoutChoice {
            allowedX = x == 1 ? Optional.empty() : allowedX.map(Set::copyOf);
            allowedY = y == 1 ? Optional.empty() : allowedY.map(Set::copyOf);
        }
    }

    /** A canonical text of the choices, such as {@code glb:c55296,b4,n4,w16,k{Inputs,Outputs};glb>14x1[x:M,Q]}. */
    public String key() {
        StringBuilder sb = new StringBuilder();
        for (LevelChoice l : levels) {
            sb.append(sb.isEmpty() ? "" : ";").append(l.level()).append(":c").append(l.capacityWords()).append(",b")
                    .append(l.blockSize()).append(",n").append(l.banks()).append(",w")
                    .append(Double.isInfinite(l.bandwidth()) ? "inf" : Double.toString(l.bandwidth()));
            l.keeps().ifPresent(k -> sb.append(",k").append(set(k)));
        }
        for (FanoutChoice f : fanouts) {
            sb.append(';').append(f.from()).append('>').append(f.x()).append('x').append(f.y());
            f.allowedX().ifPresent(s -> sb.append("[x:").append(String.join(",", new TreeSet<>(s))).append(']'));
            f.allowedY().ifPresent(s -> sb.append("[y:").append(String.join(",", new TreeSet<>(s))).append(']'));
        }
        return sb.toString();
    }

    private static String set(Set<String> s) {
        return "{" + String.join(",", new TreeSet<>(s)) + "}";
    }
}
