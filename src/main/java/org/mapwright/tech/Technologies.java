package org.mapwright.tech;

import java.util.List;
import java.util.Optional;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;
import org.mapwright.diag.Suggestions;

/**
 * The built-in technologies and the rules they share.
 *
 * <ul>
 *   <li>{@code 45nm}: the Accelergy 45 nm energies of the Timeloop/Accelergy exercise designs (as
 *       {@link org.mapwright.arch.EnergyTable} fits them), with areas and wire energy from Accelergy's Aladdin 45 nm
 *       tables, the 45 nm SRAM cell and Eyeriss's PE pitch ({@link Anchors}).</li>
 *   <li>{@code 16nm}: {@code 45nm} scaled with Stillmaker and Baas's equations (Integration 58, 2017): area x 0.19
 *       (their 45 to 16 nm area factor), on-chip energy x 0.1025 (their energy polynomials for HP devices, 45 nm at
 *       1.0 V against 16 nm at 0.7 V), wire energy per mm x 0.49 (the same voltage squared) over hops shortened by
 *       the square root of the area factor; DRAM energy per bit is off-chip and unchanged.</li>
 * </ul>
 * Every figure is an estimate for comparing designs; {@code docs/technology.md} lists the anchors and their sources.
 */
public final class Technologies {
    private Technologies() {
    }

    /** The default technology's name. */
    public static final String DEFAULT = Architecture.DEFAULT_TECHNOLOGY;

    /** The storage classes of the DSL's {@code energy class ...}. */
    public static final List<String> STORAGE_CLASSES = List.of("dram", "lpddr4", "hbm2", "sram", "regfile", "register");

    /** The compute classes of the DSL's {@code energy class ...}. */
    public static final List<String> COMPUTE_CLASSES = List.of("intmac16");

    private static final List<Technology> ALL = List.of(NodeTechnology.N45, NodeTechnology.N16);

    static List<Technology> all() {
        return ALL;
    }

    /** The names of the built-in technologies. */
    public static List<String> names() {
        return ALL.stream().map(Technology::name).toList();
    }

    /**
     * The technology named {@code name}; an {@link IllegalArgumentException} whose message lists the known ones when
     * there is none.
     */
    public static Technology require(String name) {
        Optional<Technology> t = Technology.byName(name);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("There is no built-in technology `" + name + "`"
                    + Suggestions.hint(name, names()));
        }
        return t.get();
    }

    /**
     * The kind of memory a level is: DRAM when unbounded; else the kind its energy source names when that is a
     * storage class ({@code class sram}, {@code class regfile}, ...); else by its size: at most one word is a
     * register, at most 4 Kib (4096 bits) a register file, anything bigger SRAM.
     */
    public static MemoryKind kindOf(StorageLevel level) {
        if (!level.isBounded()) {
            return MemoryKind.DRAM;
        }
        Optional<String> cls = namedClass(level);
        if (cls.isPresent()) {
            return kindOfClass(cls.get());
        }
        long bits = level.capacityWords() * (long) level.wordBits();
        if (level.capacityWords() <= 1) {
            return MemoryKind.REGISTER;
        }
        return bits <= Anchors.REGFILE_MAX_BITS ? MemoryKind.REGFILE : MemoryKind.SRAM;
    }

    /**
     * The storage class a technology costs a level as: the class its energy source names, when that is of the level's
     * kind ({@link #kindOf}), else the kind's own class ({@code dram}, {@code sram}, {@code regfile} or
     * {@code register}). So a level written with {@code energy class hbm2} stays HBM2 when re-costed.
     */
    public static String classOf(StorageLevel level) {
        MemoryKind kind = kindOf(level);
        Optional<String> cls = namedClass(level);
        if (cls.isPresent() && kindOfClass(cls.get()) == kind) {
            return cls.get();
        }
        return switch (kind) {
            case DRAM -> "dram";
            case SRAM -> "sram";
            case REGFILE -> "regfile";
            case REGISTER -> "register";
        };
    }

    private static Optional<String> namedClass(StorageLevel level) {
        String src = level.energySource();
        if (src.startsWith("class ") && STORAGE_CLASSES.contains(src.substring(6))) {
            return Optional.of(src.substring(6));
        }
        return Optional.empty();
    }

    private static MemoryKind kindOfClass(String cls) {
        return switch (cls) {
            case "sram" -> MemoryKind.SRAM;
            case "regfile" -> MemoryKind.REGFILE;
            case "register" -> MemoryKind.REGISTER;
            default -> MemoryKind.DRAM;
        };
    }
}
