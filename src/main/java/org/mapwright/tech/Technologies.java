package org.mapwright.tech;

import java.util.List;
import org.mapwright.arch.StorageLevel;

/**
 * The built-in technologies and the rules shared by them. (Placeholder bodies: the tables land with the technology
 * model work of the architecture-search issue.)
 */
public final class Technologies {
    private Technologies() {
    }

    /** The default technology's name. */
    public static final String DEFAULT = "45nm";

    static List<Technology> all() {
        return List.of();
    }

    /**
     * The kind of memory a level is: DRAM when unbounded, else by its energy source when that names a class, else by
     * its size in bits.
     */
    public static MemoryKind kindOf(StorageLevel level) {
        throw new UnsupportedOperationException("not yet built");
    }
}
