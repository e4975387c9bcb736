package org.mapwright.archsearch;

import org.mapwright.cost.Cost;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;

/**
 * The physical floor of a network's EDP under a compute budget: every MAC costs the technology's MAC energy and
 * nothing else is spent (no memory access, no data movement), and every layer runs compute-bound on all the units
 * ({@code ceil(MACs / units)} cycles per run). No design within the budget can reach it; how far a design is above
 * it says how much a search could still gain.
 *
 * @param energyPj MAC energy of the whole network (layers times repeats)
 * @param cycles   compute-bound cycles of the whole network
 */
public record Floor(double energyPj, long cycles) {

    /** The floor of {@code network} on at most {@code units} compute units of {@code macPj} pJ per MAC. */
    public static Floor of(Network network, long units, double macPj) {
        if (units < 1) {
            throw new IllegalArgumentException("The floor needs at least one compute unit.");
        }
        double energy = 0;
        long cycles = 0;
        for (Layer l : network.layers()) {
            long macs = l.workload().macs();
            energy += (double) macs * macPj * l.repeat();
            cycles = Math.addExact(cycles, Math.multiplyExact((macs + units - 1) / units, (long) l.repeat()));
        }
        return new Floor(energy, cycles);
    }

    /** EDP in J x cycles. */
    public double edp() {
        return Cost.edp(energyPj, cycles);
    }
}
