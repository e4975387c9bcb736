package org.mapwright.onnx;

/**
 * A node of the model's graph as messages name it: its place in the graph's node list (0-based, as
 * {@code model.graph.node[i]} in ONNX's Python API), its name when it has one, and its operator.
 */
record NodeRef(int index, String name, String op) {

    @Override
    public String toString() {
        return "node " + index + (name.isEmpty() ? "" : " `" + name + "`") + " (" + op + ")";
    }
}
