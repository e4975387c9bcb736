package org.mapwright.netspace;

import java.util.Arrays;
import java.util.List;

/**
 * The NAS-Bench-201 cell space (Dong and Yang, ICLR 2020) as {@link NetSpace} {@value #NAME}: 6 genes, the operation
 * of each cell edge (5 choices, {@link Nb201Candidate#OPS}); 15,625 cells. See {@link Nb201Candidate} for the
 * network.
 *
 * <p>NB201's own index of a cell (0..15624) is not a function of its operations: it is the order of the benchmark's
 * archive (index 0 is {@code |avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|...}). It is read with the accuracies,
 * from a file that lists it ({@link Nb201Accuracy#index}).
 */
public final class Nb201Space implements NetSpace {
    /** The space's name. */
    public static final String NAME = "nb201";
    static final int[] ARITY = filled();

    private static int[] filled() {
        int[] a = new int[Nb201Candidate.EDGES];
        Arrays.fill(a, Nb201Candidate.OPS.size());
        return a;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int[] arity() {
        return ARITY.clone();
    }

    @Override
    public Nb201Candidate decode(int[] genes) {
        return new Nb201Candidate(genes);
    }

    @Override
    public int[] encode(NetCandidate c) {
        if (!(c instanceof Nb201Candidate n)) {
            throw new IllegalArgumentException("Space " + NAME + " cannot encode a candidate of space " + c.spaceName() + ".");
        }
        return n.genes();
    }

    /** The cell of all 3x3 convolutions (the largest) and the cell of all skip connections (no cell convolutions). */
    @Override
    public List<NetCandidate> named() {
        int[] conv = new int[Nb201Candidate.EDGES];
        int[] skip = new int[Nb201Candidate.EDGES];
        Arrays.fill(conv, 3);
        Arrays.fill(skip, 1);
        return List.of(new Nb201Candidate(conv), new Nb201Candidate(skip));
    }
}
