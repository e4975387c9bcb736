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
        }
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

    /** Number of distinct elements of {@code t} over the whole iteration space (bounding box per axis). */
    public long tensorSize(Tensor t) {
        long size = 1;
        for (IndexExpr e : t.index()) {
            long extent = 1;
            for (Term term : e.terms()) {
                extent += term.coefficient() * (bounds.get(term.dim()) - 1);
            }
            size *= extent;
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
