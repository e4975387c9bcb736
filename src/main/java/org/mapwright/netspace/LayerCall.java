package org.mapwright.netspace;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mapwright.dsl.Frontend;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

/**
 * One layer of a generated network: its name, a call of a template of {@code workloads/layers.mw} such as {@code
 * conv2d(C = 24, M = 72, P = 56, Q = 56)}, and a repeat count.
 *
 * <p>Workloads are made by parsing the call once per distinct {@code name = call} line (parsing costs about a
 * millisecond; a search builds thousands of networks from a few hundred distinct lines), then shared.
 */
record LayerCall(String name, String call, int repeat) {
    private static final Map<String, Workload> PARSED = new ConcurrentHashMap<>();
    private static final String INCLUDE = "include \"builtin:layers.mw\"\n";

    LayerCall {
        if (repeat < 1) {
            throw new IllegalArgumentException("Layer " + name + " needs a repeat count of at least 1, got " + repeat + ".");
        }
    }

    /** A conv2d call; the template has no padding, so {@code p} is the output size. */
    static String conv(int c, int m, int r, int p, int stride) {
        return "conv2d(C = " + c + ", M = " + m + (r == 1 ? "" : ", R = " + r + ", S = " + r) + ", P = " + p + ", Q = " + p
                + (stride == 1 ? "" : ", stride = " + stride) + ")";
    }

    /** A depthwise_conv2d call with output size {@code p}. */
    static String depthwise(int c, int r, int p, int stride) {
        return "depthwise_conv2d(C = " + c + ", R = " + r + ", S = " + r + ", P = " + p + ", Q = " + p
                + (stride == 1 ? "" : ", stride = " + stride) + ")";
    }

    /** A fully connected layer at batch 1: a matmul of a 1 x k input by a k x n weight. */
    static String fc(int k, int n) {
        return "matmul(M = 1, N = " + n + ", K = " + k + ")";
    }

    Layer layer() {
        String line = line();
        Workload w = PARSED.computeIfAbsent(line, LayerCall::parse);
        return new Layer(name, w, repeat);
    }

    private String line() {
        return name + " = " + call;
    }

    private static Workload parse(String line) {
        String text = INCLUDE + "network generated {\n  " + line + "\n}\n";
        return Frontend.loadText("generated.mw", text).networks().get("generated").layers().get(0).workload();
    }

    static Network network(String name, List<LayerCall> calls) {
        checkName(name);
        Layer[] layers = new Layer[calls.size()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = calls.get(i).layer();
        }
        return new Network(name, List.of(layers));
    }

    static String dsl(String name, String comment, List<LayerCall> calls) {
        checkName(name);
        int width = 0;
        for (LayerCall c : calls) {
            width = Math.max(width, c.name.length());
        }
        StringBuilder sb = new StringBuilder();
        for (String line : comment.split("\n")) {
            sb.append("// ").append(line).append('\n');
        }
        sb.append(INCLUDE).append('\n').append("network ").append(name).append(" {\n");
        for (LayerCall c : calls) {
            sb.append("  ").append(c.name).append(" ".repeat(width - c.name.length())).append(" = ").append(c.call);
            if (c.repeat > 1) {
                sb.append(" repeat ").append(c.repeat);
            }
            sb.append('\n');
        }
        return sb.append("}\n").toString();
    }

    static long macs(List<LayerCall> calls) {
        long m = 0;
        for (LayerCall c : calls) {
            m += c.layer().workload().macs() * c.repeat;
        }
        return m;
    }

    private static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("A network name must be an identifier (letters, digits, underscores, not"
                    + " starting with a digit), got " + name + ".");
        }
    }
}
