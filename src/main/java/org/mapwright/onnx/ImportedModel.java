package org.mapwright.onnx;

import java.util.Objects;
import org.mapwright.workload.Network;

/**
 * An ONNX model as Mapwright reads it: the network of its layers, and what the import skipped and assumed.
 *
 * @param network the layers, one per Conv, Gemm and MatMul node, in graph order
 * @param report  skipped operators and assumptions, for the user
 */
public record ImportedModel(Network network, ImportReport report) {
    public ImportedModel {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(report, "report");
    }
}
