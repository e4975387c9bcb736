package org.mapwright.tech;

/** The circuit a storage level is built from, which decides how its energy and area grow with its size. */
public enum MemoryKind {
    /** Off-chip DRAM: energy per bit, no on-chip area. */
    DRAM,
    /** On-chip SRAM macro. */
    SRAM,
    /** Register file (small, many ports). */
    REGFILE,
    /** A single register or latch bank. */
    REGISTER
}
