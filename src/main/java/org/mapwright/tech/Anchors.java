package org.mapwright.tech;

/**
 * The published 45 nm figures the built-in technologies rest on, with where each comes from. Energies per access of
 * memories are the power-law fits of {@link org.mapwright.arch.EnergyTable} through the Accelergy 45 nm values of the
 * Timeloop/Accelergy exercise designs; this class holds the rest. All are estimates for exploring designs, not a
 * characterised library: a design's absolute area and energy may be off by tens of percent, while comparisons
 * between designs costed alike are more trustworthy. See {@code docs/technology.md}.
 */
final class Anchors {
    private Anchors() {
    }

    /**
     * Area of one flip-flop bit, um2: Accelergy's Aladdin plug-in table for 40/45 nm ({@code data/reg.csv}, 1 ns
     * row: 5.98 um2, 0.009 pJ). Registers and register files are built from these.
     */
    static final double REGISTER_BIT_UM2 = 5.98;

    /**
     * Area of one bit of an address comparator, um2: Aladdin's 32-bit comparator is 71 um2 ({@code data/comparator.csv},
     * 1 ns). Accelergy's Aladdin model gives each word of a register file a comparator on its address.
     */
    static final double COMPARATOR_BIT_UM2 = 71.0 / 32;

    /**
     * Area of a crossbar per bit and output, um2: Aladdin's 1-to-4 crossbar of 32-bit words is 569.5 um2
     * ({@code data/crossbar.csv}). Used for the multiplexer that selects among a level's banks.
     */
    static final double CROSSBAR_BIT_OUTPUT_UM2 = 569.5 / (4 * 32);

    /** 45 nm 6T SRAM cell, um2: Intel's 45 nm process (Mistry et al., IEDM 2007). */
    static final double SRAM_CELL_UM2 = 0.346;

    /**
     * Share of an SRAM macro's array that is cells (before periphery); our assumption, chosen with
     * {@link #SRAM_PERIPHERY_UM2} so that a 1 Mbit macro comes out about 70% cells and a 4 Kbit one about 35%.
     */
    static final double SRAM_ARRAY_EFFICIENCY = 0.75;

    /**
     * SRAM periphery (row decoders along one side, sense amplifiers along the other) in um2 per square root of a bit:
     * a square array of B bits has sqrt(B) rows and columns. Our assumption (see {@link #SRAM_ARRAY_EFFICIENCY}).
     */
    static final double SRAM_PERIPHERY_UM2 = 33;

    /**
     * Share of a monolithic access's energy that banking does not save: the routing across the whole macro (address
     * and data to and from the selected bank) rather than the bank's own array. Our assumption: banking into
     * {@code b} banks costs {@code (1 - share) E(C/b) + share E(C)}, between no saving (share 1) and the full saving
     * of a bank-sized array (share 0).
     */
    static final double BANK_ROUTING_SHARE = 0.5;

    /**
     * A 16-bit integer MAC, pJ: the intmac16 energy of the Timeloop/Accelergy exercise designs (Accelergy, 45 nm).
     * Other widths scale as Aladdin's multiplier (quadratic in width) plus adder (linear) do.
     */
    static final double MAC16_PJ = 2.2;

    /** Aladdin's 32-bit multiplier (1 ns), pJ ({@code data/multiplier.csv}). */
    static final double MULT32_PJ = 12.68;
    /** Aladdin's 32-bit multiplier (1 ns), um2. */
    static final double MULT32_UM2 = 6350;

    /** Aladdin's 32-bit adder (1 ns), pJ ({@code data/adder.csv}). */
    static final double ADD32_PJ = 0.21;
    /** Aladdin's 32-bit adder (1 ns), um2. */
    static final double ADD32_UM2 = 278;

    /**
     * Wire energy, pJ per bit per mm: Accelergy's Aladdin wire model, 1.627 fF/um switched with activity 0.2 at 1 V
     * ({@code 0.2 x 1.627e-15 F/um x 1000 um x 1 V^2}).
     */
    static final double WIRE_PJ_PER_BIT_MM = 0.2 * 1.627e-15 * 1000 * 1e12;

    /**
     * Distance between neighbouring PEs at 45 nm, mm: Eyeriss (Chen et al., ISSCC 2016 / JSSC 2017) puts 168 PEs
     * on a 3.5 mm x 3.5 mm = 12.25 mm2 core in 65 nm; each PE's share is a square of sqrt(12.25 / 168) = 0.27 mm,
     * which shrinks linearly with the feature size to 0.187 mm at 45 nm. (A PE of this model, a 12-, a 192- and a
     * 16-word register file and a MAC, comes out 0.16 mm on a side, close to it.)
     */
    static final double HOP_MM = Math.sqrt(12.25 / 168) * 45 / 65;

    /** DRAM energy, pJ per bit: LPDDR4 as in the exercise designs (Accelergy's table, 512 pJ per 64 bits). */
    static final double LPDDR4_PJ_PER_BIT = 8.0;

    /** Largest register file, bits; bigger bounded levels are SRAM (see {@link Technologies#kindOf}). */
    static final long REGFILE_MAX_BITS = 4096;
}
