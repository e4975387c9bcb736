package org.mapwright.surrogate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.Sampler;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Workload;

class FeatureEncoderTest {
    static final Family EYERISS = Family.byName("eyeriss").orElseThrow();

    @Test
    void everyBuiltInLayerShapeHasAKind() {
        for (String n : List.of("resnet50", "mobilenet_v2", "bert_base", "vgg16", "alexnet")) {
            for (Layer l : LayerSampler.network(n).layers()) {
                assertTrue(WorkloadKind.of(l.workload()).isPresent(), n + "." + l.name() + " has no kind");
            }
        }
        assertEquals(WorkloadKind.MATMUL, WorkloadKind.of(LayerSampler.layer("x", "matmul(M = 4, N = 8, K = 2)")).orElseThrow());
        assertEquals(WorkloadKind.DEPTHWISE, WorkloadKind.of(LayerSampler.layer("x",
                "depthwise_conv2d(C = 8, P = 4, Q = 4)")).orElseThrow());
    }

    @Test
    void familiesAdmitTheirMembersAndNotOthers() {
        for (Family f : Family.all()) {
            for (String m : f.members()) {
                assertTrue(f.admits(Family.builtin(m)), m + " not in " + f.name());
            }
        }
        assertTrue(Family.of(Family.builtin("simba_like")).isEmpty());
        assertTrue(Family.of(Family.builtin("nvdla_like")).isEmpty());
        SplittableRandom rnd = new SplittableRandom(3);
        for (Family f : Family.all()) {
            for (int i = 0; i < 50; i++) {
                assertTrue(f.admits(f.sample(rnd, Family.Split.TRAIN, "t")));
                assertTrue(f.admits(f.sample(rnd, Family.Split.HELD_OUT, "h")));
            }
        }
    }

    @Test
    void heldOutAcceleratorsHaveSizesTrainingNeverDraws() {
        SplittableRandom rnd = new SplittableRandom(5);
        Family f = EYERISS;
        java.util.Set<String> trainCaps = new java.util.HashSet<>();
        java.util.Set<Integer> trainSides = new java.util.HashSet<>();
        for (int i = 0; i < 2000; i++) {
            Architecture a = f.sample(rnd, Family.Split.TRAIN, "t");
            a.levels().forEach(l -> {
                trainCaps.add(l.name() + "=" + l.capacityWords());
                trainSides.add(l.fanout().x());
                trainSides.add(l.fanout().y());
            });
        }
        for (int i = 0; i < 200; i++) {
            Architecture a = f.sample(rnd, Family.Split.HELD_OUT, "h");
            assertTrue(a.levels().stream().anyMatch(l -> !trainSides.contains(l.fanout().x()) || !trainSides.contains(l.fanout().y())));
            assertTrue(a.levels().stream().filter(l -> l.isBounded() && l.capacityWords() > 1)
                    .noneMatch(l -> trainCaps.contains(l.name() + "=" + l.capacityWords())),
                    "a held-out capacity of a level was drawn in training");
        }
    }

    @Test
    void encodingIsFixedLengthAndDecodesBackToTheSamePoint() {
        FeatureEncoder enc = new FeatureEncoder(EYERISS);
        SplittableRandom rnd = new SplittableRandom(9);
        LayerSampler ls = new LayerSampler();
        for (int i = 0; i < 40; i++) {
            Workload w = ls.sample(rnd, "l" + i);
            Mapspace ms = new Mapspace(w, EYERISS.sample(rnd, Family.Split.TRAIN, "a"), Constraints.NONE);
            FeatureEncoder.Bound b = enc.bind(ms);
            Sampler s = new Sampler(ms);
            MapPoint p = ms.newPoint();
            MapPoint q = ms.newPoint();
            for (int k = 0; k < 20; k++) {
                s.uniform(p, rnd);
                double[] v = b.encode(p);
                assertEquals(enc.length(), v.length);
                for (double x : v) {
                    assertTrue(Double.isFinite(x));
                }
                b.decode(v, 0, q);
                assertEquals(p.key(), q.key(), "decode(encode(p)) != p for " + w);
            }
        }
    }

    @Test
    void loopsOfFactorOneDoNotChangeTheEncoding() {
        FeatureEncoder enc = new FeatureEncoder(EYERISS);
        SplittableRandom rnd = new SplittableRandom(13);
        Workload w = LayerSampler.layer("x", "conv2d(C = 64, M = 64, R = 3, S = 3, P = 28, Q = 28)");
        Mapspace ms = new Mapspace(w, EYERISS.base(), Constraints.NONE);
        FeatureEncoder.Bound b = enc.bind(ms);
        Sampler s = new Sampler(ms);
        MapPoint p = ms.newPoint();
        int nd = ms.dims();
        int checked = 0;
        for (int k = 0; k < 300; k++) {
            s.uniform(p, rnd);
            MapPoint q = p.copy();
            // move every factor-1 loop of level 0 to the front, keeping the others in order
            int[] order = new int[nd];
            int i = 0;
            for (int j = 0; j < nd; j++) {
                if (p.temporal(0, p.order[j]) == 1) {
                    order[i++] = p.order[j];
                }
            }
            for (int j = 0; j < nd; j++) {
                if (p.temporal(0, p.order[j]) > 1) {
                    order[i++] = p.order[j];
                }
            }
            System.arraycopy(order, 0, q.order, 0, nd);
            if (!java.util.Arrays.equals(order, java.util.Arrays.copyOf(p.order, nd))) {
                checked++;
            }
            assertArrayEquals(b.encode(p), b.encode(q), 0);
        }
        assertTrue(checked > 10);
    }

    @Test
    void unsupportedInputsAreNamed() {
        FeatureEncoder enc = new FeatureEncoder(EYERISS);
        Workload w = LayerSampler.layer("x", "conv2d(C = 8, M = 8, P = 4, Q = 4)");
        assertNull(enc.unsupported(new Mapspace(w, EYERISS.base(), Constraints.NONE)));
        String why = enc.unsupported(new Mapspace(w, Family.builtin("simba_like"), Constraints.NONE));
        assertNotNull(why);
        assertTrue(why.contains("simba_like"), why);
    }
}
