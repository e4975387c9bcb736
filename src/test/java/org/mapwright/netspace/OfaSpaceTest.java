package org.mapwright.netspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mapwright.dsl.Frontend;
import org.mapwright.workload.Dim;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

class OfaSpaceTest {
    private static final OfaSpace SPACE = new OfaSpace();

    /**
     * OFA's Note10 latency of 10,000 subnets (the data set's sum of per-layer table entries) is the sum of the table
     * entries at this network's keys; and those keys are the ones the Mapwright layer list implies.
     */
    @Test
    void note10KeysSumToTheDataSetLatency() throws IOException {
        List<String[]> rows = Data.csv(Data.file(Data.NOTE10, "note10_lookuptable_ofa.csv"));
        Map<Integer, JsonNode> luts = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (int r : OfaSubnet.RESOLUTIONS) {
            luts.put(r, json.readTree(Data.file(Data.OFA, "note10_lut_" + r + ".json").toFile()));
        }
        String[] h = rows.get(0);
        int checked = 0;
        for (String[] row : rows.subList(1, rows.size())) {
            int[] k = ints(row, h, "ks", 20);
            int[] e = ints(row, h, "e", 20);
            int[] d = ints(row, h, "d", 5);
            int r = Integer.parseInt(row[Data.column(h, "r")]);
            OfaCandidate c = OfaCandidate.of(new OfaSubnet(k, e, d, r).canonical());
            JsonNode lut = luts.get(r);
            double sum = 0;
            for (String key : c.note10Keys()) {
                assertTrue(lut.has(key), "Note10 table " + r + " has no entry " + key + " (subnet " + c.key() + ")");
                sum += lut.get(key).get("mean").asDouble();
            }
            assertEquals(Double.parseDouble(row[Data.column(h, "latency_ms")]), sum, 1e-4, c.key());
            if (checked < 600) {
                assertEquals(keysFromLayers(c.network("n"), r), c.note10Keys(), c.key());
            }
            checked++;
        }
        assertTrue(checked >= 500, "checked " + checked);
    }

    /** Rebuilds the Note10 keys from the Mapwright layers alone: shapes, strides, SE layers, repeats. */
    private static List<String> keysFromLayers(Network n, int r) {
        List<String> keys = new ArrayList<>();
        Workload stem = n.layer("stem").orElseThrow().workload();
        keys.add("Conv-input:" + r + "x" + r + "x3-output:" + b(stem, "P") + "x" + b(stem, "Q") + "x" + b(stem, "M"));
        List<Layer> ls = n.layers();
        for (int i = 0; i < ls.size(); i++) {
            Layer l = ls.get(i);
            if (!l.name().endsWith("dw")) {
                continue;
            }
            Workload dw = l.workload();
            boolean first = l.name().equals("first_dw");
            Workload expand = first ? null : ls.get(i - 1).workload();
            boolean se = ls.get(i + 1).name().endsWith("se_reduce");
            Workload project = ls.get(i + (se ? 3 : 1)).workload();
            long in = first ? b(dw, "C") : b(expand, "C");
            long inSize = first ? b(dw, "P") : b(expand, "P");
            long stride = dw.coefficients().get("stride");
            int stage = first ? 0 : l.name().charAt(1) - '0';
            for (int rep = 0; rep < l.repeat(); rep++) {
                keys.add("expanded_conv-input:" + inSize + "x" + inSize + "x" + in + "-output:" + b(dw, "P") + "x"
                        + b(dw, "P") + "x" + b(project, "M") + "-expand:" + b(dw, "C") + "-kernel:" + b(dw, "R")
                        + "-stride:" + stride + "-idskip:" + (stride == 1 && in == b(project, "M") ? 1 : 0) + "-se:"
                        + (se ? 1 : 0) + "-hs:" + (stage >= 3 ? 1 : 0));
            }
        }
        Workload fin = n.layer("final_expand").orElseThrow().workload();
        long s = b(fin, "P");
        keys.add("Conv_1-input:" + s + "x" + s + "x" + b(fin, "C") + "-output:" + s + "x" + s + "x" + b(fin, "M"));
        keys.add("AvgPool2D-input:" + s + "x" + s + "x" + b(fin, "M") + "-output:1x1x" + b(fin, "M"));
        Workload mix = n.layer("feature_mix").orElseThrow().workload();
        keys.add("Conv_2-input:1x1x" + b(mix, "K") + "-output:1x1x" + b(mix, "N"));
        Workload cls = n.layer("classifier").orElseThrow().workload();
        keys.add("Logits-input:1x1x" + b(cls, "K") + "-output:" + b(cls, "N"));
        return keys;
    }

