package org.mapwright.archsearch;

import java.util.List;
import java.util.Objects;

/**
 * One evaluated candidate accelerator.
 *
 * @param key          the candidate's canonical key (equal keys, equal accelerators)
 * @param violation    0 when the design is within every resource limit, else the sum of its relative excesses
 * @param problems     why the candidate does not count: the limits it breaks, or the layer no legal mapping fits;
 *                     empty for a feasible candidate
 * @param energyPj     network energy (layers times repeats), NaN when not mapped
 * @param cycles       network cycles, 0 when not mapped
 * @param edp          network EDP in J x cycles (total energy times total cycles), NaN when not mapped
 * @param areaMm2      the design's area by the technology model
 * @param computeUnits the design's compute units
 * @param onChipBytes  the design's on-chip storage
 */
public record Scored(String key, double violation, List<String> problems, double energyPj, long cycles, double edp,
                     double areaMm2, long computeUnits, long onChipBytes) {

    /** Fitness of a design that breaks a resource limit: above any feasible design's log EDP. */
    static final double INFEASIBLE = 1e3;
    /**
     * Fitness of a design within its limits that some layer cannot be mapped onto: worse than any mapped design,
     * better than one that breaks a limit.
     */
    static final double UNMAPPABLE = 5e2;

    public Scored {
        Objects.requireNonNull(key, "key");
        problems = List.copyOf(problems);
    }

    /** Whether the candidate is within its limits and every layer has a mapping on it. */
    public boolean feasible() {
        return problems.isEmpty();
    }

    /**
     * What the strategy minimises: ln(EDP) of a feasible design; otherwise a value above every feasible one that
     * still ranks designs by how far they break the limits, so the search is led back into the feasible region.
     */
    public double fitness() {
        if (feasible()) {
            return Math.log(edp);
        }
        return violation > 0 ? INFEASIBLE + violation : UNMAPPABLE;
    }
}
