package org.mapwright.onnx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One layer the import makes of a node: a call of a DSL layer template with every dimension and coefficient bound,
 * run {@code repeat} times (the groups of a grouped convolution).
 *
 * @param node     the node it comes from
 * @param template the template's name ({@code conv2d}, {@code depthwise_conv2d}, {@code matmul}, ...)
 * @param args     dimension and coefficient values, in the template's order
 * @param repeat   how many times the network runs it
 */
record LayerCall(NodeRef node, String template, Map<String, Long> args, long repeat) {
    LayerCall {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /** The call as DSL: {@code template(A = 1, B = 2)}. */
    String text() {
        StringBuilder sb = new StringBuilder(template).append('(');
        int i = 0;
        for (Map.Entry<String, Long> e : args.entrySet()) {
            sb.append(i++ == 0 ? "" : ", ").append(e.getKey()).append(" = ").append(e.getValue());
        }
        return sb.append(')').toString();
    }
}
