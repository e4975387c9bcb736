package org.mapwright.netcost;

import java.util.ArrayList;
import java.util.List;
import org.mapwright.workload.Network;

/**
 * The hardware cost of a network on an accelerator. Implementations: {@link ExactCost} (every distinct layer
 * mapped), {@link LutCost} (a per-layer table of a reference accelerator, scaled), {@link LearnedCost} (a trained
 * predictor of layer costs from layer shape and accelerator parameters). Thread-safe.
 */
public interface CostModel {
    /** A short name for reports: {@code exact}, {@code lut}, {@code learned}. */
    String name();

    /** The cost of one inference of {@code network} on {@code target}. */
    NetCost cost(Network network, Target target);

    /** Costs of many networks on one target; implementations may batch. */
    default List<NetCost> costs(List<Network> networks, Target target) {
        List<NetCost> out = new ArrayList<>(networks.size());
        for (Network n : networks) {
            out.add(cost(n, target));
        }
        return out;
    }
}
