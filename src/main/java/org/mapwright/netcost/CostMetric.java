package org.mapwright.netcost;

import java.util.Locale;
import java.util.Optional;

/** What a hardware-cost limit or objective measures. */
public enum CostMetric {
    /** Energy x cycles, pJ x cycles. */
    EDP,
    /** Energy, pJ. */
    ENERGY,
    /** Latency in cycles. */
    CYCLES;

    /** The metric of a name ({@code edp}, {@code energy}, {@code cycles}), if it is one. */
    public static Optional<CostMetric> byName(String name) {
        for (CostMetric m : values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
