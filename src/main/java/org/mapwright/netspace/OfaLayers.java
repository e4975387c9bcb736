package org.mapwright.netspace;

import java.util.ArrayList;
import java.util.List;

/**
 * The layer list of an OFA-MobileNetV3 subnet (width multiplier 1.2, the supernet of OFA's accuracy predictor and of
 * its Samsung Note10 latency tables), and the Note10 table keys of the same network.
 *
 * <p>Structure (OFA's {@code OFAMobileNetV3}; Cai et al., ICLR 2020): a 3x3 stride-2 stem convolution 3 -> 24; a first
 * block 24 -> 24 without expansion (depthwise 3x3, project 1x1); five stages with output channels 32, 48, 96, 136,
 * 192, strides 2, 2, 2, 1, 2 (on a stage's first block), squeeze-excite on stages 2, 4 and 5; each active block is an
 * expanding 1x1 convolution (in -> round(in x e) channels), a k x k depthwise convolution, squeeze-excite as two
 * fully connected layers at batch 1, and a projecting 1x1 convolution; then a 1x1 convolution 192 -> 1152, a global
 * average pool (no multiplies: not a layer here), a fully connected 1152 -> 1536 and the 1536 -> 1000 classifier.
 *
 * <p>Sizes follow OFA's "same" padding: a stride-s layer maps n pixels to {@code (n - 1) / s + 1}. Mapwright's
 * templates have no padding, so every layer gets its output size as {@code P = Q} (as in {@code mobilenet_v2.mw}).
 * Layer names: {@code stem}, {@code first_dw}, {@code first_project}, {@code s<stage>_b<block>_expand|dw|se_reduce|
 * se_expand|project} (stages and blocks counted from 1), {@code final_expand}, {@code feature_mix}, {@code
 * classifier}. Consecutive identical blocks of a stage (same kernel and expansion after its first block) become one
 * set of layers, named after the first of them, with a repeat count.
 */
final class OfaLayers {
    static final int STEM = 24;
    static final int[] OUT = {32, 48, 96, 136, 192};
    static final int[] STRIDE = {2, 2, 2, 1, 2};
    static final boolean[] SE = {false, true, false, true, true};
    static final boolean[] HSWISH = {false, false, true, true, true};
    static final int FINAL_EXPAND = 1152;
    static final int FEATURE_MIX = 1536;
    static final int CLASSES = 1000;

    private OfaLayers() {
    }

    /** Output size of a stride-{@code s} layer with "same" padding on {@code n} pixels. */
    static int out(int n, int s) {
        return (n - 1) / s + 1;
    }

    /**
     * Middle width of a squeeze-excite module on {@code channels} channels: OFA's {@code SEModule} uses {@code
     * make_divisible(channels // 4, 8)} (ofa/utils/pytorch_modules.py, mit-han-lab/once-for-all commit 80a2e26),
     * the usual MobileNet rounding to a multiple of 8 that never drops more than 10%.
     */
    static int seMid(int channels) {
        int v = channels / 4;
        int r = Math.max(8, (v + 4) / 8 * 8);
        return r < 0.9 * v ? r + 8 : r;
    }

