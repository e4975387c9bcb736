package org.mapwright.netcost;

import java.util.Objects;
import java.util.Optional;
import org.mapwright.workload.Network;

/**
 * The lookup-table baseline (ProxylessNAS-style): every layer's energy and cycles measured once on a reference
 * accelerator; a network's cost on another accelerator is the sum of its layers' reference costs times two scale
 * factors of that accelerator (energy, cycles), predicted from the accelerator's parameters by a ridge regression
 * fitted on the training accelerators (the same information the learned predictor gets). Without a scale model the
 * table transfers unscaled. {@link Calibrated} gives it (or any model) per-accelerator factors from exact costs of a
 * few networks instead.
 */
public final class LutCost implements CostModel {
    private final ExactCost exact;
    private final Target reference;
    private final Optional<Ridge> scales;

    /**
     * @param exact     maps the reference's layers
     * @param reference the accelerator the table is built on
     * @param scales    ln(energy scale), ln(cycles scale) from {@link Features#hardware}, if any
     */
    public LutCost(ExactCost exact, Target reference, Optional<Ridge> scales) {
        this.exact = Objects.requireNonNull(exact, "exact");
        this.reference = Objects.requireNonNull(reference, "reference");
        this.scales = Objects.requireNonNull(scales, "scales");
    }

    @Override
    public String name() {
        return "lut";
    }

    public Target reference() {
        return reference;
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
        if (scales.isEmpty()) {
            return t;
        }
        float[] hw = Features.hardware(target.arch());
        double[] x = new double[hw.length];
        for (int i = 0; i < hw.length; i++) {
            x[i] = hw[i];
        }
        double[] ln = scales.get().predict(x);
        return NetCost.of(t.energyPj() * Math.exp(ln[0]), t.cycles() * Math.exp(ln[1]));
    }
}
