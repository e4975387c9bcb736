package org.mapwright.arch;

import java.util.Objects;

/** The multiply-accumulate unit at the bottom of the hierarchy, per instance. */
public record ComputeUnit(String name, double macEnergy, double areaUm2) {
    public ComputeUnit {
        Objects.requireNonNull(name, "name");
        if (!(macEnergy >= 0) || Double.isInfinite(macEnergy)) {
            throw new IllegalArgumentException("Compute unit " + name + " needs a finite, non-negative energy per MAC.");
        }
    }
}
