package org.mapwright.tech;

import java.util.List;
import java.util.Optional;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;

/**
 * A process technology: how energy per access and area follow from a storage level's kind, capacity, word width,
 * block size and bank count, what a compute unit costs, and what moving a word one hop across an on-chip mesh costs.
 * The built-in ones ({@link #all()}) are estimates anchored on published 45 nm figures; see {@link Technologies}.
 */
public interface Technology {

    /** The technology's name, such as {@code 45nm}. */
    String name();

    /**
     * Costs of one instance of a storage level.
     *
     * @param capacityWords words per instance, or {@code StorageLevel.UNBOUNDED} for DRAM
     * @param banks         banks the capacity is split into
     */
    StorageCost storage(MemoryKind kind, long capacityWords, int wordBits, int blockSize, int banks);

    /**
     * Costs of one instance of a level built as a named storage class of the DSL ({@code dram}, {@code lpddr4},
     * {@code hbm2}, {@code sram}, {@code regfile}, {@code register}; see {@link Technologies#STORAGE_CLASSES}), or
     * empty for an unknown class. {@code energy class sram} in the DSL gives these energies.
     */
    Optional<StorageCost> storageClass(String cls, long capacityWords, int wordBits, int blockSize, int banks);

    /** Costs of a named compute class of the DSL ({@code intmac16}), or empty for an unknown one. */
    Optional<ComputeCost> computeClass(String cls);

    /** Costs of one multiply-accumulate unit on {@code bits}-bit operands. */
    ComputeCost mac(int bits);

    /** pJ to move one {@code wordBits}-bit word one hop between neighbouring instances of a mesh. */
    double hopEnergy(int wordBits);

    /**
     * The design with every level's energies and area, its compute unit's and every fan-out's hop energy derived from
     * this technology (each level's kind as {@link Technologies#kindOf} infers it), so that designs written with
     * different energy tables are compared on one footing.
     */
    Architecture cost(Architecture a);

    /** Costs of one instance of {@code level}, built as {@link Technologies#classOf} says. */
    default StorageCost storage(StorageLevel level) {
        return storageClass(Technologies.classOf(level), level.capacityWords(), level.wordBits(), level.blockSize(),
                level.banks()).orElseThrow();
    }

    /** The built-in technologies. */
    static List<Technology> all() {
        return Technologies.all();
    }

    /** A built-in technology by name. */
    static Optional<Technology> byName(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
