package org.mapwright.dsl;

import java.util.Objects;
import java.util.Optional;
import org.mapwright.mapspace.Constraints;

/** A DSL {@code constraints} declaration: its name, the accelerator it was written for, and the constraints. */
public record NamedConstraints(String name, Optional<String> accelerator, Constraints constraints) {
    public NamedConstraints {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(constraints, "constraints");
    }
}
