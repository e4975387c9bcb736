package org.mapwright.arch;

import java.util.List;
import java.util.Optional;

/**
 * Built-in energy classes, so that an architect can write {@code energy class sram} instead of per-action numbers.
 * Storage classes give pJ per bit accessed as a function of the level's capacity; a vector access costs
 * {@code perBit x wordBits x blockSize}. The anchors are the 45 nm Accelergy values of the Timeloop/Accelergy
 * exercise designs (LPDDR4 DRAM 512 pJ per 64-bit access; a 108 KiB, 64-bit-wide SRAM 74.144/75.215 pJ read/write;
 * a 192-word SRAM 0.727/1.086 pJ; register files of 12 and 192 16-bit words 0.237 and 1.586 pJ; a 16-bit register
 * 0.009 pJ; a 16-bit integer MAC 2.2 pJ); sizes in between follow a power-law fit through the two anchors. HBM2 uses
 * 3.9 pJ/bit (O'Connor et al., MICRO 2017). These are estimates for exploration, not a substitute for a real ERT.
 * The 45 nm technology of {@code org.mapwright.tech} builds on these fits (and adds areas, banks and other nodes).
 */
public final class EnergyTable {
    private EnergyTable() {
    }

    /** Read and write energy per vector access, in pJ. */
    public record Energies(double read, double write) {
    }

    public static final List<String> STORAGE_CLASSES = List.of("dram", "lpddr4", "hbm2", "sram", "regfile", "register");
    public static final List<String> COMPUTE_CLASSES = List.of("intmac16");

    /**
     * Energies of a storage class for a level of {@code capacityWords} words ({@link StorageLevel#UNBOUNDED} for
     * DRAM), or empty if the class is unknown.
     */
    public static Optional<Energies> storage(String cls, long capacityWords, int wordBits, int blockSize) {
        double bits = capacityWords == StorageLevel.UNBOUNDED ? Double.NaN : (double) capacityWords * wordBits;
        return storageOfBits(cls, bits, wordBits, blockSize);
    }

    /**
     * Energies of a storage class for an array of {@code bits} bits (NaN for DRAM), which need not be a whole number of
     * words: a technology model sizes one bank of a banked level this way. Empty if the class is unknown.
     */
    public static Optional<Energies> storageOfBits(String cls, double bits, int wordBits, int blockSize) {
        double perAccess = (double) wordBits * blockSize;
        switch (cls) {
            case "dram":
            case "lpddr4":
                return Optional.of(new Energies(8.0 * perAccess, 8.0 * perAccess));
            case "hbm2":
                return Optional.of(new Energies(3.9 * perAccess, 3.9 * perAccess));
            case "sram": {
                double r = fit(bits, 3072, 0.727 / 16, 884736, 74.144 / 64);
                double w = fit(bits, 3072, 1.086 / 16, 884736, 75.215 / 64);
                return Optional.of(new Energies(r * perAccess, w * perAccess));
            }
            case "regfile": {
                double e = fit(bits, 192, 0.237 / 16, 3072, 1.586 / 16);
                return Optional.of(new Energies(e * perAccess, e * perAccess));
            }
            case "register":
                return Optional.of(new Energies(0.009 / 16 * perAccess, 0.009 / 16 * perAccess));
            default:
                return Optional.empty();
        }
    }

    /** Energy per MAC of a compute class, or empty if unknown. */
    public static Optional<Double> compute(String cls) {
        return "intmac16".equals(cls) ? Optional.of(2.2) : Optional.empty();
    }

    /** Whether a storage class needs a capacity to size its energy. */
    public static boolean needsCapacity(String cls) {
        return cls.equals("sram") || cls.equals("regfile");
    }

    /** Power law through (x1, y1) and (x2, y2), evaluated at x. */
    private static double fit(double x, double x1, double y1, double x2, double y2) {
        double slope = Math.log(y2 / y1) / Math.log(x2 / x1);
        return y1 * Math.pow(x / x1, slope);
    }
}