    static List<LayerCall> layers(OfaSubnet s) {
        List<LayerCall> out = new ArrayList<>();
        int n = out(s.resolution(), 2);
        out.add(new LayerCall("stem", LayerCall.conv(3, STEM, 3, n, 2), 1));
        out.add(new LayerCall("first_dw", LayerCall.depthwise(STEM, 3, n, 1), 1));
        out.add(new LayerCall("first_project", LayerCall.conv(STEM, STEM, 1, n, 1), 1));
        int[] k = s.kernel();
        int[] e = s.expand();
        int[] d = s.depth();
        int in = STEM;
        for (int g = 0; g < OfaSubnet.STAGES; g++) {
            int b = 0;
            while (b < d[g]) {
                int slot = OfaSubnet.MAX_DEPTH * g + b;
                int run = 1;
                while (b > 0 && b + run < d[g] && k[slot + run] == k[slot] && e[slot + run] == e[slot]) {
                    run++;
                }
                int stride = b == 0 ? STRIDE[g] : 1;
                int mid = in * e[slot];
                int o = out(n, stride);
                String p = "s" + (g + 1) + "_b" + (b + 1) + "_";
                out.add(new LayerCall(p + "expand", LayerCall.conv(in, mid, 1, n, 1), run));
                out.add(new LayerCall(p + "dw", LayerCall.depthwise(mid, k[slot], o, stride), run));
                if (SE[g]) {
                    out.add(new LayerCall(p + "se_reduce", LayerCall.fc(mid, seMid(mid)), run));
                    out.add(new LayerCall(p + "se_expand", LayerCall.fc(seMid(mid), mid), run));
                }
                out.add(new LayerCall(p + "project", LayerCall.conv(mid, OUT[g], 1, o, 1), run));
                in = OUT[g];
                n = o;
                b += run;
            }
        }
        out.add(new LayerCall("final_expand", LayerCall.conv(in, FINAL_EXPAND, 1, n, 1), 1));
        out.add(new LayerCall("feature_mix", LayerCall.fc(FINAL_EXPAND, FEATURE_MIX), 1));
        out.add(new LayerCall("classifier", LayerCall.fc(FEATURE_MIX, CLASSES), 1));
        return List.copyOf(out);
    }

    /**
     * The keys of OFA's Note10 per-layer latency table for this network, one per block (not merged), in order: {@code
     * Conv}, the first {@code expanded_conv}, one {@code expanded_conv} per active block, {@code Conv_1}, {@code
     * AvgPool2D}, {@code Conv_2}, {@code Logits} (the format of OFA's {@code note10/<r>_lookup_table.yaml}).
     */
    static List<String> note10Keys(OfaSubnet s) {
        List<String> keys = new ArrayList<>();
        int r = s.resolution();
        int n = out(r, 2);
        keys.add("Conv-input:" + hw(r, 3) + "-output:" + hw(n, STEM));
        keys.add(block(n, STEM, n, STEM, STEM, 3, 1, true, false, false));
        int[] k = s.kernel();
        int[] e = s.expand();
        int in = STEM;
        for (int g = 0; g < OfaSubnet.STAGES; g++) {
            for (int b = 0; b < s.depth()[g]; b++) {
                int slot = OfaSubnet.MAX_DEPTH * g + b;
                int stride = b == 0 ? STRIDE[g] : 1;
                int o = out(n, stride);
                keys.add(block(n, in, o, OUT[g], in * e[slot], k[slot], stride, b > 0, SE[g], HSWISH[g]));
                in = OUT[g];
                n = o;
            }
        }
        keys.add("Conv_1-input:" + hw(n, in) + "-output:" + hw(n, FINAL_EXPAND));
        keys.add("AvgPool2D-input:" + hw(n, FINAL_EXPAND) + "-output:" + hw(1, FINAL_EXPAND));
        keys.add("Conv_2-input:" + hw(1, FINAL_EXPAND) + "-output:" + hw(1, FEATURE_MIX));
        keys.add("Logits-input:" + hw(1, FEATURE_MIX) + "-output:" + CLASSES);
        return List.copyOf(keys);
    }

    private static String block(int n, int in, int o, int out, int mid, int k, int stride, boolean skip, boolean se,
                                boolean hs) {
        return "expanded_conv-input:" + hw(n, in) + "-output:" + hw(o, out) + "-expand:" + mid + "-kernel:" + k
                + "-stride:" + stride + "-idskip:" + bit(skip) + "-se:" + bit(se) + "-hs:" + bit(hs);
    }

    private static String hw(int n, int c) {
        return n + "x" + n + "x" + c;
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }
}
