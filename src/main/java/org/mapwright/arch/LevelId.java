package org.mapwright.arch;

import java.util.Objects;

/** The name of a storage level, such as {@code shared_glb}. */
public record LevelId(String name) {
    public LevelId {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A level needs a non-empty name.");
        }
    }

    public static LevelId of(String name) {
        return new LevelId(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
