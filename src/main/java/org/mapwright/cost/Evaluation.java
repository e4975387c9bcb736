package org.mapwright.cost;

import java.util.List;
import java.util.Optional;

/**
 * The result of evaluating one mapping. An invalid mapping has {@code valid == false}, at least one violation,
 * and no costs (zeros).
 *
 * @param valid          whether the hardware can run the mapping
 * @param violations     why not, when it cannot
 * @param cycles         total cycles: compute cycles or the slowest bandwidth-bound level
 * @param computeCycles  cycles if bandwidth were unlimited (the product of all temporal factors)
 * @param energyPj       total energy in pJ: storage accesses, on-chip networks and compute
 * @param computeEnergyPj energy of the MACs alone
 * @param macs           multiply-accumulates performed
 * @param computeInstances hardware compute units
 * @param utilizedComputeInstances compute units the mapping uses
 * @param levels         per storage level, outermost first
 */
public record Evaluation(boolean valid, List<Violation> violations, long cycles, long computeCycles, double energyPj,
                         double computeEnergyPj, long macs, long computeInstances, long utilizedComputeInstances,
                         List<LevelStats> levels) {

    public Evaluation {
        violations = List.copyOf(violations);
        levels = List.copyOf(levels);
        if (valid != violations.isEmpty()) {
            throw new IllegalArgumentException("An evaluation is valid exactly when it has no violations.");
        }
    }

    /** Energy-delay product in J x cycles, as Timeloop prints {@code EDP(J*cycle)}. */
    public double edp() {
        return Cost.edp(energyPj, cycles);
    }

    /** Fraction of the compute units' peak that the mapping achieves: MACs / (units x cycles). */
    public double utilization() {
        return cycles == 0 ? 0 : (double) macs / computeInstances / cycles;
    }

    /** Energy of moving words across the fan-outs' meshes, all levels, in pJ (part of {@link #energyPj}). */
    public double networkEnergyPj() {
        double e = 0;
        for (LevelStats l : levels) {
            e += l.networkEnergyPj();
        }
        return e;
    }

    public double energyPerMacPj() {
        return macs == 0 ? 0 : energyPj / macs;
    }

    public Optional<LevelStats> level(String name) {
        return levels.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** The cost as a value that adds up over layers. */
    public Cost cost() {
        return new Cost(energyPj, cycles, macs);
    }

    /** Explanation of the first violation, or "valid". */
    public String reason() {
        return valid ? "valid" : violations.get(0).message();
    }
}
