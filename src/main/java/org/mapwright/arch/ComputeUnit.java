package org.mapwright.arch;

import java.util.Objects;

/** The multiply-accumulate unit at the bottom of the hierarchy, per instance. */
public record ComputeUnit(String name, double macEnergy, double areaUm2) {
    public ComputeUnit {
        Objects.requireNonNull(name, "name");
        if (!(macEnergy >= 0) || !(macEnergy <= StorageLevel.MAX_ENERGY_PJ)) {
            throw new IllegalArgumentException("Compute unit " + name + " needs a non-negative energy per MAC of at most "
                    + StorageLevel.MAX_ENERGY_PJ + " pJ, got " + macEnergy + ".");
        }
    }
}
