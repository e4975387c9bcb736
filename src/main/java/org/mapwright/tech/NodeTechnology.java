package org.mapwright.tech;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.ComputeUnit;
import org.mapwright.arch.EnergyTable;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.StorageLevel;

/**
 * A built-in technology: the 45 nm model of {@link Anchors}, times scale factors for another node.
 *
 * <p>Storage, per instance of a level of C words of w bits, accessed b words at a time (the block), in k banks:
 * <ul>
 *   <li>Energy per vector access: the 45 nm class fit of {@link EnergyTable} (pJ per bit as a power law of the
 *       array's bits) times w x b. With k banks an access reads one bank of C/k words, but the routing across the
 *       whole macro remains: {@code (1 - s) E(C/k) + s E(C)} with s = {@link Anchors#BANK_ROUTING_SHARE}. So energy
 *       grows with capacity and block and does not grow with banks. Registers and DRAM ignore banks.</li>
 *   <li>Area: SRAM cells at {@link Anchors#SRAM_ARRAY_EFFICIENCY} plus periphery growing as the square root of the
 *       bits; register files of flip-flops with an address comparator per word; registers of flip-flops; every bank
 *       of an SRAM or register file latches the w x b bits of an access, and k &gt; 1 banks add a k-way multiplexer of
 *       that width. DRAM is off chip: 0.</li>
 * </ul>
 * The compute unit is Aladdin's multiplier plus adder, anchored on the 2.2 pJ intmac16; a hop is a wire as long as
 * Eyeriss's PE pitch.
 */
final class NodeTechnology implements Technology {
    /** Stillmaker and Baas's energy polynomial a V^2 + b V + c for HP devices at 45 nm, evaluated at 1.0 V. */
    private static final double ENERGY_45NM_1V0 = 1.018 * 1.0 * 1.0 - 0.3107 * 1.0 + 0.1539;
    /** The same for 16 nm (HP) at its nominal 0.7 V. */
    private static final double ENERGY_16NM_0V7 = 0.2958 * 0.7 * 0.7 - 0.1241 * 0.7 + 0.03024;

    static final NodeTechnology N45 = new NodeTechnology("45nm", 1, 1, 1);
    /** 45 nm scaled to 16 nm: Stillmaker and Baas's area factor 0.19 and energy factor; wires by V^2. */
    static final NodeTechnology N16 = new NodeTechnology("16nm", 0.19, ENERGY_16NM_0V7 / ENERGY_45NM_1V0, 0.7 * 0.7);

    private final String name;
    private final double areaScale;
    private final double energyScale;
    private final double hopScale;

