package org.mapwright.netcost;

/**
 * The hardware cost of one inference of a network on one accelerator: energy and cycles summed over its layers times
 * their repeat counts, or why it cannot run there.
 *
 * @param energyPj energy in pJ (NaN when not mappable)
 * @param cycles   cycles (NaN when not mappable)
 * @param problem  empty when mappable, else why not (a full sentence)
 */
public record NetCost(double energyPj, double cycles, String problem) {
    public NetCost {
        if (problem == null) {
            problem = "";
        }
        if (problem.isEmpty() && !(energyPj > 0 && cycles > 0 && Double.isFinite(energyPj) && Double.isFinite(cycles))) {
            throw new IllegalArgumentException("A network's cost needs positive finite energy and cycles, got "
                    + energyPj + " pJ and " + cycles + " cycles.");
        }
    }

    /** A cost that could be computed. */
    public static NetCost of(double energyPj, double cycles) {
        return new NetCost(energyPj, cycles, "");
    }

    /** A network that cannot run on the accelerator. */
    public static NetCost unmappable(String why) {
        return new NetCost(Double.NaN, Double.NaN, why);
    }

    public boolean mappable() {
        return problem.isEmpty();
    }

    /** Energy x cycles in J x cycles, as everywhere in Mapwright (NaN when not mappable). */
    public double edp() {
        return energyPj * 1e-12 * cycles;
    }

    /** The value of a metric: {@code edp}, {@code energy} or {@code cycles}. */
    public double metric(CostMetric m) {
        return switch (m) {
            case EDP -> edp();
            case ENERGY -> energyPj;
            case CYCLES -> cycles;
        };
    }
}
