package org.mapwright.workload;

import java.util.Objects;

/** The name of a tensor (a data space in Timeloop's words), such as {@code Weights}. */
public record TensorId(String name) {
    public TensorId {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A tensor needs a non-empty name.");
        }
    }

    public static TensorId of(String name) {
        return new TensorId(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
