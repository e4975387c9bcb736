package org.mapwright.archspace;

import java.util.Objects;

/**
 * The compute unit of an architecture space; the technology prices it from its operand width.
 *
 * @param name the unit's name
 * @param bits operand width in bits
 */
public record ComputeSpec(String name, int bits) {
    public ComputeSpec {
        Objects.requireNonNull(name, "name");
        if (bits < 1 || bits > LevelSpec.MAX_WORD_BITS) {
            throw new IllegalArgumentException("Compute unit " + name + " needs operands of 1 to " + LevelSpec.MAX_WORD_BITS + " bits, got " + bits + ".");
        }
    }
}
