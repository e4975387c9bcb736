package org.mapwright.surrogate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

/**
 * Layers for surrogate training: convolutions (plain, strided, pointwise, depthwise) and matrix multiplies (plain and
 * batched) drawn over realistic ranges, plus the layers of the built-in networks that are not held out.
 *
 * <p>Held out: every layer of {@link #HELD_OUT_NETWORKS} (ResNet-50, MobileNet-v2 and BERT-base). A sampled layer
 * with the same kind and dimensions as a held-out layer is drawn again, so held-out layers never reach training.
 */
public final class LayerSampler {
    /** Networks whose layers are never trained on: the benchmark's layers. */
    public static final List<String> HELD_OUT_NETWORKS = List.of("resnet50", "mobilenet_v2", "bert_base");
    /** Networks whose layers join the sampled ones in training. */
    public static final List<String> TRAINING_NETWORKS = List.of("vgg16", "alexnet");

    private static final int[] CHANNELS = {3, 8, 16, 24, 32, 48, 64, 96, 128, 144, 160, 192, 256, 320, 384, 480, 512,
        576, 768, 960, 1024, 2048};
    private static final int[] SPATIAL = {1, 2, 3, 4, 6, 7, 8, 12, 13, 14, 16, 20, 27, 28, 32, 48, 55, 56, 64, 112};
    private static final int[] FILTER = {1, 3, 3, 3, 5, 7, 11};
    private static final int[] GEMM = {16, 32, 64, 96, 128, 192, 256, 384, 512, 640, 768, 1000, 1024, 2048, 3072, 4096};
    private static final int[] BATCH = {1, 1, 1, 1, 2, 4, 8};

    private final Set<String> heldOut;

    public LayerSampler() {
        heldOut = new HashSet<>();
        for (String n : HELD_OUT_NETWORKS) {
            for (Layer l : network(n).layers()) {
                heldOut.add(signature(l.workload()));
            }
        }
    }

    /** The layers of a built-in network. */
    public static Network network(String name) {
        Library lib = Frontend.loadBuiltin(name + ".mw");
        return lib.networks().get(name);
    }

    /** Distinct layers of the held-out networks (identical shapes once). */
    public static List<Layer> heldOutLayers() {
        Map<String, Layer> out = new LinkedHashMap<>();
        for (String n : HELD_OUT_NETWORKS) {
            for (Layer l : network(n).layers()) {
                out.putIfAbsent(signature(l.workload()), new Layer(n + "." + l.name(), l.workload(), 1));
            }
        }
        return List.copyOf(out.values());
    }

    /** Distinct layers of the training networks. */
    public List<Workload> trainingNetworkLayers() {
        Map<String, Workload> out = new LinkedHashMap<>();
        for (String n : TRAINING_NETWORKS) {
            for (Layer l : network(n).layers()) {
                if (!heldOut.contains(signature(l.workload()))) {
                    out.putIfAbsent(signature(l.workload()), l.workload().withName(n + "." + l.name()));
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** Whether a layer has the shape of a held-out layer. */
    public boolean isHeldOut(Workload w) {
        return heldOut.contains(signature(w));
    }

    /** A random layer that is not held out. */
    public Workload sample(SplittableRandom rnd, String name) {
        while (true) {
            Workload w = draw(rnd, name);
            if (!isHeldOut(w)) {
                return w;
            }
        }
    }

    private static Workload draw(SplittableRandom rnd, String name) {
        int kind = rnd.nextInt(10);
        if (kind < 6) {
            int r = kind == 3 ? 1 : FILTER[rnd.nextInt(FILTER.length)];
            int stride = kind == 2 || (r > 1 && rnd.nextInt(5) == 0) ? 2 : 1;
            int p = SPATIAL[rnd.nextInt(SPATIAL.length)];
            return layer(name, String.format("conv2d(C = %d, M = %d, R = %d, S = %d, N = %d, P = %d, Q = %d, stride = %d)",
                    pickChannels(rnd), pickChannels(rnd), r, r, BATCH[rnd.nextInt(BATCH.length)], p,
                    rnd.nextInt(4) == 0 ? SPATIAL[rnd.nextInt(SPATIAL.length)] : p, stride));
        }
        if (kind < 8) {
            int r = rnd.nextBoolean() ? 3 : 5;
            int p = SPATIAL[rnd.nextInt(SPATIAL.length)];
            return layer(name, String.format("depthwise_conv2d(C = %d, R = %d, S = %d, N = %d, P = %d, Q = %d, stride = %d)",
                    pickChannels(rnd), r, r, BATCH[rnd.nextInt(BATCH.length)], p, p, rnd.nextInt(3) == 0 ? 2 : 1));
        }
        if (kind == 8) {
            return layer(name, String.format("matmul(M = %d, N = %d, K = %d)", pickGemm(rnd), pickGemm(rnd), pickGemm(rnd)));
        }
        return layer(name, String.format("batched_matmul(B = %d, M = %d, N = %d, K = %d)", 1 << rnd.nextInt(5),
                pickGemm(rnd), pickGemm(rnd), pickGemm(rnd) / 4 + 1));
    }

    private static int pickChannels(SplittableRandom rnd) {
        return CHANNELS[rnd.nextInt(CHANNELS.length)];
    }

    private static int pickGemm(SplittableRandom rnd) {
        return GEMM[rnd.nextInt(GEMM.length)];
    }

    static Workload layer(String name, String call) {
        String text = "include \"builtin:layers.mw\"\nnetwork sampled {\n  " + name + " = " + call + "\n}\n";
        Library lib = Frontend.loadText("sampled.mw", text);
        return lib.networks().get("sampled").layers().get(0).workload();
    }

    /** Kind and dimensions: equal for layers the surrogate cannot tell apart. */
    static String signature(Workload w) {
        List<String> parts = new ArrayList<>();
        parts.add(WorkloadKind.of(w).map(Enum::name).orElse(w.dims().toString()));
        w.bounds().forEach((d, b) -> parts.add(d.name() + "=" + b));
        w.coefficients().forEach((c, v) -> parts.add(c + "=" + v));
        return String.join(",", parts);
    }
}
