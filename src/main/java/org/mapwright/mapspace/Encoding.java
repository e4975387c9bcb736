package org.mapwright.mapspace;

/**
 * Fixed-length numeric encodings of points, for learned models and for logging.
 *
 * <p>{@link #reals} has, in order: for every dimension and slot, log(factor) / log(bound) (0 for a bound of 1);
 * for every level and dimension, the dimension's position in the level's loop order scaled to [0, 1] (outer 0);
 * for every level and tensor, 1 if kept; for every level and dimension, 1 if unrolled on Y, 0 otherwise.
 * {@link #ints} has the same layout with the raw factor, position, keep bit and axis.
 */
public final class Encoding {
    private final Mapspace ms;

    public Encoding(Mapspace ms) {
        this.ms = ms;
    }

    public int length() {
        return ms.nd * ms.ns + ms.nl * ms.nd + ms.nl * ms.nt + ms.nl * ms.nd;
    }

    public double[] reals(MapPoint p) {
        long[] n = ints(p);
        double[] v = new double[n.length];
        int i = 0;
        for (int d = 0; d < ms.nd; d++) {
            double lb = Math.log(ms.bound[d]);
            for (int s = 0; s < ms.ns; s++, i++) {
                v[i] = lb == 0 ? 0 : Math.log(n[i]) / lb;
            }
        }
        for (int k = 0; k < ms.nl * ms.nd; k++, i++) {
            v[i] = ms.nd == 1 ? 0 : (double) n[i] / (ms.nd - 1);
        }
        for (; i < n.length; i++) {
            v[i] = n[i];
        }
        return v;
    }

    public long[] ints(MapPoint p) {
        long[] v = new long[length()];
        int i = 0;
        for (int d = 0; d < ms.nd; d++) {
            for (int s = 0; s < ms.ns; s++) {
                v[i++] = p.factor[d * ms.ns + s];
            }
        }
        int[] pos = new int[ms.nd];
        for (int l = 0; l < ms.nl; l++) {
            positions(p, l, pos);
            for (int d = 0; d < ms.nd; d++) {
                v[i++] = pos[d];
            }
        }
        for (int l = 0; l < ms.nl; l++) {
            for (int t = 0; t < ms.nt; t++) {
                v[i++] = p.keep[l] >>> t & 1;
            }
        }
        for (int l = 0; l < ms.nl; l++) {
            for (int d = 0; d < ms.nd; d++) {
                v[i++] = p.factor[d * ms.ns + 2 * l + 1] > 1 ? p.axis[l * ms.nd + d] : 0;
            }
        }
        return v;
    }

    private void positions(MapPoint p, int l, int[] pos) {
        for (int k = 0; k < ms.nd; k++) {
            pos[p.order[l * ms.nd + k]] = k;
        }
    }
}
