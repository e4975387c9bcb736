package org.mapwright.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.cost.AnalyticalModel;
import org.mapwright.dsl.Frontend;
import org.mapwright.dsl.Library;
import org.mapwright.mapspace.Constraints;
import org.mapwright.mapspace.Enumerator;
import org.mapwright.mapspace.MapPoint;
import org.mapwright.mapspace.Mapspace;
import org.mapwright.mapspace.NoLegalMappingException;
import org.mapwright.mapspace.Sampler;
import org.mapwright.workload.Layer;
import org.mapwright.workload.Network;
import org.mapwright.workload.Workload;

/**
 * The lower bound is a bound: no mapping the model can evaluate costs less, in energy, in cycles or in EDP. Checked
 * over random legal mappings of every distinct built-in layer on every built-in accelerator (and layers with
 * strides larger than the window, dilation, depthwise and GEMM shapes), and against the exhaustive optimum on tiny
 * layers. Seeded: a failure names its pair.
 */
class LowerBoundTest {
    static final long SEED = 6_2026L;
    static final int SAMPLES_PER_PAIR = 1000;
    static final double SLACK = 1e-9;

    static final String EXTRA = """
            include "builtin:layers.mw"
            network odd_shapes {
              strided_1x1   = conv2d(C = 64, M = 32, P = 14, Q = 14, stride = 2)
              strided_3x3   = conv2d(C = 16, M = 32, R = 3, S = 3, P = 14, Q = 14, stride = 3)
              dilated_3x3   = conv2d(C = 16, M = 16, R = 3, S = 3, P = 12, Q = 12, dilation = 2)
              wide_stride_dilated = conv2d(C = 8, M = 16, R = 2, S = 2, P = 10, Q = 10, stride = 4, dilation = 3)
              depthwise     = depthwise_conv2d(C = 32, R = 3, S = 3, P = 28, Q = 28, stride = 2)
              gemm          = matmul(M = 64, N = 96, K = 128)
            }
            """;

    static Library library() throws Exception {
        StringBuilder text = new StringBuilder();
        for (String f : List.of("resnet50", "vgg16", "mobilenet_v2", "alexnet", "bert_base", "eyeriss_like",
                "simple_ws", "simple_os", "simba_like", "nvdla_like", "eyeriss_row_stationary")) {
            text.append("include \"builtin:").append(f).append(".mw\"\n");
        }
        return load(text + EXTRA);
    }

