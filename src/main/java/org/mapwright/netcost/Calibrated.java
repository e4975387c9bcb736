package org.mapwright.netcost;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.mapwright.workload.Network;

/**
 * A cost model corrected per accelerator by calibration: a few networks are costed exactly on the accelerator, and
 * the model's energy and cycles there are multiplied by the geometric means of exact over model cost on them. This
 * uses measurements of the target that the model alone does not need (HELP and the ProxylessNAS practice measure
 * the target this way), so it is reported beside the uncalibrated figures, not instead of them.
 */
public final class Calibrated implements CostModel {
    private record Scale(double energy, double cycles, String problem) {
    }

    private final CostModel base;
    private final ExactCost exact;
    private final List<Network> calibration;
    private final Map<Target, Scale> scales = new ConcurrentHashMap<>();

    public Calibrated(CostModel base, ExactCost exact, List<Network> calibration) {
        this.base = Objects.requireNonNull(base, "base");
        this.exact = Objects.requireNonNull(exact, "exact");
        this.calibration = List.copyOf(calibration);
        if (this.calibration.isEmpty()) {
            throw new IllegalArgumentException("Calibration needs at least one network.");
        }
    }

    @Override
    public String name() {
        return base.name() + "_calibrated";
    }

    @Override
    public NetCost cost(Network network, Target target) {
        NetCost c = base.cost(network, target);
        Scale s = scales.computeIfAbsent(target, this::fit);
        if (!c.mappable() || !s.problem().isEmpty()) {
            return c.mappable() ? NetCost.unmappable(s.problem()) : c;
        }
        return NetCost.of(c.energyPj() * s.energy(), c.cycles() * s.cycles());
    }

    private Scale fit(Target target) {
        double le = 0;
        double lc = 0;
        int n = 0;
        for (Network net : calibration) {
            NetCost m = base.cost(net, target);
            NetCost got = exact.cost(net, target);
            if (m.mappable() && got.mappable()) {
                le += Math.log(got.energyPj() / m.energyPj());
                lc += Math.log(got.cycles() / m.cycles());
                n++;
            }
        }
        return n == 0 ? new Scale(Double.NaN, Double.NaN, "No calibration network runs on this accelerator.")
                : new Scale(Math.exp(le / n), Math.exp(lc / n), "");
    }
}
