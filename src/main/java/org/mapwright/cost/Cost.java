package org.mapwright.cost;

/**
 * Energy, cycles and MACs of one or more layers run one after another; costs add up from layer to network.
 */
public record Cost(double energyPj, long cycles, long macs) {

    public static final Cost ZERO = new Cost(0, 0, 0);

    public Cost plus(Cost o) {
        return new Cost(energyPj + o.energyPj, cycles + o.cycles, macs + o.macs);
    }

    /** This cost repeated {@code n} times (a layer that a network runs n times). */
    public Cost times(int n) {
        return new Cost(energyPj * n, cycles * n, macs * n);
    }

    /** Energy-delay product in J x cycles. */
    public double edp() {
        return edp(energyPj, cycles);
    }

    /** Energy-delay product in J x cycles of an energy in pJ and a cycle count, as Timeloop prints it: the one place
     * the formula is written. */
    public static double edp(double energyPj, long cycles) {
        return energyPj * 1e-12 * cycles;
    }
}
