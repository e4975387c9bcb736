package org.mapwright.arch;

import java.util.Optional;
import java.util.Set;

/**
 * The spatial fan-out below a level: each instance of the level feeds an {@code x} by {@code y} mesh of instances
 * of the next inner level (or of compute units). {@code allowedX}/{@code allowedY}, when present, name the only
 * dimensions that a mapping may unroll on that axis.
 *
 * @param hopEnergy pJ per word per hop for moving a word across this mesh (multicast, scatter and spatial
 *                  reduction); 0 leaves the on-chip network free, as a Timeloop ERT without network entries does
 */
public record Fanout(int x, int y, Optional<Set<String>> allowedX, Optional<Set<String>> allowedY, double hopEnergy) {

    public static final Fanout NONE = new Fanout(1, 1, Optional.empty(), Optional.empty());

    /** A fan-out whose network costs nothing. */
    public Fanout(int x, int y, Optional<Set<String>> allowedX, Optional<Set<String>> allowedY) {
        this(x, y, allowedX, allowedY, 0);
    }

    public Fanout {
        if (x < 1 || y < 1) {
            throw new IllegalArgumentException("A fan-out mesh needs positive sides, got " + x + " x " + y + ".");
        }
        if (!(hopEnergy >= 0) || !(hopEnergy <= StorageLevel.MAX_ENERGY_PJ)) {
            throw new IllegalArgumentException("A fan-out needs a non-negative energy per word per hop of at most "
                    + StorageLevel.MAX_ENERGY_PJ + " pJ, got " + hopEnergy + ".");
        }
        allowedX = allowedX.map(Set::copyOf);
        allowedY = allowedY.map(Set::copyOf);
    }

    public static Fanout of(int x, int y) {
        return new Fanout(x, y, Optional.empty(), Optional.empty());
    }

    /** This fan-out with another energy per word per hop. */
    public Fanout withHopEnergy(double pj) {
        return new Fanout(x, y, allowedX, allowedY, pj);
    }

    /** This fan-out with other sets of dimensions allowed on each axis (empty: any dimension). */
    public Fanout withAllowed(Optional<Set<String>> onX, Optional<Set<String>> onY) {
        return new Fanout(x, y, onX, onY, hopEnergy);
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
