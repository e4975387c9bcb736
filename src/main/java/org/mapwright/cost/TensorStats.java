package org.mapwright.cost;

/**
 * Accesses of one tensor at one storage level. Counts are scalar words per instance; {@code *Total} methods
 * multiply by the utilized instances, as Timeloop's {@code _total} statistics do.
 *
 * @param tile       words of the tensor the level holds at a time (its tile footprint)
 * @param partition  distinct words that pass through one instance over the whole run
 * @param reads      words read out of the level (to children or compute; for outputs, read-modify-write reads)
 * @param fills      words written into the level from its parent
 * @param updates    words written into the level by its children or the compute units (outputs only)
 * @param instances  utilized instances of the level
 * @param energyPj   energy of these accesses over all instances, in pJ
 * @param linkTransfers words all instances received from a mesh neighbour instead of the parent (0 with link
 *                   transfers off); these are part of {@code fills}, and the senders' reads include them
 */
public record TensorStats(long tile, long partition, long reads, long fills, long updates, long instances, double energyPj,
                          long linkTransfers) {

    public long readsTotal() {
        return reads * instances;
    }

    public long fillsTotal() {
        return fills * instances;
    }

    public long updatesTotal() {
        return updates * instances;
    }
}
