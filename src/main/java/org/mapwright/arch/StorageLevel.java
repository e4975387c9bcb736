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
 */
public record StorageLevel(LevelId id, long capacityWords, int wordBits, int blockSize,
                           double readBandwidth, double writeBandwidth, double sharedBandwidth,
                           double readEnergy, double writeEnergy, double multipleBuffering,
                           Optional<Set<String>> mayKeep, double areaUm2, String energySource, Fanout fanout) {

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
                readEnergy, writeEnergy, multipleBuffering, mayKeep, areaUm2, energySource, f);
    }
}
