package org.mapwright.netspace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mapwright.workload.Network;

/**
 * A NAS-Bench-201 cell (Dong and Yang, ICLR 2020) in the CIFAR-10 network HW-NAS-Bench measures (Li et al., ICLR
 * 2021): 32 x 32 input, batch 1, NB201's {@code TinyNetwork} with C = 16 and N = 5.
 *
 * <p>A cell is a 4-node DAG with 6 edges, {@code 0->1, 0->2, 1->2, 0->3, 1->3, 2->3} in that order, each one of
 * {@link #OPS}. Genes are op indices, one per edge. The network: a 3x3 convolution 3 -> 16 (stem); three stages of 5
 * identical cells at 16, 32, 64 channels on 32, 16, 8 pixels; between stages a residual reduction block (3x3 stride-2
 * convolution, 3x3 convolution, and a shortcut of a 2x2 average pool and a 1x1 convolution); a global average pool
 * and a 64 -> 10 classifier.
 *
 * <p>Per edge, {@code nor_conv_3x3} and {@code nor_conv_1x1} are one C -> C convolution each (ReLU-Conv-BN; the ReLU
 * and batch norm have no multiplies); {@code avg_pool_3x3}, {@code skip_connect} and {@code none} have no
 * multiplies and give no layer. Every conv edge counts, also one whose result cannot reach the cell's output (node 1
 * or 2 with only {@code none} edges leaving it): NB201's PyTorch cell computes every node, NB201's FLOP counts (which
 * HW-NAS-Bench ships) include such edges, and HW-NAS-Bench's Eyeriss latencies differ between cells that differ only
 * in them. Layer names: {@code stem}, {@code s<stage>_e<from><to>} (repeat 5: one per cell),
 * {@code r<k>_conv_a|conv_b|shortcut} and {@code classifier}.
 */
public record Nb201Candidate(int[] ops) implements NetCandidate {
    /** The five operations, in NB201's op-code order (0..4). */
    public static final List<String> OPS = List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3");
    /** Number of edges of a cell. */
    public static final int EDGES = 6;
    /** Source and target node of every edge, in arch_str order. */
    static final int[][] EDGE_NODES = {{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 3}};
    static final int STEM = 16;
    static final int CELLS = 5;
    static final int CLASSES = 10;
    static final int INPUT = 32;

    public Nb201Candidate {
        ops = NetSpace.checkGenes(Nb201Space.NAME, Nb201Space.ARITY, ops);
    }

    /**
     * The cell of an NB201 arch string such as {@code |nor_conv_3x3~0|+|none~0|skip_connect~1|+|...~0|...~1|...~2|}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Nb201Candidate parse(String archStr) {
        String[] nodes = archStr.split("\\+", -1);
        if (nodes.length != 3) {
            throw new IllegalArgumentException("An NB201 arch string has 3 node groups joined by '+', got " + nodes.length
                    + " in " + archStr + ".");
        }
        int[] ops = new int[EDGES];
        int e = 0;
        for (int to = 1; to <= 3; to++) {
            String n = nodes[to - 1];
            if (!n.startsWith("|") || !n.endsWith("|") || n.length() < 2) {
                throw new IllegalArgumentException("Node group " + to + " of arch string " + archStr
                        + " must be enclosed in '|', like |nor_conv_3x3~0|.");
            }
            String[] parts = n.substring(1, n.length() - 1).split("\\|", -1);
            if (parts.length != to) {
                throw new IllegalArgumentException("Node " + to + " of arch string " + archStr + " needs " + to
                        + " inputs, got " + parts.length + ".");
            }
            for (int from = 0; from < to; from++) {
                String want = "~" + from;
                int op = parts[from].endsWith(want) ? OPS.indexOf(parts[from].substring(0, parts[from].length() - 2)) : -1;
                if (op < 0) {
                    throw new IllegalArgumentException("Edge " + from + "->" + to + " of arch string " + archStr + " is "
                            + parts[from] + "; write <op>" + want + " with op one of " + OPS + ".");
                }
                ops[e++] = op;
            }
        }
        return new Nb201Candidate(ops);
    }

    /** The NB201 arch string. */
    public String archStr() {
        StringBuilder sb = new StringBuilder();
        for (int e = 0; e < EDGES; e++) {
            int from = EDGE_NODES[e][0];
            if (from == 0) {
                sb.append(e == 0 ? "|" : "+|");
            }
            sb.append(OPS.get(ops[e])).append('~').append(from).append('|');
        }
        return sb.toString();
    }

    /** The 6-digit op-code string, one digit per edge (NB201 files' {@code op_codes} column). */
    public String opCodes() {
        StringBuilder sb = new StringBuilder();
        for (int o : ops) {
            sb.append(o);
        }
        return sb.toString();
    }

    @Override
    public int[] ops() {
        return ops.clone();
    }

    @Override
    public String spaceName() {
        return Nb201Space.NAME;
    }

    @Override
    public String key() {
        return archStr();
    }

    @Override
    public int[] genes() {
        return ops.clone();
    }

    /** Number of conv edges in a cell. */
    public int convEdges() {
        int n = 0;
        for (int o : ops) {
            n += o == 2 || o == 3 ? 1 : 0;
        }
        return n;
    }

    List<LayerCall> layers() {
        List<LayerCall> out = new ArrayList<>();
        out.add(new LayerCall("stem", LayerCall.conv(3, STEM, 3, INPUT, 1), 1));
        int c = STEM;
        int h = INPUT;
        for (int st = 1; st <= 3; st++) {
            if (st > 1) {
                int o = OfaLayers.out(h, 2);
                String r = "r" + (st - 1) + "_";
                out.add(new LayerCall(r + "conv_a", LayerCall.conv(c, 2 * c, 3, o, 2), 1));
                out.add(new LayerCall(r + "conv_b", LayerCall.conv(2 * c, 2 * c, 3, o, 1), 1));
                out.add(new LayerCall(r + "shortcut", LayerCall.conv(c, 2 * c, 1, o, 1), 1));
                c *= 2;
                h = o;
            }
            for (int e = 0; e < EDGES; e++) {
                if (ops[e] == 2 || ops[e] == 3) {
                    String name = "s" + st + "_e" + EDGE_NODES[e][0] + EDGE_NODES[e][1];
                    out.add(new LayerCall(name, LayerCall.conv(c, c, ops[e] == 3 ? 3 : 1, h, 1), CELLS));
                }
            }
        }
        out.add(new LayerCall("classifier", LayerCall.fc(c, CLASSES), 1));
        return List.copyOf(out);
    }

    @Override
    public Network network(String name) {
        return LayerCall.network(name, layers());
    }

    @Override
    public String dsl(String name) {
        return LayerCall.dsl(name, "NAS-Bench-201 cell in HW-NAS-Bench's CIFAR-10 network (C = 16, N = 5, 32 x 32, batch 1):\n"
                + archStr(), layers());
    }

    @Override
    public long macs() {
        return LayerCall.macs(layers());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Nb201Candidate c && Arrays.equals(c.ops, ops);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ops);
    }

    @Override
    public String toString() {
        return archStr();
    }
}
