package org.mapwright.cli;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mapwright.cost.Evaluation;
import org.mapwright.mapping.Mapping;
import org.mapwright.search.LowerBound;
import org.mapwright.search.TracePoint;
import org.mapwright.workload.Layer;

/**
 * The best mapping found for one layer of a network, with its full evaluation and how the search went.
 *
 * @param index       the layer's position in the whole network, from 0
 * @param layer       the layer
 * @param target      how a mapping declaration names the layer ({@code network.layer} or {@code layer})
 * @param mapping     the best mapping
 * @param evaluation  its full evaluation by the analytical model
 * @param lowerBound  a cost no mapping of the layer's mapspace can beat
 * @param evaluations candidates the search evaluated (0 for a layer that reuses another's result)
 * @param valid       of which valid
 * @param seconds     wall-clock seconds of the search
 * @param mapper      the mapper's name
 * @param seed        the seed of the search that found the mapping, derived from the root seed and the searched
 *                    layer's place in the network
 * @param sameAs      the earlier identical layer whose result this one reuses, if any
 * @param trace       improvements of the best-so-far during the search, for convergence plots
 * @param complete    whether the search enumerated the whole mapspace, which makes the mapping optimal
 */
record LayerResult(int index, Layer layer, String target, Mapping mapping, Evaluation evaluation, LowerBound lowerBound,
                   long evaluations, long valid, double seconds, String mapper, long seed, Optional<String> sameAs,
                   List<TracePoint> trace, boolean complete) {

    LayerResult {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(sameAs, "sameAs");
        trace = List.copyOf(trace);
        if (!evaluation.valid()) {
            throw new IllegalArgumentException("Layer " + layer.name() + " has no valid mapping to report.");
        }
    }

    String name() {
        return layer.name();
    }

    int repeat() {
        return layer.repeat();
    }

    /** The same result for an identical later layer, which is not searched again (its seed is this search's). */
    LayerResult reusedBy(int otherIndex, Layer other, String otherTarget) {
        return new LayerResult(otherIndex, other, otherTarget, mapping, evaluation, lowerBound, 0, 0, 0, mapper, seed,
                Optional.of(layer.name()), List.of(), complete);
    }

    /** EDP of one run of the layer over the lower bound's; at least 1. */
    double edpOverBound() {
        return evaluation.edp() / lowerBound.edp();
    }
}
