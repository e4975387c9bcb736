package org.mapwright.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.mapwright.diag.SourceSpan;

/**
 * A checked workload declaration: an einsum over named dimensions with named coefficients, some with defaults.
 * {@link WorkloadChecker#instantiate} binds values to get a {@code Workload}.
 *
 * @param name     the template name
 * @param dims     dimension names in declaration order, with defaults where given
 * @param coefs    coefficient names with defaults where given
 * @param tensors  operands left to right, then the output
 * @param span     where it was declared
 */
public record WorkloadTemplate(String name, Map<String, OptionalLong> dims, Map<String, OptionalLong> coefs,
                               List<TensorSpec> tensors, SourceSpan span) {

    public WorkloadTemplate {
        dims = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dims));
        coefs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(coefs));
        tensors = List.copyOf(tensors);
    }

    /** One term: {@code constant * coef1 * coef2 * ... * dim}. */
    public record TermSpec(String dim, long constant, List<String> coefNames) {
        public TermSpec {
            coefNames = List.copyOf(coefNames);
        }
    }

    /** One index: a sum of terms plus a constant offset. */
    public record AxisSpec(List<TermSpec> terms, long offset) {
        public AxisSpec {
            terms = List.copyOf(terms);
        }
    }

    public record TensorSpec(String name, List<AxisSpec> axes, boolean output) {
        public TensorSpec {
            axes = List.copyOf(axes);
        }
    }

    /** Names that an instance may bind: dimensions, then coefficients. */
    public List<String> parameterNames() {
        List<String> out = new ArrayList<>(dims.keySet());
        out.addAll(coefs.keySet());
        return out;
    }
}
