package org.mapwright.tech;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;

/**
 * A design's area, level by level and in total: a level's own {@code area} where it has one, else the estimate of
 * the design's technology; DRAM is off chip. A design that gives no areas is costed entirely by its technology.
 *
 * @param technology the technology that made the estimates
 * @param levels     per storage level, outermost first
 * @param compute    the compute units
 */
public record AreaBreakdown(String technology, List<Part> levels, Part compute) {

    /** Where a part's area comes from. */
    public enum Source {
        /** Written in the design ({@code area ...}). */
        GIVEN,
        /** Estimated by the technology, as the design gives none. */
        ESTIMATED,
        /** Off-chip memory: no die area. */
        OFF_CHIP;

        /** Lower-case name for reports, such as {@code off-chip}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One level's or the compute units' area.
     *
     * @param instances      hardware instances (the product of the fan-outs above)
     * @param perInstanceUm2 area of one instance, um2
     */
    public record Part(String name, long instances, double perInstanceUm2, Source source) {
        public Part {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
        }

        /** All instances, um2. */
        public double totalUm2() {
            return perInstanceUm2 * instances;
        }

        /** All instances, mm2. */
        public double totalMm2() {
            return totalUm2() / 1e6;
        }
    }

    public AreaBreakdown {
        Objects.requireNonNull(technology, "technology");
        Objects.requireNonNull(compute, "compute");
        levels = List.copyOf(levels);
    }

    /**
     * The breakdown of {@code a}, estimated by its technology where it gives no area (0 counts as none). A technology
     * name that is not built in gets an {@link IllegalArgumentException} that lists the known ones.
     */
    public static AreaBreakdown of(Architecture a) {
        Technology t = Technologies.require(a.technology());
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < a.levelCount(); i++) {
            StorageLevel l = a.level(i);
            long n = a.instances(i);
            if (l.areaUm2() > 0) {
                parts.add(new Part(l.name(), n, l.areaUm2(), Source.GIVEN));
            } else if (Technologies.kindOf(l) == MemoryKind.DRAM) {
                parts.add(new Part(l.name(), n, 0, Source.OFF_CHIP));
            } else {
                parts.add(new Part(l.name(), n, t.storage(l).areaUm2(), Source.ESTIMATED));
            }
        }
        long units = a.computeInstances();
        Part compute = a.compute().areaUm2() > 0
                ? new Part(a.compute().name(), units, a.compute().areaUm2(), Source.GIVEN)
                : new Part(a.compute().name(), units, t.mac(a.level(a.levelCount() - 1).wordBits()).areaUm2(),
                        Source.ESTIMATED);
        return new AreaBreakdown(t.name(), parts, compute);
    }

    /** Total area, um2. */
    public double totalUm2() {
        return levels.stream().mapToDouble(Part::totalUm2).sum() + compute.totalUm2();
    }

    /** Total area, mm2. */
    public double totalMm2() {
        return totalUm2() / 1e6;
    }

    /** Whether some part's area is the technology's estimate. */
    public boolean anyEstimated() {
        return compute.source() == Source.ESTIMATED || levels.stream().anyMatch(p -> p.source() == Source.ESTIMATED);
    }
}
