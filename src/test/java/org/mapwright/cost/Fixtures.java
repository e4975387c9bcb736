package org.mapwright.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.ComputeUnit;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.LevelId;
import org.mapwright.arch.StorageLevel;
import org.mapwright.mapping.LevelMapping;
import org.mapwright.mapping.Loop;
import org.mapwright.workload.Dim;
import org.mapwright.workload.IndexExpr;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.TensorId;
import org.mapwright.workload.Term;
import org.mapwright.workload.Workload;

/** Workloads, accelerators and mappings built in code for the model's hand-checked tests. */
final class Fixtures {
    private Fixtures() {
    }

    static final double INF = Double.POSITIVE_INFINITY;

    /** Timeloop's CNN layer: Weights[C,M,R,S], Inputs[N,C,R*dil+P*stride,S*dil+Q*stride], Outputs[N,M,Q,P]. */
    static Workload conv(String name, long c, long m, long r, long s, long p, long q, long stride) {
        Map<Dim, Long> b = new LinkedHashMap<>();
        for (String d : List.of("C", "M", "R", "S", "N", "P", "Q")) {
            b.put(Dim.of(d), 1L);
        }
        b.put(Dim.of("C"), c);
        b.put(Dim.of("M"), m);
        b.put(Dim.of("R"), r);
        b.put(Dim.of("S"), s);
        b.put(Dim.of("P"), p);
        b.put(Dim.of("Q"), q);
        Tensor w = new Tensor(TensorId.of("Weights"), List.of(ix("C"), ix("M"), ix("R"), ix("S")), false);
        Tensor in = new Tensor(TensorId.of("Inputs"), List.of(ix("N"), ix("C"),
                new IndexExpr(List.of(new Term(Dim.of("R"), 1), new Term(Dim.of("P"), stride)), 0),
                new IndexExpr(List.of(new Term(Dim.of("S"), 1), new Term(Dim.of("Q"), stride)), 0)), false);
        Tensor out = new Tensor(TensorId.of("Outputs"), List.of(ix("N"), ix("M"), ix("Q"), ix("P")), true);
        return new Workload(name, new ArrayList<>(b.keySet()), b, List.of(w, in, out), Map.of("stride", stride));
    }

    static IndexExpr ix(String d) {
        return IndexExpr.of(Dim.of(d));
    }

    static StorageLevel level(String name, long words, int block, double rbw, double wbw, double er, double ew,
                              Fanout fanout) {
        return new StorageLevel(LevelId.of(name), words, 16, block, rbw, wbw, INF, er, ew, 1, Optional.empty(), 0,
                "explicit", fanout);
    }

    /** The Eyeriss-like reference design: DRAM, 108 KiB GLB, 14 column buffers, 14x12 PEs with three scratchpads. */
    static Architecture eyerissLike() {
        return new Architecture("eyeriss_like", List.of(
                level("DRAM", StorageLevel.UNBOUNDED, 4, INF, INF, 512, 512, Fanout.NONE),
                level("shared_glb", 55296, 4, 16, 16, 74.144, 75.215, Fanout.of(14, 1)),
                level("DummyBuffer", 16, 1, INF, INF, 0.202, 0.202, Fanout.of(1, 12)),
                level("ifmap_spad", 12, 1, 2, 2, 0.237, 0.237, Fanout.NONE),
                level("weights_spad", 192, 1, 2, 2, 1.586, 1.586, Fanout.NONE),
                level("psum_spad", 16, 1, 2, 2, 0.251, 0.251, Fanout.NONE)),
                new ComputeUnit("mac", 2.2, 0));
    }

    /** Parses "C=2 P=2" into loops, outer to inner. */
    static List<Loop> loops(String spec) {
        List<Loop> out = new ArrayList<>();
        if (spec.isBlank()) {
            return out;
        }
        for (String tok : spec.trim().split("\\s+")) {
            String[] kv = tok.split("=");
            out.add(Loop.of(kv[0], Long.parseLong(kv[1])));
        }
        return out;
    }

    static LevelMapping lm(String level, String keep, String temporal, String x, String y) {
        Set<TensorId> k = new java.util.LinkedHashSet<>();
        for (String t : keep.split("\\s+")) {
            if (!t.isBlank()) {
                k.add(TensorId.of(t));
            }
        }
        return new LevelMapping(LevelId.of(level), k, loops(temporal), loops(x), loops(y));
    }
}
