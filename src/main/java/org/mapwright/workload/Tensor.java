package org.mapwright.workload;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A tensor of an einsum, with one affine index expression per axis.
 * The output tensor is read-write (partial sums are read, accumulated and written back); operands are read-only.
 */
public record Tensor(TensorId id, List<IndexExpr> index, boolean output) {
    public Tensor {
        Objects.requireNonNull(id, "id");
        index = List.copyOf(index);
        if (index.isEmpty()) {
            throw new IllegalArgumentException("Tensor " + id + " needs at least one index.");
        }
    }

    public String name() {
        return id.name();
    }

    /** Whether the tensor's coordinates depend on {@code d}: loops over irrelevant dims reuse its data. */
    public boolean isRelevant(Dim d) {
        return index.stream().anyMatch(e -> e.coefficient(d) != 0);
    }

    @Override
    public String toString() {
        return id + index.stream().map(IndexExpr::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
