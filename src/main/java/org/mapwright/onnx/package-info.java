/**
 * ONNX models in: reads a {@code .onnx} file (through classes generated at build time from the format subset in
 * {@code src/main/proto/onnx_subset.proto}), follows tensor shapes through the graph, and turns its convolutions,
 * Gemms and MatMuls into a Mapwright {@link org.mapwright.workload.Network} built from the DSL's layer templates
 * ({@code workloads/layers.mw}). Operators that are not layers are reported as skipped, never fatal; a node the import
 * cannot size is a located error that names it.
 */
package org.mapwright.onnx;
