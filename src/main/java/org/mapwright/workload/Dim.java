package org.mapwright.workload;

import java.util.Objects;

/** A named dimension of a workload's iteration space, such as {@code C} or {@code P}. */
public record Dim(String name) implements Comparable<Dim> {
    public Dim {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A dimension needs a non-empty name.");
        }
    }

    public static Dim of(String name) {
        return new Dim(name);
    }

    @Override
    public int compareTo(Dim o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
