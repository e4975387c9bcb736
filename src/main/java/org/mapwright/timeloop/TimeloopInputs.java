package org.mapwright.timeloop;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mapwright.arch.Architecture;
import org.mapwright.mapping.Mapping;
import org.mapwright.workload.Workload;

/**
 * What a set of Timeloop files describes: the workload, the accelerator with its energies, and the mapping when one
 * was given.
 *
 * @param workload     from the {@code problem} section
 * @param architecture from the {@code architecture} and {@code ERT} sections
 * @param mapping      from the {@code mapping} section, if any
 * @param documents    the files read, in the order given
 */
public record TimeloopInputs(Workload workload, Architecture architecture, Optional<Mapping> mapping,
                             List<TimeloopDocument> documents) {
    public TimeloopInputs {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(mapping, "mapping");
        documents = List.copyOf(documents);
    }
}
