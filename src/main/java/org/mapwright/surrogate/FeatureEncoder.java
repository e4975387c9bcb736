package org.mapwright.surrogate;

import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.Projection;
import org.mapwright.workload.Workload;

/**
 * The fixed-length feature vector of a (layer, accelerator, mapping) triple within one accelerator {@link Family},
 * and its inverse: the nearest legal mapping to any real vector. The network sees these features after z-scoring;
 * the encoding itself is plain and documented here so that datasets and models stay readable.
 *
 * <p>Layout, with D = 7 canonical dimensions ({@link WorkloadKind#CANONICAL_DIMS}), T = 3 canonical tensors, L
 * storage levels and S = 2L slots (level l's temporal loops at slot 2l, its spatial fan-out at 2l+1):
 * <ol>
 *   <li>layer, 13: natural log of each canonical dimension's bound (0 for a dimension the kind lacks), log stride,
 *       log dilation, and a one-hot of the {@link WorkloadKind};</li>
 *   <li>accelerator, {@link Family#parameterCount()}: {@link Family#parameters};</li>
 *   <li>tiling, D x S: natural log of each canonical dimension's factor in each slot;</li>
 *   <li>loop order, L x D: an importance score per level and dimension. A level's temporal loops with factors above
 *       1, outermost first, get (rank + 1) / (k + 1) for k such loops; loops of factor 1 get 0 wherever they sit,
 *       so moving them does not change the encoding. Decoding sorts by score, lowest outermost (NAAS-style);</li>
 *   <li>keep, L x T: 1 when the level keeps the tensor;</li>
 *   <li>axis, L x D: 1 when the dimension is unrolled on Y at the level (factor above 1), else 0.</li>
 * </ol>
 */
public final class FeatureEncoder {
    public static final int DIMS = WorkloadKind.CANONICAL_DIMS.size();
    public static final int TENSORS = WorkloadKind.CANONICAL_TENSORS.size();
    public static final int LAYER_FEATURES = DIMS + 2 + WorkloadKind.values().length;

    private final Family family;

    public FeatureEncoder(Family family) {
        this.family = family;
    }

    public Family family() {
        return family;
    }

    public int length() {
        return mappingStart() + mappingLength();
    }

    /** Where the mapping's features start; everything before describes the layer and the accelerator. */
    public int mappingStart() {
        return LAYER_FEATURES + family.parameterCount();
    }

    public int mappingLength() {
        int nl = family.levels();
        return DIMS * 2 * nl + nl * DIMS + nl * TENSORS + nl * DIMS;
    }

    /** Why this encoder cannot describe a mapspace, or null when it can. */
    public String unsupported(Mapspace ms) {
        if (!family.admits(ms.architecture())) {
            return "accelerator " + ms.architecture().name() + " is not of the " + family.name() + " family (it needs "
                    + family.levels() + " storage levels with fan-outs where " + family.base().name() + " has them)";
        }
        if (WorkloadKind.of(ms.workload()).isEmpty()) {
            return "layer " + ms.workload().name() + " is not one of the shapes the surrogate knows ("
                    + String.join(", ", WorkloadKind.names()) + " from workloads/layers.mw)";
        }
        return null;
    }

    /** The encoder of one mapspace; throws when {@link #unsupported} says why not. */
    public Bound bind(Mapspace ms) {
        String why = unsupported(ms);
        if (why != null) {
            throw new IllegalArgumentException("The " + family.name() + " surrogate cannot be used: " + why + ".");
        }
        return new Bound(ms);
    }

    /** Encoding and decoding for one mapspace: the layer and accelerator part is computed once. */
    public final class Bound {
        private final Mapspace ms;
        private final double[] prefix;
        private final int[] canonDim;
        private final int[] canonTensor;
        private final int nd;
        private final int nl;
        private final int ns;
        private final int nt;
        private final int factorOff;
        private final int orderOff;
        private final int keepOff;
        private final int axisOff;
        private final Projection projection;
        private final double[] logFactor;
        private final double[] orderScore;
        private final double[] keepScore;
        private final double[] axisScore;

