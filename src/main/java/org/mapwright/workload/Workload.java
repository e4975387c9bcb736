package org.mapwright.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One layer's computation: a perfectly nested loop over {@link #dims()} with the given bounds, performing
 * {@code output[...] += operand0[...] * operand1[...] * ...} at each point (one multiply-accumulate).
 *
 * <p>Tensor order is operands first, left to right, then the output, which is also Timeloop's data-space order for
 * its CNN layer. Bounds are positive and their product (the MAC count) is at most {@link #MAX_MACS}.
 *
 * @param name         the layer or template instance name
 * @param dims         the iteration-space dimensions, in declaration order
 * @param bounds       the bound of every dimension
 * @param tensors      operands, then the output
 * @param coefficients named constants used in index expressions (stride, dilation), for reports and round trips
 */
public record Workload(String name, List<Dim> dims, Map<Dim, Long> bounds, List<Tensor> tensors,
                       Map<String, Long> coefficients) {

    /** Largest supported MAC count (2^50), so that every access count fits comfortably in a long. */
    public static final long MAX_MACS = 1L << 50;

    /**
     * Largest supported {@link #trafficBound traffic bound} of a tensor (2^62): every count the cost model forms for
     * the tensor (tiles, partitions, loads, reads, fills, updates, summed over instances) is at most that bound, so
     * with this limit none of them can overflow a long.
     */
    public static final long MAX_TRAFFIC = 1L << 62;

    public Workload {
        Objects.requireNonNull(name, "name");
        dims = List.copyOf(dims);
        bounds = unmodifiableOrdered(bounds);
        tensors = List.copyOf(tensors);
        coefficients = unmodifiableOrdered(coefficients);
        if (dims.isEmpty()) {
            throw new IllegalArgumentException("Workload " + name + " needs at least one dimension.");
        }
        if (dims.stream().distinct().count() != dims.size()) {
            throw new IllegalArgumentException("Workload " + name + " declares a dimension twice: " + dims + ".");
        }
        long macs = 1;
        for (Dim d : dims) {
            Long b = bounds.get(d);
            if (b == null || b < 1) {
                throw new IllegalArgumentException("Dimension " + d + " of workload " + name + " needs a positive bound, got " + b + ".");
            }
            if (macs > MAX_MACS / b) {
                throw new IllegalArgumentException("Workload " + name + " has more than 2^50 MACs; split it into smaller layers.");
            }
            macs *= b;
        }
        if (!bounds.keySet().equals(new java.util.HashSet<>(dims))) {
            throw new IllegalArgumentException("Workload " + name + " has bounds for dimensions it does not declare: " + bounds.keySet() + ".");
        }
        long outputs = tensors.stream().filter(Tensor::output).count();
        if (outputs != 1) {
            throw new IllegalArgumentException("Workload " + name + " needs exactly one output tensor, found " + outputs + ".");
        }
        if (tensors.stream().map(Tensor::id).distinct().count() != tensors.size()) {
            throw new IllegalArgumentException("Workload " + name + " names a tensor twice.");
        }
        for (Tensor t : tensors) {
            for (IndexExpr e : t.index()) {
                for (Term term : e.terms()) {
                    if (!bounds.containsKey(term.dim())) {
                        throw new IllegalArgumentException("Tensor " + t.id() + " of workload " + name + " uses unknown dimension " + term.dim() + ".");
                    }
                }
            }
            Optional<String> outputProblem = outputProblem(t);
            if (outputProblem.isPresent()) {
                throw new IllegalArgumentException("Workload " + name + ": " + outputProblem.get());
            }
            if (trafficBound(t, bounds, macs) > MAX_TRAFFIC) {
                throw new IllegalArgumentException("Workload " + name + ": " + trafficProblem(t, bounds, macs));
            }
        }
    }

    /** Why outputs must be indexed by plain dimensions, and what to do; ends every message about such an output. */
    public static final String OUTPUT_RULE = "Mapwright counts an output's read-modify-write accesses from its tiles' "
            + "bounding boxes, as Timeloop does, which is exact only when every output index term is a plain dimension "
            + "(coefficient 1) used on one axis; it rejects other outputs rather than report negative reads (Timeloop "
            + "v3.0.3 aborts on them). Index the output with plain dimensions and move coefficients to the operands.";

    /**
     * Why the model cannot count output tensor {@code t} exactly, if it cannot. The read-modify-write rule (reads =
     * updates - partition) assumes that the bounding box of an output tile is exactly the set of points the tile's
     * iterations write: true when every index term has coefficient 1 and no dimension indexes two axes, false
     * otherwise ({@code Outputs[2*P]} writes every other element of its box; {@code Outputs[P, P]} the diagonal), where
     * the rule would give negative reads. Timeloop v3.0.3 has the same bounding-box rule and stops on such outputs
     * (checked with the tool on {@code Outputs[2*P]} and {@code Outputs[P, P]}: timeloop-model aborts on its assertion
     * that an output's accesses cover its partition, in tiling.cpp), so there is no Timeloop figure to reproduce and
     * such outputs are rejected.
     *
     * @return a full-sentence message naming the term, or empty when {@code t} is an operand or a plain output
     */
    public static Optional<String> outputProblem(Tensor t) {
        if (!t.output()) {
            return Optional.empty();
        }
        java.util.Set<Dim> seen = new java.util.HashSet<>();
        for (IndexExpr e : t.index()) {
            for (Term term : e.terms()) {
                if (term.coefficient() != 1) {
                    return Optional.of(outputMessage(t, "multiplies " + term.dim() + " by " + term.coefficient()
                            + ", so its tiles are sparse (they write one element in " + term.coefficient()
                            + " of their bounding box along that axis)"));
                }
                if (!seen.add(term.dim())) {
                    return Optional.of(outputMessage(t, "indexes two of its axes with " + term.dim()
                            + ", so its tiles write only a diagonal of their bounding box"));
                }
            }
        }
        return Optional.empty();
    }

    private static String outputMessage(Tensor t, String why) {
        return "The output " + t + " " + why + ". " + OUTPUT_RULE;
    }

    /**
     * An upper bound on every count of tensor {@code t} (per instance or summed over instances, at any level, under
     * any mapping whose factors multiply to the bounds): the MACs, times the sum of the coefficients of each axis,
     * times the bound of each dimension once more for every extra axis it indexes. A tile is at most the product over
     * axes of (sum of coefficient x extent) and a level loads at most one tile per temporal step above it, so summed
     * over instances it moves at most this many words; reads, updates and partitions are bounded by its children's
     * loads or by the MACs. Saturates at {@link Long#MAX_VALUE}.
     */
    public static long trafficBound(Tensor t, Map<Dim, Long> bounds, long macs) {
        long b = macs;
        Map<Dim, Integer> axesOf = new java.util.HashMap<>();
        for (IndexExpr e : t.index()) {
            long sum = 0;
            for (Term term : e.terms()) {
                sum = saturatingAdd(sum, term.coefficient());
                axesOf.merge(term.dim(), 1, Integer::sum);
            }
            b = saturatingMultiply(b, sum);
        }
        for (Map.Entry<Dim, Integer> a : axesOf.entrySet()) {
            for (int i = 1; i < a.getValue(); i++) {
                b = saturatingMultiply(b, bounds.get(a.getKey()));
            }
        }
        return b;
    }

    /** The message for a tensor whose {@link #trafficBound} is above {@link #MAX_TRAFFIC}. */
    public static String trafficProblem(Tensor t, Map<Dim, Long> bounds, long macs) {
        long b = trafficBound(t, bounds, macs);
        return "Tensor " + t + " could move up to " + (b == Long.MAX_VALUE ? "more than 2^63" : Long.toString(b))
                + " words (the MACs times the sum of each index's coefficients), more than the 2^62 that Mapwright's "
                + "counts can hold; use smaller coefficients or bounds, or split the layer.";
    }

    /** {@code a * b} for non-negative operands, or {@link Long#MAX_VALUE} when the product does not fit. */
    public static long saturatingMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    /** {@code a + b} for non-negative operands, or {@link Long#MAX_VALUE} when the sum does not fit. */
    public static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static <K, V> Map<K, V> unmodifiableOrdered(Map<K, V> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    public long bound(Dim d) {
        Long b = bounds.get(d);
        if (b == null) {
            throw new IllegalArgumentException("Workload " + name + " has no dimension " + d + ".");
        }
        return b;
    }

    /** Number of multiply-accumulates: the product of all bounds. */
    public long macs() {
        long m = 1;
        for (Dim d : dims) {
            m *= bounds.get(d);
        }
        return m;
    }

    public Optional<Dim> dim(String dimName) {
        return dims.stream().filter(d -> d.name().equals(dimName)).findFirst();
    }

    public Optional<Tensor> tensor(String tensorName) {
        return tensors.stream().filter(t -> t.name().equals(tensorName)).findFirst();
    }

    public int dimIndex(Dim d) {
        return dims.indexOf(d);
    }

    public Tensor output() {
        return tensors.stream().filter(Tensor::output).findFirst().orElseThrow();
    }

    public List<TensorId> tensorIds() {
        List<TensorId> ids = new ArrayList<>();
        for (Tensor t : tensors) {
            ids.add(t.id());
        }
        return ids;
    }

    /**
     * Number of distinct elements of {@code t} over the whole iteration space (bounding box per axis). It is at most
     * the tensor's {@link #trafficBound}, which the constructor keeps within {@link #MAX_TRAFFIC}; the arithmetic is
     * checked all the same.
     */
    public long tensorSize(Tensor t) {
        long size = 1;
        for (IndexExpr e : t.index()) {
            long extent = 1;
            for (Term term : e.terms()) {
                extent = Math.addExact(extent, Math.multiplyExact(term.coefficient(), bounds.get(term.dim()) - 1));
            }
            size = Math.multiplyExact(size, extent);
        }
        return size;
    }

    /** A copy with another name, for instances of a shared template. */
    public Workload withName(String newName) {
        return new Workload(newName, dims, bounds, tensors, coefficients);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < dims.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(dims.get(i)).append('=').append(bounds.get(dims.get(i)));
        }
        return sb.append(')').toString();
    }
}