    private static long b(Workload w, String dim) {
        return w.bound(Dim.of(dim));
    }

    private static int[] ints(String[] row, String[] h, String prefix, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = Integer.parseInt(row[Data.column(h, prefix + i)]);
        }
        return v;
    }

    /** The largest subnet's MACs, worked out by hand (see the sum below), and the sum of per-block formulas. */
    @Test
    void macsOfTheLargestSubnetByHand() {
        OfaCandidate largest = (OfaCandidate) SPACE.named().get(0);
        assertEquals(OfaSubnet.largest(), largest.subnet());
        // stem 112^2*24*27 + first block 112^2*24*(9+24); per stage (in, mid=6*in, k=7, SE width make_divisible(mid/4, 8)):
        // 4 blocks each; final 7^2*192*1152 + 1152*1536 + 1536*1000. Computed separately: 843,101,040.
        assertEquals(843_101_040L, largest.macs());
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            OfaCandidate c = (OfaCandidate) SPACE.random(rnd);
            assertEquals(macsFromKeys(c.note10Keys()), c.macs(), c.key());
        }
    }

    private static final Pattern BLOCK = Pattern.compile("expanded_conv-input:(\\d+)x\\d+x(\\d+)-output:(\\d+)x\\d+x(\\d+)"
            + "-expand:(\\d+)-kernel:(\\d+)-stride:\\d-idskip:\\d-se:(\\d)-hs:\\d");

    /** MACs from the Note10 keys' shapes: a different route from the layer list. */
    private static long macsFromKeys(List<String> keys) {
        long m = 0;
        for (String k : keys) {
            Matcher b = BLOCK.matcher(k);
            if (k.startsWith("Conv-")) {
                long n = Long.parseLong(k.replaceAll(".*output:(\\d+)x.*", "$1"));
                m += n * n * 24 * 27;
            } else if (b.matches()) {
                long in = Long.parseLong(b.group(1));
                long cin = Long.parseLong(b.group(2));
                long out = Long.parseLong(b.group(3));
                long cout = Long.parseLong(b.group(4));
                long mid = Long.parseLong(b.group(5));
                long kk = Long.parseLong(b.group(6));
                m += (mid == cin ? 0 : in * in * cin * mid) + out * out * mid * kk * kk + out * out * mid * cout;
                if (b.group(7).equals("1")) {
                    long se = Math.round(mid / 4.0 / 8) * 8;
                    m += 2 * mid * Math.max(se, 8);
                }
            } else if (k.startsWith("Conv_1")) {
                long n = Long.parseLong(k.replaceAll(".*output:(\\d+)x.*", "$1"));
                m += n * n * 192 * 1152;
            }
        }
        return m + 1152 * 1536 + 1536 * 1000;
    }

    @Test
    void dslLoadsBackToTheSameNetwork() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<NetCandidate> cs = new ArrayList<>(SPACE.named());
        for (int i = 0; i < 10; i++) {
            cs.add(SPACE.random(rnd));
        }
        for (NetCandidate c : cs) {
            String text = c.dsl("ofa_net");
            assertTrue(text.contains("include \"builtin:layers.mw\""), text);
            Network loaded = Frontend.loadText("ofa_net.mw", text).networks().get("ofa_net");
            assertEquals(c.network("ofa_net"), loaded, text);
            assertEquals(c.macs(), loaded.macs());
        }
    }

    @Test
    void identicalBlocksShareLayersWithRepeats() {
        Network n = SPACE.named().get(0).network("largest");
        assertEquals(3, n.layer("s1_b2_expand").orElseThrow().repeat());
        assertTrue(n.layer("s1_b3_expand").isEmpty());
        assertEquals(1, n.layer("s1_b1_expand").orElseThrow().repeat());
        assertEquals(3, n.layer("s5_b2_se_reduce").orElseThrow().repeat());
        Workload seReduce = n.layer("s2_b1_se_reduce").orElseThrow().workload();
        assertEquals(32 * 6, seReduce.bound(Dim.of("K")));
        assertEquals(48, seReduce.bound(Dim.of("N")));
        assertTrue(n.layer("s1_b1_se_reduce").isEmpty(), "stage 1 has no squeeze-excite");
    }
}
