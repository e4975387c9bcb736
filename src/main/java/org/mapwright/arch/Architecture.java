package org.mapwright.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An accelerator: storage levels from the outermost (DRAM) inward, each with a fan-out to the next, and compute
 * units at the bottom. Instance counts follow from the fan-outs: level {@code i} has the product of the fan-outs
 * above it.
 *
 * @param linkTransfers whether instances under one parent can forward data to their mesh neighbours ("link
 *                      transfers", on in Timeloop by default; off is Timeloop's {@code TIMELOOP_DISABLE_LINK_TRANSFERS=1})
 * @param technology    the name of the process technology that estimates what the design leaves out (areas of
 *                      levels without one, {@code energy class ...} in the DSL); see {@code org.mapwright.tech}
 */
public record Architecture(String name, List<StorageLevel> levels, ComputeUnit compute, boolean linkTransfers,
                           String technology) {

    /** The technology of a design that names none. */
    public static final String DEFAULT_TECHNOLOGY = "45nm";

    /** An accelerator with link transfers on, Timeloop's default. */
    public Architecture(String name, List<StorageLevel> levels, ComputeUnit compute) {
        this(name, levels, compute, true);
    }

    /** An accelerator in the default technology. */
    public Architecture(String name, List<StorageLevel> levels, ComputeUnit compute, boolean linkTransfers) {
        this(name, levels, compute, linkTransfers, DEFAULT_TECHNOLOGY);
    }

    /**
     * Most compute units (the product of all fan-outs, 2^24) an accelerator may have; with it, every instance count
     * and mesh side below is a product that fits in a long.
     */
    public static final long MAX_COMPUTE_UNITS = 1L << 24;

    public Architecture {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(compute, "compute");
        Objects.requireNonNull(technology, "technology");
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("Accelerator " + name + " needs at least one storage level.");
        }
        if (levels.stream().map(StorageLevel::id).distinct().count() != levels.size()) {
            throw new IllegalArgumentException("Accelerator " + name + " names a level twice.");
        }
        long inst = 1;
        for (StorageLevel l : levels) {
            inst = Math.multiplyExact(inst, l.fanout().size());
            if (inst > MAX_COMPUTE_UNITS) {
                throw new IllegalArgumentException("Accelerator " + name + " has more than 2^24 compute units; that is not a design we can model.");
            }
        }
    }

    /** This accelerator with link transfers on or off. */
    public Architecture withLinkTransfers(boolean on) {
        return on == linkTransfers ? this : new Architecture(name, levels, compute, on, technology);
    }

    /** This accelerator in another technology (its costs unchanged; see {@code Technology.cost} to re-derive them). */
    public Architecture withTechnology(String tech) {
        return new Architecture(name, levels, compute, linkTransfers, tech);
    }

    /** This accelerator with another compute unit. */
    public Architecture withCompute(ComputeUnit unit) {
        return new Architecture(name, levels, unit, linkTransfers, technology);
    }

    /** Whether some fan-out charges energy for moving words across its mesh. */
    public boolean hasNetworkEnergy() {
        return levels.stream().anyMatch(l -> l.fanout().hopEnergy() > 0);
    }

    /**
     * This accelerator with every fan-out's energy per hop set to 0, so that its on-chip network is free (as in a
     * Timeloop run whose ERT has no network entries).
     */
    public Architecture withoutNetworkEnergy() {
        if (!hasNetworkEnergy()) {
            return this;
        }
        return withLevels(levels.stream().map(l -> l.withFanout(l.fanout().withHopEnergy(0))).toList());
    }

    public int levelCount() {
        return levels.size();
    }

    public StorageLevel level(int i) {
        return levels.get(i);
    }

    public Optional<Integer> levelIndex(String levelName) {
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).name().equals(levelName)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Hardware instances of level {@code i}: the product of the fan-outs above it. */
    public long instances(int i) {
        long n = 1;
        for (int k = 0; k < i; k++) {
            n = Math.multiplyExact(n, levels.get(k).fanout().size());
        }
        return n;
    }

    /** Mesh width of level {@code i} (product of X fan-outs above it). */
    public long meshX(int i) {
        long n = 1;
        for (int k = 0; k < i; k++) {
            n = Math.multiplyExact(n, (long) levels.get(k).fanout().x());
        }
        return n;
    }

    /** Mesh height of level {@code i} (product of Y fan-outs above it). */
    public long meshY(int i) {
        long n = 1;
        for (int k = 0; k < i; k++) {
            n = Math.multiplyExact(n, (long) levels.get(k).fanout().y());
        }
        return n;
    }

    /** Number of compute units: the product of all fan-outs. */
    public long computeInstances() {
        return instances(levels.size());
    }

    /** This accelerator with other levels (same name, compute and link setting). */
    public Architecture withLevels(List<StorageLevel> newLevels) {
        return new Architecture(name, newLevels, compute, linkTransfers, technology);
    }

    /** This accelerator under another name. */
    public Architecture withName(String newName) {
        return new Architecture(newName, levels, compute, linkTransfers, technology);
    }

    /** A builder for an accelerator named {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Builds an {@link Architecture} from the outermost level inward: {@code level(...)} appends a level and
     * {@code fanout(...)} sets the fan-out below the level appended last.
     */
    public static final class Builder {
        private final String name;
        private final List<StorageLevel> levels = new ArrayList<>();
        private ComputeUnit compute;
        private boolean links = true;
        private String technology = DEFAULT_TECHNOLOGY;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder level(StorageLevel level) {
            levels.add(Objects.requireNonNull(level, "level"));
            return this;
        }

        /** Sets the fan-out below the level added last. */
        public Builder fanout(Fanout f) {
            if (levels.isEmpty()) {
                throw new IllegalStateException("Add a level before the fan-out below it.");
            }
            int last = levels.size() - 1;
            levels.set(last, levels.get(last).withFanout(f));
            return this;
        }

        public Builder compute(ComputeUnit unit) {
            this.compute = Objects.requireNonNull(unit, "compute");
            return this;
        }

        public Builder linkTransfers(boolean on) {
            this.links = on;
            return this;
        }

        /** The technology's name, such as {@code 45nm} (the default). */
        public Builder technology(String tech) {
            this.technology = Objects.requireNonNull(tech, "technology");
            return this;
        }

        public Architecture build() {
            if (compute == null) {
                throw new IllegalStateException("Accelerator " + name + " needs a compute unit.");
            }
            return new Architecture(name, levels, compute, links, technology);
        }
    }

    /** Total area in square micrometres: every level's instances plus the compute units. */
    public double areaUm2() {
        double a = 0;
        for (int i = 0; i < levels.size(); i++) {
            a += levels.get(i).areaUm2() * instances(i);
        }
        return a + compute.areaUm2() * computeInstances();
    }
}
