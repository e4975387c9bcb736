package org.mapwright.arch;

import java.util.Optional;
import java.util.Set;

/**
 * The spatial fan-out below a level: each instance of the level feeds an {@code x} by {@code y} mesh of instances
 * of the next inner level (or of compute units). {@code allowedX}/{@code allowedY}, when present, name the only
 * dimensions that a mapping may unroll on that axis.
 */
public record Fanout(int x, int y, Optional<Set<String>> allowedX, Optional<Set<String>> allowedY) {

    public static final Fanout NONE = new Fanout(1, 1, Optional.empty(), Optional.empty());

    public Fanout {
        if (x < 1 || y < 1) {
            throw new IllegalArgumentException("A fan-out mesh needs positive sides, got " + x + " x " + y + ".");
        }
        allowedX = allowedX.map(Set::copyOf);
        allowedY = allowedY.map(Set::copyOf);
    }

    public static Fanout of(int x, int y) {
        return new Fanout(x, y, Optional.empty(), Optional.empty());
    }

    /** Instances in the mesh; a long, since two sides of up to 2^31 - 1 multiply past an int. */
    public long size() {
        return (long) x * y;
    }

    public boolean allowsX(String dim) {
        return allowedX.map(s -> s.contains(dim)).orElse(true);
    }

    public boolean allowsY(String dim) {
        return allowedY.map(s -> s.contains(dim)).orElse(true);
    }
}
