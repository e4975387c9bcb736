package org.mapwright.archspace;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mapwright.arch.StorageLevel;
import org.mapwright.tech.MemoryKind;

/**
 * One storage level of an architecture space: fixed kind and word width, and a choice for every size.
 *
 * @param name              the level's name, kept in every decoded accelerator
 * @param kind              the circuit the technology prices it as; only the outermost level is {@code DRAM}
 * @param wordBits          bits per word
 * @param capacityWords     words per instance; exactly {@link StorageLevel#UNBOUNDED} for DRAM
 * @param blockSize         words per vector access
 * @param banks             banks the capacity is split into
 * @param bandwidth         read and write bandwidth in words per cycle per instance; when empty an on-chip level
 *                          moves {@code block x banks} words per cycle (so wider access costs energy and area rather
 *                          than coming for free) and DRAM is unlimited
 * @param multipleBuffering capacity is divided by this factor when tiles are checked (1 = single buffering)
 * @param keeps             the sets of tensors the level may keep; an empty optional is any tensor
 */
public record LevelSpec(String name, MemoryKind kind, int wordBits, Choice<Long> capacityWords, Choice<Integer> blockSize,
                        Choice<Integer> banks, Optional<Choice<Double>> bandwidth, double multipleBuffering,
                        Choice<Optional<Set<String>>> keeps) {

    /** Largest capacity in words, block size, bank count and word width a space may give a level. */
    public static final long MAX_WORDS = 1L << 40;
    public static final int MAX_BLOCK = 1 << 16;
    public static final int MAX_BANKS = 1 << 16;
    public static final int MAX_WORD_BITS = 1024;

    public LevelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(capacityWords, "capacityWords");
        Objects.requireNonNull(blockSize, "blockSize");
        Objects.requireNonNull(banks, "banks");
        Objects.requireNonNull(bandwidth, "bandwidth");
        Objects.requireNonNull(keeps, "keeps");
        if (wordBits < 1 || wordBits > MAX_WORD_BITS) {
            throw new IllegalArgumentException("Level " + name + " needs a word of 1 to " + MAX_WORD_BITS + " bits, got " + wordBits + ".");
        }
        if (kind == MemoryKind.DRAM) {
            if (!capacityWords.equals(Choice.fixed(StorageLevel.UNBOUNDED))) {
                throw new IllegalArgumentException("DRAM level " + name + " is unbounded; give it no capacity.");
            }
        } else {
            for (long c : capacityWords.options()) {
                if (c < 1 || c > MAX_WORDS) {
                    throw new IllegalArgumentException("Level " + name + " needs capacities of 1 to " + MAX_WORDS + " words, got " + c + ".");
                }
            }
        }
        for (int b : blockSize.options()) {
            if (b < 1 || b > MAX_BLOCK) {
                throw new IllegalArgumentException("Level " + name + " needs block sizes of 1 to " + MAX_BLOCK + " words, got " + b + ".");
            }
        }
        for (int b : banks.options()) {
            if (b < 1 || b > MAX_BANKS) {
                throw new IllegalArgumentException("Level " + name + " needs 1 to " + MAX_BANKS + " banks, got " + b + ".");
            }
        }
        bandwidth.ifPresent(c -> c.options().forEach(v -> {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("Level " + name + " needs finite positive bandwidths, got " + v + ".");
            }
        }));
        if (!(multipleBuffering >= 1) || Double.isInfinite(multipleBuffering)) {
            throw new IllegalArgumentException("Level " + name + " needs finite multiple buffering of at least 1, got " + multipleBuffering + ".");
        }
        if (kind == MemoryKind.DRAM && !keeps.equals(Choice.fixed(Optional.<Set<String>>empty()))) {
            throw new IllegalArgumentException("DRAM level " + name + " keeps every tensor; give it no keep choices.");
        }
    }

    public boolean isBounded() {
        return kind != MemoryKind.DRAM;
    }

    /** Read and write bandwidth of one instance, in words per cycle, for the given choices. */
    double bandwidthFor(int block, int bankCount, int bandwidthIndex) {
        if (bandwidth.isPresent()) {
            return bandwidth.get().get(bandwidthIndex);
        }
        return isBounded() ? (double) block * bankCount : Double.POSITIVE_INFINITY;
    }
}