        Bound(Mapspace ms) {
            this.ms = ms;
            Workload w = ms.workload();
            WorkloadKind kind = WorkloadKind.of(w).orElseThrow();
            canonDim = kind.canonicalDims(w);
            canonTensor = WorkloadKind.canonicalTensors(w);
            nd = ms.dims();
            nl = ms.levels();
            ns = 2 * nl;
            nt = ms.tensors();
            prefix = new double[mappingStart()];
            for (int d = 0; d < nd; d++) {
                prefix[canonDim[d]] = Math.log(w.bound(w.dims().get(d)));
            }
            prefix[DIMS] = Math.log(w.coefficients().getOrDefault("stride", 1L));
            prefix[DIMS + 1] = Math.log(w.coefficients().getOrDefault("dilation", 1L));
            prefix[DIMS + 2 + kind.ordinal()] = 1;
            System.arraycopy(family.parameters(ms.architecture()), 0, prefix, LAYER_FEATURES, family.parameterCount());
            factorOff = mappingStart();
            orderOff = factorOff + DIMS * ns;
            keepOff = orderOff + nl * DIMS;
            axisOff = keepOff + nl * TENSORS;
            projection = new Projection(ms);
            logFactor = new double[nd * ns];
            orderScore = new double[nl * nd];
            keepScore = new double[nl * nt];
            axisScore = new double[nl * nd];
        }

        public Mapspace space() {
            return ms;
        }

        public FeatureEncoder encoder() {
            return FeatureEncoder.this;
        }

        /** Writes the features of a point into {@code out[offset ..< offset + length()]}. */
        public void encode(MapPoint p, float[] out, int offset) {
            for (int i = 0; i < prefix.length; i++) {
                out[offset + i] = (float) prefix[i];
            }
            for (int i = prefix.length; i < length(); i++) {
                out[offset + i] = 0;
            }
            for (int d = 0; d < nd; d++) {
                int c = canonDim[d];
                for (int s = 0; s < ns; s++) {
                    out[offset + factorOff + c * ns + s] = (float) Math.log(p.factor(d, s));
                }
            }
            for (int l = 0; l < nl; l++) {
                int k = 0;
                for (int j = 0; j < nd; j++) {
                    if (p.temporal(l, p.order[l * nd + j]) > 1) {
                        k++;
                    }
                }
                int rank = 0;
                for (int j = 0; j < nd; j++) {
                    int d = p.order[l * nd + j];
                    if (p.temporal(l, d) > 1) {
                        out[offset + orderOff + l * DIMS + canonDim[d]] = (float) (rank + 1) / (k + 1);
                        rank++;
                    }
                }
                for (int t = 0; t < nt; t++) {
                    out[offset + keepOff + l * TENSORS + canonTensor[t]] = p.keep[l] >>> t & 1;
                }
                for (int d = 0; d < nd; d++) {
                    if (p.spatial(l, d) > 1 && p.axis[l * nd + d] != 0) {
                        out[offset + axisOff + l * DIMS + canonDim[d]] = 1;
                    }
                }
            }
        }

        /** The features of a point, as doubles. */
        public double[] encode(MapPoint p) {
            float[] f = new float[length()];
            encode(p, f, 0);
            double[] v = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                v[i] = f[i];
            }
            return v;
        }

        /**
         * Writes the nearest legal point to the mapping part of {@code v[offset ..< offset + length()]} into {@code
         * out} (see {@link Projection}); the layer and accelerator parts are ignored.
         */
        public void decode(double[] v, int offset, MapPoint out) {
            for (int d = 0; d < nd; d++) {
                int c = canonDim[d];
                for (int s = 0; s < ns; s++) {
                    logFactor[d * ns + s] = v[offset + factorOff + c * ns + s];
                }
            }
            for (int l = 0; l < nl; l++) {
                for (int d = 0; d < nd; d++) {
                    orderScore[l * nd + d] = v[offset + orderOff + l * DIMS + canonDim[d]];
                    axisScore[l * nd + d] = v[offset + axisOff + l * DIMS + canonDim[d]];
                }
                for (int t = 0; t < nt; t++) {
                    keepScore[l * nt + t] = v[offset + keepOff + l * TENSORS + canonTensor[t]];
                }
            }
            projection.project(logFactor, orderScore, keepScore, axisScore, out);
        }
    }
}
