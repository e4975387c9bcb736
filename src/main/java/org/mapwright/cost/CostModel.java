package org.mapwright.cost;

import org.mapwright.mapping.Mapping;

/**
 * Anything that can score a mapping of one workload on one accelerator: the analytical model, and later learned
 * surrogates. Implementations are bound to their workload and accelerator when built.
 */
public interface CostModel {

    /** A short name for reports and provenance, such as {@code analytical}. */
    String name();

    /** Evaluates a structurally valid mapping; hardware limits come back as violations, never as exceptions. */
    Evaluation evaluate(Mapping mapping);
}
