package org.mapwright.netcost;

import java.util.Objects;
import java.util.function.Function;
import org.mapwright.arch.Architecture;
import org.mapwright.mapspace.Constraints;
import org.mapwright.workload.Workload;

/**
 * An accelerator that networks are costed on, with the mapping constraints every layer obeys there.
 *
 * @param arch            the accelerator
 * @param constraintsName names {@code constraints} in caches ("none" for none); equal names must mean equal rules
 * @param constraints     the constraints of each layer
 */
public record Target(Architecture arch, String constraintsName, Function<Workload, Constraints> constraints) {
    public Target {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(constraintsName, "constraintsName");
        Objects.requireNonNull(constraints, "constraints");
    }

    /** An accelerator whose layers are mapped under its own rules only. */
    public static Target of(Architecture arch) {
        return new Target(arch, "none", w -> Constraints.NONE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Target t && t.arch.equals(arch) && t.constraintsName.equals(constraintsName);
    }

    @Override
    public int hashCode() {
        return 31 * arch.hashCode() + constraintsName.hashCode();
    }
}
