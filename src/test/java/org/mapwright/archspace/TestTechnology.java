package org.mapwright.archspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;
import org.mapwright.tech.ComputeCost;
import org.mapwright.tech.MemoryKind;
import org.mapwright.tech.StorageCost;
import org.mapwright.tech.Technology;

/**
 * A technology with simple closed-form costs, so that tests of architecture spaces do not depend on the built-in
 * tables: energy per access grows with the square root of the bits per bank, area with the bits plus a per-bank
 * overhead; DRAM costs energy per bit and no area.
 */
public final class TestTechnology implements Technology {
    public static final TestTechnology INSTANCE = new TestTechnology();

    @Override
    public String name() {
        return "test";
    }

    @Override
    public StorageCost storage(MemoryKind kind, long capacityWords, int wordBits, int blockSize, int banks) {
        double access = (double) wordBits * blockSize;
        double bitsPerBank = (double) capacityWords * wordBits / banks;
        return switch (kind) {
            case DRAM -> new StorageCost(access, access, 0);
            case SRAM -> new StorageCost(access * (0.001 + 1e-5 * Math.sqrt(bitsPerBank)),
                    access * (0.0012 + 1e-5 * Math.sqrt(bitsPerBank)), areaUm2(kind, capacityWords, wordBits, blockSize, banks));
            case REGFILE -> new StorageCost(access * (0.0005 + 5e-5 * Math.sqrt(bitsPerBank)),
                    access * (0.0005 + 5e-5 * Math.sqrt(bitsPerBank)), areaUm2(kind, capacityWords, wordBits, blockSize, banks));
            case REGISTER -> new StorageCost(access * 0.0006, access * 0.0006, areaUm2(kind, capacityWords, wordBits, blockSize, banks));
        };
    }

    /** The area formula, public so that tests can recompute a design's area without the decoder. */
    public static double areaUm2(MemoryKind kind, long capacityWords, int wordBits, int blockSize, int banks) {
        double bits = (double) capacityWords * wordBits;
        return switch (kind) {
            case DRAM -> 0;
            case SRAM -> bits * 0.6 + banks * 2000.0 + blockSize * wordBits * 10.0;
            case REGFILE -> bits * 3 + banks * 200.0;
            case REGISTER -> bits * 6;
        };
    }

    @Override
    public Optional<StorageCost> storageClass(String cls, long capacityWords, int wordBits, int blockSize, int banks) {
        MemoryKind kind = switch (cls) {
            case "dram", "lpddr4", "hbm2" -> MemoryKind.DRAM;
            case "sram" -> MemoryKind.SRAM;
            case "regfile" -> MemoryKind.REGFILE;
            case "register" -> MemoryKind.REGISTER;
            default -> null;
        };
        return Optional.ofNullable(kind).map(k -> storage(k, capacityWords, wordBits, blockSize, banks));
    }

    @Override
    public Optional<ComputeCost> computeClass(String cls) {
        return "intmac16".equals(cls) ? Optional.of(mac(16)) : Optional.empty();
    }

    @Override
    public ComputeCost mac(int bits) {
        double s = bits / 16.0;
        return new ComputeCost(2.2 * s * s, macAreaUm2(bits));
    }

    public static double macAreaUm2(int bits) {
        double s = bits / 16.0;
        return 1500 * s * s;
    }

    @Override
    public double hopEnergy(int wordBits) {
        return 0.002 * wordBits;
    }

    @Override
    public Architecture cost(Architecture a) {
        List<StorageLevel> out = new ArrayList<>();
        for (StorageLevel l : a.levels()) {
            MemoryKind kind = l.isBounded() ? MemoryKind.SRAM : MemoryKind.DRAM;
            StorageCost c = storage(kind, l.capacityWords(), l.wordBits(), l.blockSize(), l.banks());
            out.add(l.withCosts(c.readPj(), c.writePj(), c.areaUm2(), "technology test")
                    .withFanout(l.fanout().withHopEnergy(hopEnergy(l.wordBits()))));
        }
        return a.withLevels(out);
    }
}
