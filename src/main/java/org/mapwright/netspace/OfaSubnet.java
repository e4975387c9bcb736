package org.mapwright.netspace;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A subnet of the Once-for-All MobileNetV3 space (Cai et al., ICLR 2020): 5 stages of up to 4 blocks (20 block
 * slots); each slot has a depthwise kernel size (3, 5 or 7) and an expansion ratio (3, 4 or 6); each stage runs its
 * first {@code depth[s]} slots (2, 3 or 4); the input is {@code resolution} pixels square.
 *
 * <p>Slots a stage does not run carry no meaning: {@link #canonical()} sets them to 0, and equal canonical subnets
 * are the same network. A subnet built here always holds valid values for active slots; inactive slots hold either a
 * valid choice or 0.
 *
 * @param kernel     20 kernel sizes, one per block slot (slot {@code 4s + b} is block b of stage s)
 * @param expand     20 expansion ratios
 * @param depth      5 stage depths
 * @param resolution input resolution: one of {@link #RESOLUTIONS} for the searched space; any multiple of 4 from
 *                   {@link #MIN_RESOLUTION} to {@link #MAX_RESOLUTION} (OFA's elastic input sizes, which its accuracy
 *                   predictor and HELP's latency data use) is accepted
 */
public record OfaSubnet(int[] kernel, int[] expand, int[] depth, int resolution) {
    public static final int STAGES = 5;
    public static final int MAX_DEPTH = 4;
    public static final int SLOTS = STAGES * MAX_DEPTH;
    public static final int[] KERNELS = {3, 5, 7};
    public static final int[] EXPANDS = {3, 4, 6};
    public static final int[] DEPTHS = {2, 3, 4};
    /** Input resolutions of the space: those of OFA's Note10 latency tables and 16-pixel steps of its predictor. */
    public static final int[] RESOLUTIONS = {160, 176, 192, 208, 224};
    /** Smallest input resolution OFA's elastic supernet and its accuracy predictor take. */
    public static final int MIN_RESOLUTION = 128;
    /** Largest input resolution OFA's elastic supernet takes. */
    public static final int MAX_RESOLUTION = 224;
    /** Length of {@link #features()}. */
    public static final int FEATURES = 128;

    public OfaSubnet {
        kernel = check("kernel", kernel, SLOTS, KERNELS, depth);
        expand = check("expand", expand, SLOTS, EXPANDS, depth);
        if (depth == null || depth.length != STAGES) {
            throw new IllegalArgumentException("An OFA-MobileNetV3 subnet needs " + STAGES + " stage depths, got "
                    + (depth == null ? "none" : depth.length) + ".");
        }
        depth = depth.clone();
        for (int s = 0; s < STAGES; s++) {
            if (indexOf(DEPTHS, depth[s]) < 0) {
                throw new IllegalArgumentException("Stage " + s + " has depth " + depth[s] + "; OFA-MobileNetV3 depths are "
                        + Arrays.toString(DEPTHS) + ".");
            }
        }
        if (resolution < MIN_RESOLUTION || resolution > MAX_RESOLUTION || resolution % 4 != 0) {
            throw new IllegalArgumentException("Resolution " + resolution + " is not an OFA input size; use a multiple of 4"
                    + " from " + MIN_RESOLUTION + " to " + MAX_RESOLUTION + " (the searched space uses "
                    + Arrays.toString(RESOLUTIONS) + ").");
        }
    }

    private static int[] check(String what, int[] values, int n, int[] allowed, int[] depth) {
        if (values == null || values.length != n) {
            throw new IllegalArgumentException("An OFA-MobileNetV3 subnet needs " + n + " " + what + " values, got "
                    + (values == null ? "none" : values.length) + ".");
        }
        for (int i = 0; i < n; i++) {
            boolean active = depth != null && depth.length == STAGES && i % MAX_DEPTH < depth[i / MAX_DEPTH];
            if (indexOf(allowed, values[i]) < 0 && !(values[i] == 0 && !active)) {
                throw new IllegalArgumentException("Block slot " + i + " has " + what + " " + values[i] + "; allowed: "
                        + Arrays.toString(allowed) + (active ? "" : " (or 0 for a slot its stage does not run)") + ".");
            }
        }
        return values.clone();
    }

    static int indexOf(int[] values, int v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        return -1;
    }

    /** The largest subnet: kernel 7, expansion 6, depth 4 everywhere, resolution 224. */
    public static OfaSubnet largest() {
        return uniform(7, 6, 4, 224);
    }

    /** The smallest subnet: kernel 3, expansion 3, depth 2 everywhere, resolution 160. */
    public static OfaSubnet smallest() {
        return uniform(3, 3, 2, 160);
    }

    /** The same kernel, expansion and depth everywhere. */
    public static OfaSubnet uniform(int kernel, int expand, int depth, int resolution) {
        int[] k = new int[SLOTS];
        int[] e = new int[SLOTS];
        int[] d = new int[STAGES];
        Arrays.fill(k, kernel);
        Arrays.fill(e, expand);
        Arrays.fill(d, depth);
        return new OfaSubnet(k, e, d, resolution).canonical();
    }

    /** A uniformly random subnet (every choice independent), canonical. */
    public static OfaSubnet random(SplittableRandom rnd) {
        int[] k = new int[SLOTS];
        int[] e = new int[SLOTS];
        int[] d = new int[STAGES];
        for (int i = 0; i < SLOTS; i++) {
            k[i] = KERNELS[rnd.nextInt(KERNELS.length)];
            e[i] = EXPANDS[rnd.nextInt(EXPANDS.length)];
        }
        for (int s = 0; s < STAGES; s++) {
            d[s] = DEPTHS[rnd.nextInt(DEPTHS.length)];
        }
        return new OfaSubnet(k, e, d, RESOLUTIONS[rnd.nextInt(RESOLUTIONS.length)]).canonical();
    }

    /** Whether block slot {@code slot} runs. */
    public boolean active(int slot) {
        return slot % MAX_DEPTH < depth[slot / MAX_DEPTH];
    }

    /** This subnet with the slots its stages do not run set to 0. */
    public OfaSubnet canonical() {
        int[] k = kernel.clone();
        int[] e = expand.clone();
        for (int i = 0; i < SLOTS; i++) {
            if (!active(i)) {
                k[i] = 0;
                e[i] = 0;
            }
        }
        return new OfaSubnet(k, e, depth, resolution);
    }

    /**
     * The 128 inputs of OFA's MobileNetV3 accuracy predictor (its tutorial's {@code spec2feats}): one-hot kernel size
     * per active slot (x[3i .. 3i+2]), one-hot expansion per active slot (x[60 + 3i ..]), one-hot resolution bucket
     * x[120 + (r - 112) / 16]; inactive slots are all zero.
     */
    public float[] features() {
        float[] x = new float[FEATURES];
        for (int i = 0; i < SLOTS; i++) {
            if (active(i)) {
                x[3 * i + indexOf(KERNELS, kernel[i])] = 1;
                x[60 + 3 * i + indexOf(EXPANDS, expand[i])] = 1;
            }
        }
        x[120 + (resolution - 112) / 16] = 1;
        return x;
    }

    /** A stable text key: equal for equal canonical subnets. */
    public String key() {
        OfaSubnet c = canonical();
        StringBuilder sb = new StringBuilder("r").append(resolution).append("-d");
        for (int v : c.depth) {
            sb.append(v);
        }
        sb.append("-k");
        for (int i = 0; i < SLOTS; i++) {
            sb.append(c.kernel[i]);
        }
        sb.append("-e");
        for (int i = 0; i < SLOTS; i++) {
            sb.append(c.expand[i]);
        }
        return sb.toString();
    }

    @Override
    public int[] kernel() {
        return kernel.clone();
    }

    @Override
    public int[] expand() {
        return expand.clone();
    }

    @Override
    public int[] depth() {
        return depth.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OfaSubnet s && s.resolution == resolution && Arrays.equals(s.kernel, kernel)
                && Arrays.equals(s.expand, expand) && Arrays.equals(s.depth, depth);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(kernel) + Arrays.hashCode(expand)) + Arrays.hashCode(depth)) + resolution;
    }

    @Override
    public String toString() {
        return key();
    }
}
