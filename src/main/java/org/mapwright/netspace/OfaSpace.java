package org.mapwright.netspace;

import java.util.List;

/**
 * The OFA-MobileNetV3 space (Cai et al., ICLR 2020) as {@link NetSpace} {@value #NAME}: 46 genes, namely the kernel
 * size (3, 5, 7) of each of the 20 block slots (genes 0-19, slot {@code 4s + b} is block b of stage s), their
 * expansion ratios (3, 4, 6; genes 20-39), the depth of each of the 5 stages (2, 3, 4; genes 40-44) and the input
 * resolution (160, 176, 192, 208, 224; gene 45). Gene values index those lists. The genes of block slots a stage
 * does not run do not change the network.
 */
public final class OfaSpace implements NetSpace {
    /** The space's name. */
    public static final String NAME = "ofa-mbv3";
    static final int GENES = 2 * OfaSubnet.SLOTS + OfaSubnet.STAGES + 1;
    private static final int[] ARITY = arity0();

    private static int[] arity0() {
        int[] a = new int[GENES];
        for (int i = 0; i < OfaSubnet.SLOTS; i++) {
            a[i] = OfaSubnet.KERNELS.length;
            a[OfaSubnet.SLOTS + i] = OfaSubnet.EXPANDS.length;
        }
        for (int s = 0; s < OfaSubnet.STAGES; s++) {
            a[2 * OfaSubnet.SLOTS + s] = OfaSubnet.DEPTHS.length;
        }
        a[GENES - 1] = OfaSubnet.RESOLUTIONS.length;
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
    public OfaCandidate decode(int[] genes) {
        int[] g = NetSpace.checkGenes(NAME, ARITY, genes);
        int[] k = new int[OfaSubnet.SLOTS];
        int[] e = new int[OfaSubnet.SLOTS];
        int[] d = new int[OfaSubnet.STAGES];
        for (int i = 0; i < OfaSubnet.SLOTS; i++) {
            k[i] = OfaSubnet.KERNELS[g[i]];
            e[i] = OfaSubnet.EXPANDS[g[OfaSubnet.SLOTS + i]];
        }
        for (int s = 0; s < OfaSubnet.STAGES; s++) {
            d[s] = OfaSubnet.DEPTHS[g[2 * OfaSubnet.SLOTS + s]];
        }
        return new OfaCandidate(new OfaSubnet(k, e, d, OfaSubnet.RESOLUTIONS[g[GENES - 1]]), g);
    }

    @Override
    public int[] encode(NetCandidate c) {
        if (!(c instanceof OfaCandidate o)) {
            throw new IllegalArgumentException("Space " + NAME + " cannot encode a candidate of space " + c.spaceName() + ".");
        }
        return o.genes();
    }

    /** The largest and the smallest subnet. */
    @Override
    public List<NetCandidate> named() {
        return List.of(OfaCandidate.of(OfaSubnet.largest()), OfaCandidate.of(OfaSubnet.smallest()));
    }

    /** The genome of a subnet; inactive slots get gene 0. */
    static int[] genesOf(OfaSubnet s) {
        int r = OfaSubnet.indexOf(OfaSubnet.RESOLUTIONS, s.resolution());
        if (r < 0) {
            throw new IllegalArgumentException("Resolution " + s.resolution() + " is outside space " + NAME
                    + "; its resolutions are 160, 176, 192, 208 and 224.");
        }
        int[] g = new int[GENES];
        int[] k = s.kernel();
        int[] e = s.expand();
        for (int i = 0; i < OfaSubnet.SLOTS; i++) {
            g[i] = Math.max(0, OfaSubnet.indexOf(OfaSubnet.KERNELS, k[i]));
            g[OfaSubnet.SLOTS + i] = Math.max(0, OfaSubnet.indexOf(OfaSubnet.EXPANDS, e[i]));
        }
        int[] d = s.depth();
        for (int st = 0; st < OfaSubnet.STAGES; st++) {
            g[2 * OfaSubnet.SLOTS + st] = OfaSubnet.indexOf(OfaSubnet.DEPTHS, d[st]);
        }
        g[GENES - 1] = r;
        return g;
    }
}
