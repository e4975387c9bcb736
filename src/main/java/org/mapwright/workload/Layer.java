package org.mapwright.workload;

import java.util.Objects;

/** A network layer: a workload instance that the network runs {@code repeat} times in a row. */
public record Layer(String name, Workload workload, int repeat) {
    public Layer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(workload, "workload");
        if (repeat < 1) {
            throw new IllegalArgumentException("Layer " + name + " needs a repeat count of at least 1, got " + repeat + ".");
        }
    }
}
