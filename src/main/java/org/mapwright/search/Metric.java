package org.mapwright.search;

import java.util.Locale;

/** What a search minimises. */
public enum Metric {
    /** Energy-delay product, J x cycles. */
    EDP,
    /** Energy in pJ. */
    ENERGY,
    /** Cycles. */
    DELAY;

    public double of(double energyPj, long cycles) {
        return switch (this) {
            case EDP -> org.mapwright.cost.Cost.edp(energyPj, cycles);
            case ENERGY -> energyPj;
            case DELAY -> cycles;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