    static Library load(String text) throws Exception {
        Path f = java.nio.file.Files.createTempFile("lower_bound", ".mw");
        try {
            java.nio.file.Files.writeString(f, text);
            return Frontend.load(List.of(f));
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }

    /** Distinct layer shapes of every network in the library (identical shapes once). */
    static List<Workload> distinctLayers(Library lib) {
        Map<String, Workload> byShape = new LinkedHashMap<>();
        for (Network n : lib.networks().values()) {
            for (Layer l : n.layers()) {
                byShape.putIfAbsent(l.workload().withName("").toString() + l.workload().tensors(), l.workload());
            }
        }
        return new ArrayList<>(byShape.values());
    }

    @Test
    void noRandomLegalMappingBeatsTheBound() throws Exception {
        Library lib = library();
        SplittableRandom root = new SplittableRandom(SEED);
        int pairs = 0;
        long checked = 0;
        List<String> empty = new ArrayList<>();
        for (Architecture a : lib.accelerators().values()) {
            for (Workload w : distinctLayers(lib)) {
                SplittableRandom rnd = root.split();
                Mapspace space = new Mapspace(w, a, Constraints.NONE);
                long n = check(space, LowerBound.of(space), rnd, SAMPLES_PER_PAIR, w.name() + " on " + a.name());
                assertEquals(LowerBound.of(space), LowerBound.of(w, a), "unconstrained bound, " + w.name());
                checked += n;
                pairs++;
                if (n == 0) {
                    empty.add(w.name() + " on " + a.name());
                }
            }
        }
        assertTrue(pairs > 300, "expected every built-in layer on every built-in accelerator, got " + pairs + " pairs");
        assertTrue(checked > 50_000, "too few legal mappings sampled: " + checked);
        assertTrue(empty.size() * 10 < pairs, "no legal mapping sampled for " + empty);
    }

    @Test
    void constrainedSpacesKeepTheirBound() throws Exception {
        Library lib = library();
        Architecture a = lib.accelerators().get("eyeriss_like");
        Constraints rs = lib.constraints().get("row_stationary").constraints();
        SplittableRandom root = new SplittableRandom(SEED + 1);
        long checked = 0;
        for (Workload w : distinctLayers(lib)) {
            Mapspace space;
            try {
                space = new Mapspace(w, a, rs);
            } catch (NoLegalMappingException | IllegalArgumentException e) {
                continue;
            }
            LowerBound b = LowerBound.of(space);
            assertTrue(b.energyPj() >= LowerBound.of(w, a).energyPj() * (1 - SLACK),
                    "constraints can only raise the bound: " + w.name());
            checked += check(space, b, root.split(), 300, w.name() + " row-stationary");
        }
        assertTrue(checked > 1_000, "too few legal row-stationary mappings sampled: " + checked);
    }

    @Test
    void exhaustiveOptimumOfTinyLayersIsAboveTheBound() throws Exception {
        Library lib = library();
        String tiny = """
                include "builtin:layers.mw"
                network tiny {
                  conv   = conv2d(C = 4, M = 8, R = 3, S = 3, P = 4, Q = 4)
                  stride = conv2d(C = 4, M = 4, P = 4, Q = 4, stride = 2)
                  gemm   = matmul(M = 8, N = 4, K = 6)
                }
                """;
        Library t = load(tiny);
        int searched = 0;
        for (String arch : List.of("simple_ws", "simple_os", "eyeriss_like")) {
            Architecture a = lib.accelerators().get(arch);
            for (Layer l : t.networks().get("tiny").layers()) {
                Mapspace space = new Mapspace(l.workload(), a, Constraints.NONE);
                LowerBound b = LowerBound.of(space);
                PointEvaluator ev = new PointEvaluator(space, new AnalyticalModel(l.workload(), a), 0);
                Enumerator en = new Enumerator(space);
                MapPoint p = space.newPoint();
                double minEnergy = Double.POSITIVE_INFINITY;
                long minCycles = Long.MAX_VALUE;
                double minEdp = Double.POSITIVE_INFINITY;
                long valid = 0;
                for (long i = 0; i < 3_000_000 && en.next(p); i++) {
                    Outcome o = ev.evaluate(p);
                    if (o.valid()) {
                        valid++;
                        minEnergy = Math.min(minEnergy, o.energyPj());
                        minCycles = Math.min(minCycles, o.cycles());
                        minEdp = Math.min(minEdp, o.edp());
                    }
                }
                String where = l.name() + " on " + arch;
                assertTrue(valid > 0, "no legal mapping enumerated for " + where);
                assertTrue(minEnergy >= b.energyPj() * (1 - SLACK), where + ": optimum energy " + minEnergy + " < bound " + b.energyPj());
                assertTrue(minCycles >= b.cycles(), where + ": optimum cycles " + minCycles + " < bound " + b.cycles());
                assertTrue(minEdp >= b.edp() * (1 - SLACK), where + ": optimum EDP " + minEdp + " < bound " + b.edp());
                // The bound should not be vacuous on layers this small.
                assertTrue(minEdp <= 50 * b.edp(), where + ": bound " + b.edp() + " is far below the optimum " + minEdp);
                System.out.printf("lower bound %s: optimum EDP / bound = %.2f, energy %.2f, cycles %.2f%n", where,
                        minEdp / b.edp(), minEnergy / b.energyPj(), (double) minCycles / b.cycles());
                searched++;
            }
        }
        assertEquals(9, searched);
    }

    @Test
    void stridedLayersAreBoundedByTouchedElementsNotTheBoundingBox() throws Exception {
        Library lib = library();
        Workload w = lib.networks().get("odd_shapes").layer("strided_1x1").orElseThrow().workload();
        LowerBound b = LowerBound.of(w, lib.accelerators().get("simple_ws"));
        LowerBound.TensorBound inputs = b.tensors().stream().filter(t -> t.tensor().equals("Inputs")).findFirst().orElseThrow();
        assertEquals(64L * 14 * 14, inputs.distinct());
        assertEquals(64L * 14 * 14, inputs.minTraffic().get(0));
        assertTrue(w.tensorSize(w.tensor("Inputs").orElseThrow()) > inputs.distinct());
    }

    /** Samples legal points of a space and checks each against the bound; returns how many were legal. */
    private static long check(Mapspace space, LowerBound b, SplittableRandom rnd, int samples, String where) {
        Workload w = space.workload();
        PointEvaluator ev = new PointEvaluator(space, new AnalyticalModel(w, space.architecture()), 0);
        Sampler sampler = new Sampler(space);
        MapPoint p = space.newPoint();
        long valid = 0;
        for (int i = 0; i < samples; i++) {
            sampler.uniform(p, rnd);
            Outcome o = ev.evaluate(p);
            if (!o.valid()) {
                continue;
            }
            valid++;
            assertTrue(o.energyPj() >= b.energyPj() * (1 - SLACK),
                    where + ": energy " + o.energyPj() + " pJ < bound " + b.energyPj() + " (" + space.toMapping(p) + ")");
            assertTrue(o.cycles() >= b.cycles(), where + ": cycles " + o.cycles() + " < bound " + b.cycles());
            assertTrue(o.edp() >= b.edp() * (1 - SLACK), where + ": EDP " + o.edp() + " < bound " + b.edp());
        }
        return valid;
    }
}
