package org.mapwright.netcost;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.mapwright.workload.Network;

/**
 * The lookup-table baseline (ProxylessNAS-style): every layer's energy and cycles measured once on a reference
 * accelerator, a network's cost on any accelerator the sum of its layers' reference costs times two scale factors
 * of that accelerator (one for energy, one for cycles). The factors are the geometric means of exact over table cost
 * of a few calibration networks costed exactly on the accelerator (none: factors 1, a plain transfer). This is the
 * table's strongest fair use: it sees exact costs of the target that a predictor from parameters alone does not.
 */
public final class LutCost implements CostModel {
    private record Scale(double energy, double cycles, String problem) {
    }

    private final ExactCost exact;
    private final Target reference;
    private final List<Network> calibration;
    private final Map<Target, Scale> scales = new ConcurrentHashMap<>();

    /**
     * @param exact       maps the reference's layers (and the calibration networks on each target)
     * @param reference   the accelerator the table is built on
     * @param calibration networks costed exactly on each target to fit its two scale factors (may be empty)
     */
    public LutCost(ExactCost exact, Target reference, List<Network> calibration) {
        this.exact = Objects.requireNonNull(exact, "exact");
        this.reference = Objects.requireNonNull(reference, "reference");
        this.calibration = List.copyOf(calibration);
    }

    @Override
    public String name() {
        return "lut";
    }

    /** The table's cost of a network: the reference accelerator's layer costs summed, unscaled. */
    public NetCost table(Network network) {
        return exact.cost(network, reference);
    }

    @Override
    public NetCost cost(Network network, Target target) {
        NetCost t = table(network);
        if (!t.mappable()) {
            return NetCost.unmappable("The reference accelerator cannot run it: " + t.problem());
        }
        Scale s = scales.computeIfAbsent(target, this::fit);
        if (!s.problem().isEmpty()) {
            return NetCost.unmappable(s.problem());
        }
        return NetCost.of(t.energyPj() * s.energy(), t.cycles() * s.cycles());
    }

    private Scale fit(Target target) {
        double le = 0;
        double lc = 0;
        int n = 0;
        for (Network net : calibration) {
            NetCost ref = table(net);
            NetCost got = exact.cost(net, target);
            if (ref.mappable() && got.mappable()) {
                le += Math.log(got.energyPj() / ref.energyPj());
                lc += Math.log(got.cycles() / ref.cycles());
                n++;
            }
        }
        if (n == 0 && !calibration.isEmpty()) {
            return new Scale(Double.NaN, Double.NaN, "No calibration network runs on this accelerator.");
        }
        return n == 0 ? new Scale(1, 1, "") : new Scale(Math.exp(le / n), Math.exp(lc / n), "");
    }

}
