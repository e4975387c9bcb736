/**
 * The mapspace: the legal mappings of a workload on an accelerator under user and architecture constraints, with
 * uniform sampling, neighbourhood moves, repairs, crossover, a size estimate and numeric encodings. It knows
 * nothing of costs; the search package evaluates points.
 */
package org.mapwright.mapspace;
