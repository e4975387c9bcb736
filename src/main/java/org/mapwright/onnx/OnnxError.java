package org.mapwright.onnx;

/**
 * A problem with the model, phrased for the user (a full sentence that names the node and says what to do);
 * {@link OnnxImport} turns it into an {@link org.mapwright.diag.InputException} located at the file.
 */
final class OnnxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OnnxError(String message) {
        super(message);
    }

    /** An error about {@code node}: its description, a colon, then {@code message}. */
    static OnnxError at(NodeRef node, String message) {
        return new OnnxError(node + ": " + message);
    }
}
