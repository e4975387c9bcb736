package org.mapwright.dsl;

import java.util.Objects;
import org.mapwright.arch.Architecture;
import org.mapwright.mapping.Mapping;
import org.mapwright.workload.Workload;

/** A mapping together with the workload and accelerator it was written for. */
public record BoundMapping(String name, Workload workload, Architecture architecture, Mapping mapping) {
    public BoundMapping {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(mapping, "mapping");
    }
}
