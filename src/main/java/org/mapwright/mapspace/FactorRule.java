package org.mapwright.mapspace;

/**
 * A constraint on one dimension's factor in one slot (a level's temporal loops or its spatial fan-out), as
 * Timeloop's constraint {@code factors} can state it.
 */
public sealed interface FactorRule {

    /** Exactly this factor. Values above the dimension's bound mean the bound; a value that does not divide what
     * remains of the bound is dropped (the slot becomes free), as Timeloop does, with a warning. */
    record Fixed(long value) implements FactorRule {
        public Fixed {
            if (value < 1) {
                throw new IllegalArgumentException("A fixed factor must be at least 1, got " + value + ".");
            }
        }
    }

    /** The whole dimension in this slot (Timeloop's {@code D=0}): every other slot of the dimension is 1. */
    record Whole() implements FactorRule {
    }

    /** At most this factor (Timeloop's {@code D<=n}). */
    record AtMost(long value) implements FactorRule {
        public AtMost {
            if (value < 1) {
                throw new IllegalArgumentException("A maximum factor must be at least 1, got " + value + ".");
            }
        }
    }

    static FactorRule fixed(long v) {
        return new Fixed(v);
    }

    static FactorRule whole() {
        return new Whole();
    }

    static FactorRule atMost(long v) {
        return new AtMost(v);
    }
}
