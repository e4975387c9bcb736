package org.mapwright.timeloop;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mapwright.arch.Architecture;
import org.mapwright.diag.Diagnostic;
import org.mapwright.mapping.Mapping;
import org.mapwright.mapspace.Constraints;
import org.mapwright.workload.Workload;

/**
 * What a set of Timeloop files describes: the workload, the accelerator with its energies, the mapping when one
 * was given, and the constraints on mappings.
 *
 * @param workload     from the {@code problem} section
 * @param architecture from the {@code architecture} and {@code ERT} sections
 * @param mapping      from the {@code mapping} section, if any
 * @param constraints  from every constraints section of every file, combined ({@link Constraints#NONE} if none)
 * @param documents    the files read, in the order given
 * @param warnings     where the files rely on a reading Timeloop gives silently (or that differs from Timeloop's),
 *                     in source order; callers show them to the user
 */
public record TimeloopInputs(Workload workload, Architecture architecture, Optional<Mapping> mapping,
                             Constraints constraints, List<TimeloopDocument> documents, List<Diagnostic> warnings) {
    public TimeloopInputs {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(constraints, "constraints");
        documents = List.copyOf(documents);
        warnings = List.copyOf(warnings);
    }
}
