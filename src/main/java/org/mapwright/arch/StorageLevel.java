package org.mapwright.arch;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One storage level of an accelerator, per instance.
 *
 * @param id                 the level's name
 * @param capacityWords      words per instance, or {@link #UNBOUNDED} (DRAM)
 * @param wordBits           bits per word
 * @param blockSize          words per vector access; energy is charged per vector access
 * @param readBandwidth      words per cycle per instance, or {@code +Infinity} when unlimited
 * @param writeBandwidth     words per cycle per instance (fills and updates), or {@code +Infinity}
 * @param sharedBandwidth    limit on reads plus writes, or {@code +Infinity}
 * @param readEnergy         pJ per vector read
 * @param writeEnergy        pJ per vector write (fills and updates alike)
 * @param multipleBuffering  capacity is divided by this factor when checking tiles (1 = single buffering)
 * @param mayKeep            the tensors this level can hold, or empty when it can hold any
 * @param areaUm2            area per instance in square micrometres (reported only)
 * @param energySource       where the energies came from, for reports ("explicit", "class sram", ...)
 * @param fanout             the spatial fan-out from this level to the next inner level or to the compute units
 * @param banks              independently addressed banks the capacity is split into (1 = one array); a technology
 *                           model sizes energy and area per bank
 */
public record StorageLevel(LevelId id, long capacityWords, int wordBits, int blockSize,
                           double readBandwidth, double writeBandwidth, double sharedBandwidth,
                           double readEnergy, double writeEnergy, double multipleBuffering,
                           Optional<Set<String>> mayKeep, double areaUm2, String energySource, Fanout fanout,
                           int banks) {

    /** A level of one bank. */
    public StorageLevel(LevelId id, long capacityWords, int wordBits, int blockSize,
                        double readBandwidth, double writeBandwidth, double sharedBandwidth,
                        double readEnergy, double writeEnergy, double multipleBuffering,
                        Optional<Set<String>> mayKeep, double areaUm2, String energySource, Fanout fanout) {
        this(id, capacityWords, wordBits, blockSize, readBandwidth, writeBandwidth, sharedBandwidth, readEnergy,
                writeEnergy, multipleBuffering, mayKeep, areaUm2, energySource, fanout, 1);
    }

    public static final long UNBOUNDED = -1;

    /**
     * Largest energy per access, in pJ (10^15, a kilojoule), for storage and compute alike: with at most 2^62 accesses
     * of a tensor per level (see {@code Workload.MAX_TRAFFIC}) every energy sum stays finite.
     */
    public static final double MAX_ENERGY_PJ = 1e15;

    public StorageLevel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fanout, "fanout");
        Objects.requireNonNull(energySource, "energySource");
        mayKeep = mayKeep.map(Set::copyOf);
        if (capacityWords != UNBOUNDED && capacityWords < 1) {
            throw new IllegalArgumentException("Level " + id + " needs a positive capacity, got " + capacityWords + " words.");
        }
        if (wordBits < 1 || blockSize < 1) {
            throw new IllegalArgumentException("Level " + id + " needs positive word bits and block size.");
        }
        if (!(readBandwidth > 0) || !(writeBandwidth > 0) || !(sharedBandwidth > 0)) {
            throw new IllegalArgumentException("Level " + id + " needs positive bandwidths (use infinity for unlimited).");
        }
        if (!(readEnergy >= 0) || !(writeEnergy >= 0) || !(readEnergy <= MAX_ENERGY_PJ) || !(writeEnergy <= MAX_ENERGY_PJ)) {
            throw new IllegalArgumentException("Level " + id + " needs non-negative access energies of at most "
                    + MAX_ENERGY_PJ + " pJ, got " + readEnergy + " and " + writeEnergy + ".");
        }
        if (!(multipleBuffering >= 1)) {
            throw new IllegalArgumentException("Level " + id + " needs multiple buffering of at least 1.");
        }
        if (banks < 1) {
            throw new IllegalArgumentException("Level " + id + " needs at least one bank, got " + banks + ".");
        }
        if (!(areaUm2 >= 0) || Double.isInfinite(areaUm2)) {
            throw new IllegalArgumentException("Level " + id + " needs a finite, non-negative area, got " + areaUm2 + ".");
        }
    }

    public String name() {
        return id.name();
    }

    public boolean isBounded() {
        return capacityWords != UNBOUNDED;
    }

    public boolean mayKeep(String tensor) {
        return mayKeep.map(s -> s.contains(tensor)).orElse(true);
    }

    /** A copy with another fan-out below it. */
    public StorageLevel withFanout(Fanout f) {
        return new StorageLevel(id, capacityWords, wordBits, blockSize, readBandwidth, writeBandwidth, sharedBandwidth,
                readEnergy, writeEnergy, multipleBuffering, mayKeep, areaUm2, energySource, f, banks);
    }

    /** A copy with other energies per vector access and area per instance, and where they came from. */
    public StorageLevel withCosts(double read, double write, double area, String source) {
        return new StorageLevel(id, capacityWords, wordBits, blockSize, readBandwidth, writeBandwidth, sharedBandwidth,
                read, write, multipleBuffering, mayKeep, area, source, fanout, banks);
    }

    /** A builder for a level named {@code name}: unbounded, 16-bit words, block 1, unlimited bandwidth, no energy. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link StorageLevel} one attribute at a time; {@link #build} checks it as the constructor does. */
    public static final class Builder {
        private final String name;
        private long capacityWords = UNBOUNDED;
        private int wordBits = 16;
        private int blockSize = 1;
        private double readBandwidth = Double.POSITIVE_INFINITY;
        private double writeBandwidth = Double.POSITIVE_INFINITY;
        private double sharedBandwidth = Double.POSITIVE_INFINITY;
        private double readEnergy;
        private double writeEnergy;
        private double multipleBuffering = 1;
        private Optional<Set<String>> mayKeep = Optional.empty();
        private double areaUm2;
        private String energySource = "explicit";
        private Fanout fanout = Fanout.NONE;
        private int banks = 1;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Words per instance; {@link #UNBOUNDED} for DRAM. */
        public Builder capacityWords(long words) {
            this.capacityWords = words;
            return this;
        }

        public Builder wordBits(int bits) {
            this.wordBits = bits;
            return this;
        }

        public Builder blockSize(int words) {
            this.blockSize = words;
            return this;
        }

        /** Read, write and shared bandwidth in words per cycle ({@code +Infinity} for unlimited). */
        public Builder bandwidth(double read, double write, double shared) {
            this.readBandwidth = read;
            this.writeBandwidth = write;
            this.sharedBandwidth = shared;
            return this;
        }

        /** pJ per vector read and write, and where these figures come from. */
        public Builder energy(double read, double write, String source) {
            this.readEnergy = read;
            this.writeEnergy = write;
            this.energySource = Objects.requireNonNull(source, "source");
            return this;
        }

        public Builder multipleBuffering(double factor) {
            this.multipleBuffering = factor;
            return this;
        }

        /** The only tensors the level may hold; an empty set for a level that holds nothing. */
        public Builder keeps(Set<String> tensors) {
            this.mayKeep = Optional.of(Set.copyOf(tensors));
            return this;
        }

        /** Lets the level hold any tensor (the default). */
        public Builder keepsAny() {
            this.mayKeep = Optional.empty();
            return this;
        }

        public Builder areaUm2(double area) {
            this.areaUm2 = area;
            return this;
        }

        public Builder fanout(Fanout f) {
            this.fanout = Objects.requireNonNull(f, "fanout");
            return this;
        }

        public Builder banks(int n) {
            this.banks = n;
            return this;
        }

        public StorageLevel build() {
            return new StorageLevel(new LevelId(name), capacityWords, wordBits, blockSize, readBandwidth, writeBandwidth,
                    sharedBandwidth, readEnergy, writeEnergy, multipleBuffering, mayKeep, areaUm2, energySource, fanout,
                    banks);
        }
    }
}
