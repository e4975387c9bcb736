package org.mapwright.netspace;

import org.mapwright.workload.Network;

/**
 * One member of a {@link NetSpace}: a value (equal exactly when {@link #key()} is equal) that builds its network as
 * Mapwright IR or as DSL text.
 *
 * <p>{@link #network(String)} memoises every distinct layer, so after warm-up a network is built in microseconds; a
 * search may call it for every candidate it scores.
 */
public sealed interface NetCandidate permits OfaCandidate, Nb201Candidate {
    /** The name of the space this candidate belongs to ({@link NetSpace#name()}). */
    String spaceName();

    /** A stable text key: equal for the same network, different otherwise. */
    String key();

    /** The genome it was decoded from; a fresh copy. */
    int[] genes();

    /** The network as Mapwright IR: layers with repeat counts, named {@code name}. */
    Network network(String name);

    /**
     * The network as Mapwright DSL text: {@code include "builtin:layers.mw"} and one {@code network name { ... }}
     * whose layers call the templates {@code conv2d}, {@code depthwise_conv2d} and {@code matmul}; loading it gives
     * a network equal to {@link #network(String)}.
     */
    String dsl(String name);

    /** Multiply-accumulates of one inference (batch 1), repeats included. */
    long macs();
}