    /**
     * @param areaScale   area relative to 45 nm
     * @param energyScale on-chip energy per operation relative to 45 nm
     * @param wireScale   wire energy per bit and mm relative to 45 nm
     */
    private NodeTechnology(String name, double areaScale, double energyScale, double wireScale) {
        this.name = name;
        this.areaScale = areaScale;
        this.energyScale = energyScale;
        // a hop is a PE pitch, a length: it shrinks as the square root of area
        this.hopScale = wireScale * Math.sqrt(areaScale);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public StorageCost storage(MemoryKind kind, long capacityWords, int wordBits, int blockSize, int banks) {
        String cls = switch (kind) {
            case DRAM -> "dram";
            case SRAM -> "sram";
            case REGFILE -> "regfile";
            case REGISTER -> "register";
        };
        return storageClass(cls, capacityWords, wordBits, blockSize, banks).orElseThrow();
    }

    @Override
    public Optional<StorageCost> storageClass(String cls, long capacityWords, int wordBits, int blockSize, int banks) {
        if (!Technologies.STORAGE_CLASSES.contains(cls)) {
            return Optional.empty();
        }
        boolean bounded = capacityWords != StorageLevel.UNBOUNDED;
        if ((bounded && capacityWords < 1) || wordBits < 1 || blockSize < 1 || banks < 1) {
            throw new IllegalArgumentException("A memory needs a positive capacity (or none), word, block and bank count, got "
                    + capacityWords + " words of " + wordBits + " bits, block " + blockSize + " and " + banks + " banks.");
        }
        if (bounded && banks > capacityWords) {
            throw new IllegalArgumentException("A memory of " + capacityWords + " words cannot have " + banks
                    + " banks; use at most one bank per word.");
        }
        EnergyTable.Energies whole = EnergyTable.storage(cls, capacityWords, wordBits, blockSize).orElseThrow();
        switch (cls) {
            case "dram", "lpddr4", "hbm2":
                // off chip: its energy per bit does not follow the logic node, and it takes no die area
                return Optional.of(new StorageCost(whole.read(), whole.write(), 0));
            case "register":
                return Optional.of(new StorageCost(whole.read() * energyScale, whole.write() * energyScale,
                        bounded ? capacityWords * (double) wordBits * Anchors.REGISTER_BIT_UM2 * areaScale : 0));
            default:
                break;
        }
        if (!bounded) {
            throw new IllegalArgumentException("A memory of class " + cls + " needs a capacity to be sized; give the level one.");
        }
        double read = whole.read();
        double write = whole.write();
        if (banks > 1) {
            double bankBits = (double) capacityWords * wordBits / banks;
            EnergyTable.Energies bank = EnergyTable.storageOfBits(cls, bankBits, wordBits, blockSize).orElseThrow();
            double s = Anchors.BANK_ROUTING_SHARE;
            read = (1 - s) * bank.read() + s * read;
            write = (1 - s) * bank.write() + s * write;
        }
        double area = "sram".equals(cls) ? sramArea(capacityWords, wordBits, blockSize, banks)
                : regfileArea(capacityWords, wordBits, blockSize, banks);
        return Optional.of(new StorageCost(read * energyScale, write * energyScale, area * areaScale));
    }

    /** 45 nm area of an SRAM level instance, um2. */
    private static double sramArea(long words, int wordBits, int block, int banks) {
        double bankBits = (double) words * wordBits / banks;
        double bank = bankBits * Anchors.SRAM_CELL_UM2 / Anchors.SRAM_ARRAY_EFFICIENCY
                + Anchors.SRAM_PERIPHERY_UM2 * Math.sqrt(bankBits) + port(wordBits, block);
        return banks * bank + mux(wordBits, block, banks);
    }

    /**
     * 45 nm area of a register file instance, um2: flip-flops, and per word a comparator on the full address (as
     * Accelergy's Aladdin model builds one; a bank still decodes the bank bits, so banking does not shrink it).
     */
    private static double regfileArea(long words, int wordBits, int block, int banks) {
        int addressBits = 64 - Long.numberOfLeadingZeros(words - 1);
        double cells = (double) words * wordBits * Anchors.REGISTER_BIT_UM2;
        double decode = (double) words * addressBits * Anchors.COMPARATOR_BIT_UM2;
        return cells + decode + banks * port(wordBits, block) + mux(wordBits, block, banks);
    }

    /** The latch holding one vector access at a bank's port. */
    private static double port(int wordBits, int block) {
        return (double) wordBits * block * Anchors.REGISTER_BIT_UM2;
    }

    /** The multiplexer that selects one of {@code banks} banks, as wide as a vector access. */
    private static double mux(int wordBits, int block, int banks) {
        return banks == 1 ? 0 : (double) wordBits * block * banks * Anchors.CROSSBAR_BIT_OUTPUT_UM2;
    }

    @Override
    public Optional<ComputeCost> computeClass(String cls) {
        return "intmac16".equals(cls) ? Optional.of(mac(16)) : Optional.empty();
    }

    @Override
    public ComputeCost mac(int bits) {
        if (bits < 1) {
            throw new IllegalArgumentException("A MAC needs operands of at least one bit, got " + bits + ".");
        }
        // Aladdin's multiplier grows as the square of the width and its adder linearly; their 16-bit shares
        // split the 2.2 pJ anchor
        double r = bits / 16.0;
        double mult16 = Anchors.MULT32_PJ / 4;
        double add16 = Anchors.ADD32_PJ / 2;
        double pj = Anchors.MAC16_PJ * (mult16 * r * r + add16 * r) / (mult16 + add16);
        double q = bits / 32.0;
        double area = Anchors.MULT32_UM2 * q * q + Anchors.ADD32_UM2 * q;
        return new ComputeCost(pj * energyScale, area * areaScale);
    }

    @Override
    public double hopEnergy(int wordBits) {
        if (wordBits < 1) {
            throw new IllegalArgumentException("A word needs at least one bit, got " + wordBits + ".");
        }
        return wordBits * Anchors.WIRE_PJ_PER_BIT_MM * Anchors.HOP_MM * hopScale;
    }

    @Override
    public Architecture cost(Architecture a) {
        List<StorageLevel> levels = new ArrayList<>();
        for (StorageLevel l : a.levels()) {
            String cls = Technologies.classOf(l);
            StorageCost c = storageClass(cls, l.capacityWords(), l.wordBits(), l.blockSize(), l.banks()).orElseThrow();
            StorageLevel costed = l.withCosts(c.readPj(), c.writePj(), c.areaUm2(), "class " + cls);
            Fanout f = l.fanout();
            if (f.size() > 1) {
                costed = costed.withFanout(f.withHopEnergy(hopEnergy(l.wordBits())));
            }
            levels.add(costed);
        }
        // the MACs take operands of the innermost level's width
        ComputeCost mac = mac(a.level(a.levelCount() - 1).wordBits());
        ComputeUnit unit = new ComputeUnit(a.compute().name(), mac.macPj(), mac.areaUm2());
        return new Architecture(a.name(), levels, unit, a.linkTransfers(), name);
    }

    @Override
    public String toString() {
        return name;
    }
}
