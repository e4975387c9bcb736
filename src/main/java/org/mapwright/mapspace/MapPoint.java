package org.mapwright.mapspace;

import java.util.Arrays;

/**
 * One point of a {@link Mapspace}: a complete mapping in array form that mappers mutate in place.
 *
 * <p>{@code factor[d * slots + s]} is dimension d's factor in slot s, where slot {@code 2l} is level l's temporal
 * loops and slot {@code 2l+1} its spatial fan-out; {@code axis[l * dims + d]} is 0 for X and 1 for Y (meaningful
 * when the spatial factor is above 1); {@code order[l * dims + k]} is the dimension at position k of level l's
 * temporal loops, outer to inner; {@code keep[l]} is a bitmask over tensors.
 */
public final class MapPoint {
    final int dims;
    final int levels;
    final int slots;
    public final long[] factor;
    public final byte[] axis;
    public final int[] order;
    public final int[] keep;

    MapPoint(int dims, int levels) {
        this.dims = dims;
        this.levels = levels;
        this.slots = 2 * levels;
        factor = new long[dims * slots];
        axis = new byte[levels * dims];
        order = new int[levels * dims];
        keep = new int[levels];
        Arrays.fill(factor, 1);
    }

    public long factor(int dim, int slot) {
        return factor[dim * slots + slot];
    }

    public long temporal(int level, int dim) {
        return factor[dim * slots + 2 * level];
    }

    public long spatial(int level, int dim) {
        return factor[dim * slots + 2 * level + 1];
    }

    /** A copy that shares nothing with this point. */
    public MapPoint copy() {
        MapPoint p = new MapPoint(dims, levels);
        p.copyFrom(this);
        return p;
    }

    public void copyFrom(MapPoint o) {
        System.arraycopy(o.factor, 0, factor, 0, factor.length);
        System.arraycopy(o.axis, 0, axis, 0, axis.length);
        System.arraycopy(o.order, 0, order, 0, order.length);
        System.arraycopy(o.keep, 0, keep, 0, keep.length);
    }

    /**
     * A key that is equal for two points exactly when they describe the same mapping: loop orders are compared
     * only over loops with factors above 1, and axes only where something is unrolled.
     */
    public Key key() {
        long[] k = new long[factor.length + levels * (dims + 1)];
        System.arraycopy(factor, 0, k, 0, factor.length);
        int i = factor.length;
        for (int l = 0; l < levels; l++) {
            long packedAxes = 0;
            for (int d = 0; d < dims; d++) {
                if (factor[d * slots + 2 * l + 1] > 1 && axis[l * dims + d] != 0) {
                    packedAxes |= 1L << d;
                }
            }
            k[i++] = packedAxes << 32 | keep[l];
            int pos = 0;
            for (int j = 0; j < dims; j++) {
                int d = order[l * dims + j];
                if (factor[d * slots + 2 * l] > 1) {
                    k[i + pos++] = d + 1;
                }
            }
            i += dims;
        }
        return new Key(k);
    }

    /** Value-equal mapping identity, for caches and duplicate detection. */
    public static final class Key {
        private final long[] v;
        private final int hash;

        Key(long[] v) {
            this.v = v;
            this.hash = Arrays.hashCode(v);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.v, v);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapPoint p && p.key().equals(key());
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }
}
