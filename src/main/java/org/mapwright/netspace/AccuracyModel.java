package org.mapwright.netspace;

import java.util.List;

/**
 * Top-1 accuracy of networks of one space, as a fraction (0..1): a predictor ({@link OfaAccuracy}) or a benchmark
 * table ({@link Nb201Accuracy}). Implementations are safe to call from several threads.
 */
public interface AccuracyModel {
    /** A short name for reports, such as {@code ofa-mbv3-predictor}. */
    String name();

    /**
     * The accuracy of every candidate, in order.
     *
     * @throws IllegalArgumentException if a candidate is of a space the model does not cover, or (for a table) not in
     *                                  the table
     */
    double[] predict(List<NetCandidate> candidates);
}
