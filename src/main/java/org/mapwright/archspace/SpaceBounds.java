package org.mapwright.archspace;

import java.util.List;
import org.mapwright.arch.StorageLevel;
import org.mapwright.tech.Technology;

/**
 * The least and most resources the points of a space use, so that a checker can tell a limit no point meets and a
 * report can state a space's extent. Each level's share grows with the mesh sides above it, and the choices of one
 * level do not constrain another's, so the cheapest point takes every smallest side and each level's cheapest sizes.
 */
public final class SpaceBounds {
    private SpaceBounds() {
    }

    /** Largest number of size combinations of one level that {@link #minAreaMm2} prices one by one. */
    static final long MAX_COMBINATIONS = 1 << 17;

    /** The product of the largest sides of every fan-out, saturating at 2^62. */
    public static long maxComputeUnits(List<FanoutSpec> fanouts) {
        return product(fanouts, true, fanouts.size());
    }

    /** The fewest compute units a point of the space has. */
    public static long minComputeUnits(ArchSpace s) {
        return product(s.fanouts(), false, s.fanouts().size());
    }

    /** The least on-chip storage in bytes of a point of the space. */
    public static double minOnChipBytes(ArchSpace s) {
        double bytes = 0;
        for (int i = 0; i < s.levels().size(); i++) {
            LevelSpec l = s.levels().get(i);
            if (l.isBounded()) {
                long least = l.capacityWords().options().stream().mapToLong(Long::longValue).min().orElseThrow();
                bytes += (double) least * l.wordBits() / 8 * minInstances(s, i);
            }
        }
        return bytes;
    }

    /**
     * A lower bound on the area in mm2 of a point of the space priced by {@code tech}: exact when no level has more
     * than {@link #MAX_COMBINATIONS} size combinations (a level with more counts as free).
     */
    public static double minAreaMm2(ArchSpace s, Technology tech) {
        double um2 = 0;
        for (int i = 0; i < s.levels().size(); i++) {
            LevelSpec l = s.levels().get(i);
            long combos = (long) l.capacityWords().size() * l.blockSize().size() * l.banks().size();
            if (combos > MAX_COMBINATIONS) {
                continue;
            }
            double least = Double.POSITIVE_INFINITY;
            for (long cap : l.capacityWords().options()) {
                for (int block : l.blockSize().options()) {
                    for (int banks : l.banks().options()) {
                        least = Math.min(least, tech.storage(l.kind(), l.isBounded() ? cap : StorageLevel.UNBOUNDED,
                                l.wordBits(), block, banks).areaUm2());
                    }
                }
            }
            um2 += least * minInstances(s, i);
        }
        um2 += tech.mac(s.compute().bits()).areaUm2() * minComputeUnits(s);
        return um2 / 1e6;
    }

    /** The fewest instances of level {@code i}: the product of the smallest sides of the fan-outs above it. */
    static long minInstances(ArchSpace s, int level) {
        int above = 0;
        for (FanoutSpec f : s.fanouts()) {
            for (int k = 0; k < level; k++) {
                if (s.levels().get(k).name().equals(f.from())) {
                    above++;
                }
            }
        }
        return product(s.fanouts(), false, above);
    }

    private static long product(List<FanoutSpec> fanouts, boolean largest, int count) {
        long n = 1;
        for (int i = 0; i < count; i++) {
            FanoutSpec f = fanouts.get(i);
            long side = (long) extreme(f.x(), largest) * extreme(f.y(), largest);
            n = n > (1L << 62) / side ? 1L << 62 : n * side;
        }
        return n;
    }

    private static int extreme(Choice<Integer> c, boolean largest) {
        return largest ? c.options().stream().mapToInt(Integer::intValue).max().orElseThrow()
                : c.options().stream().mapToInt(Integer::intValue).min().orElseThrow();
    }
}
