package org.mapwright.search;

/**
 * What evaluating one candidate gave: a cost, or the reason it cannot run.
 *
 * @param status    VALID or the class of the first violation
 * @param level     the level of that violation (-1 when valid or not level-specific)
 * @param energyPj  energy in pJ (valid only)
 * @param cycles    cycles (valid only)
 * @param cached    whether it came from the evaluation cache
 */
public record Outcome(Status status, int level, double energyPj, long cycles, boolean cached) {

    /** Validity classes, as Timeloop counts rejected mappings. */
    public enum Status {
        VALID, CAPACITY, FANOUT_X, FANOUT_Y, SPATIAL_DIM, KEEP, UTILIZATION
    }

    public boolean valid() {
        return status == Status.VALID;
    }

    public double edp() {
        return org.mapwright.cost.Cost.edp(energyPj, cycles);
    }
}
