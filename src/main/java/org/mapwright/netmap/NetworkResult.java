package org.mapwright.netmap;

import java.util.List;
import java.util.Optional;
import org.mapwright.cost.Cost;

/**
 * The result of mapping a network (or some of its layers) onto an accelerator: one {@link LayerResult} per mapped
 * layer, in network order, and network totals. The totals add up each layer's cost times its repeat count: energy
 * and cycles add, and the network's EDP is its total energy (J) times its total cycles, not the sum of the layers'
 * EDPs.
 *
 * @param layers the per-layer results, in the order the layers were mapped
 */
public record NetworkResult(List<LayerResult> layers) {

    public NetworkResult {
        layers = List.copyOf(layers);
    }

    /** Energy, cycles and MACs summed over the layers times their repeat counts. */
    public Cost total() {
        Cost t = Cost.ZERO;
        for (LayerResult r : layers) {
            t = t.plus(r.evaluation().cost().times(r.repeat()));
        }
        return t;
    }

    /** Total energy in pJ. */
    public double energyPj() {
        return total().energyPj();
    }

    /** Total cycles. */
    public long cycles() {
        return total().cycles();
    }

    /** Total MACs. */
    public long macs() {
        return total().macs();
    }

    /** The network's energy-delay product in J x cycles: total energy times total cycles. */
    public double edp() {
        return total().edp();
    }

    /** The result of the layer called {@code name}, if it was mapped. */
    public Optional<LayerResult> layer(String name) {
        return layers.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
