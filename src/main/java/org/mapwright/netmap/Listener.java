package org.mapwright.netmap;

import org.mapwright.diag.Diagnostic;
import org.mapwright.workload.Layer;

/**
 * Hears how the mapping of a network goes, layer by layer. Every method does nothing by default, so a listener
 * overrides only what it shows. Calls come from the thread that called {@link NetworkMapper#map}, except
 * {@link #progress}, which comes from the search's first worker thread.
 *
 * <p>For each mapped layer in turn, one of: {@link #layerReused} (an identical layer was searched before);
 * {@link #layerFinished} with {@code resumed} true (the checkpoint store had it); or {@link #layerStarted}, any
 * number of {@link #progress} ticks, then {@link #layerFinished}. {@link #warning}s about a layer come before any
 * of these.
 */
public interface Listener {

    /** Hears nothing. */
    Listener NONE = new Listener() {
    };

    /**
     * Where in the run a layer is.
     *
     * @param position the layer's place among the layers being mapped, from 0
     * @param count    how many layers are being mapped
     * @param index    the layer's place in the whole network, from 0
     * @param layer    the layer
     */
    record Step(int position, int count, int index, Layer layer) {
    }

    /** A warning about the layer, such as a constraint that does not apply to it. */
    default void warning(Step step, Diagnostic warning) {
    }

    /** The search of a layer begins. */
    default void layerStarted(Step step) {
    }

    /**
     * Periodic progress of the layer's search.
     *
     * @param evaluations evaluated so far, an estimate, in what the budget counts
     * @param budget      the evaluation budget, 0 when there is none
     * @param seconds     elapsed seconds
     * @param best        the best primary metric so far (infinity before the first valid mapping)
     */
    default void progress(Step step, long evaluations, long budget, double seconds, double best) {
    }

    /** The layer is identical to an earlier one ({@link LayerResult#sameAs()}) and takes its result unsearched. */
    default void layerReused(Step step, LayerResult result) {
    }

    /**
     * The layer is done.
     *
     * @param resumed whether the result came from the checkpoint store instead of a search
     */
    default void layerFinished(Step step, LayerResult result, boolean resumed) {
    }
}
