package org.mapwright.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.ComputeUnit;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.LevelId;
import org.mapwright.arch.StorageLevel;
import org.mapwright.workload.Dim;
import org.mapwright.workload.IndexExpr;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.TensorId;
import org.mapwright.workload.Term;
import org.mapwright.workload.Workload;

/** Tiny workloads and accelerators whose mapspaces can be enumerated by brute force. */
public final class Tiny {
    private Tiny() {
    }

    /**
     * A DSL network {@code tiny} of three small conv layers; c has a's shape under another name, so a network mapping
     * reuses a's result for it.
     */
    public static final String NETWORK = """
            include "builtin:layers.mw"
            network tiny {
              a = conv2d(C = 4, M = 8, R = 3, S = 3, P = 4, Q = 4)
              b = conv2d(C = 8, M = 8, P = 4, Q = 4) repeat 2
              c = conv2d(C = 4, M = 8, R = 3, S = 3, P = 4, Q = 4) repeat 3
            }
            """;

    /** Out[m, p] += W[m, r] * In[p + r]: a 1-D convolution with output channels. */
    public static Workload conv(long m, long p, long r) {
        Map<Dim, Long> b = new LinkedHashMap<>();
        b.put(Dim.of("M"), m);
        b.put(Dim.of("P"), p);
        b.put(Dim.of("R"), r);
        return new Workload("tiny", List.of(Dim.of("M"), Dim.of("P"), Dim.of("R")), b, List.of(
                new Tensor(TensorId.of("W"), List.of(IndexExpr.of(Dim.of("M")), IndexExpr.of(Dim.of("R"))), false),
                new Tensor(TensorId.of("In"), List.of(new IndexExpr(List.of(new Term(Dim.of("P"), 1), new Term(Dim.of("R"), 1)), 0)), false),
                new Tensor(TensorId.of("Out"), List.of(IndexExpr.of(Dim.of("M")), IndexExpr.of(Dim.of("P"))), true)), Map.of());
    }

    public static StorageLevel level(String name, long words, double e, Fanout f) {
        return new StorageLevel(LevelId.of(name), words, 16, 1, Double.POSITIVE_INFINITY, 2, Double.POSITIVE_INFINITY, e, e,
                1, Optional.empty(), 0, "explicit", f);
    }

    /** DRAM, a 12-word buffer fanning out 2 x 1 to 4-word registers, and MACs. */
    public static Architecture arch() {
        return new Architecture("tiny", List.of(
                level("DRAM", StorageLevel.UNBOUNDED, 100, Fanout.NONE),
                level("buf", 12, 2, Fanout.of(2, 1)),
                level("reg", 4, 0.5, Fanout.NONE)), new ComputeUnit("mac", 1, 0));
    }
}
