package org.mapwright.netmap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mapwright.cost.Evaluation;
import org.mapwright.mapping.Mapping;
import org.mapwright.search.LowerBound;
import org.mapwright.search.TracePoint;
import org.mapwright.workload.Layer;

/**
 * The best mapping found for one layer of a network, with its full evaluation and how the search went. The
 * evaluation is always the analytical model's, whatever oracle ranked the search, so that results compare.
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
 * @param oracle      what the cost oracle said of the mapping, when the search ranked mappings by an oracle other than
 *                    the analytical model (empty for a result resumed from a checkpoint)
 */
public record LayerResult(int index, Layer layer, String target, Mapping mapping, Evaluation evaluation,
                          LowerBound lowerBound, long evaluations, long valid, double seconds, String mapper, long seed,
                          Optional<String> sameAs, List<TracePoint> trace, boolean complete,
                          Optional<OracleCost> oracle) {

    /**
     * The cost of the best mapping by the oracle that ranked the search, and how many calls it took.
     *
     * @param name            the oracle's name
     * @param energyPj        energy by the oracle
     * @param cycles          cycles by the oracle
     * @param trueEvaluations candidates the oracle evaluated
     * @param cacheHits       candidates answered from the cache
     */
    public record OracleCost(String name, double energyPj, long cycles, long trueEvaluations, long cacheHits) {
    }

    public LayerResult {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(lowerBound, "lowerBound");
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(sameAs, "sameAs");
        Objects.requireNonNull(oracle, "oracle");
        trace = List.copyOf(trace);
        if (!evaluation.valid()) {
            throw new IllegalArgumentException("Layer " + layer.name() + " has no valid mapping to report.");
        }
    }

    /** The layer's name. */
    public String name() {
        return layer.name();
    }

    /** How many times in a row the network runs the layer. */
    public int repeat() {
        return layer.repeat();
    }

    /** The same result for an identical later layer, which is not searched again (its seed is this search's). */
    LayerResult reusedBy(int otherIndex, Layer other, String otherTarget) {
        return new LayerResult(otherIndex, other, otherTarget, mapping, evaluation, lowerBound, 0, 0, 0, mapper, seed,
                Optional.of(layer.name()), List.of(), complete, oracle);
    }

    /** EDP of one run of the layer over the lower bound's; at least 1. */
    public double edpOverBound() {
        return evaluation.edp() / lowerBound.edp();
    }
}
