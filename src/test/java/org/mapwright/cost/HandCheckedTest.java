package org.mapwright.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.cost.Fixtures.INF;
import static org.mapwright.cost.Fixtures.lm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.ComputeUnit;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.LevelId;
import org.mapwright.arch.StorageLevel;
import org.mapwright.mapping.Mapping;
import org.mapwright.workload.Dim;
import org.mapwright.workload.IndexExpr;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.TensorId;
import org.mapwright.workload.Term;
import org.mapwright.workload.Workload;

/** Small cases whose every count is derived by hand in the comments. */
class HandCheckedTest {

    /** 1-D convolution Out[P] += W[R] * In[P + R], P = 4, R = 3: 12 MACs, |W| = 3, |In| = 6, |Out| = 4. */
    static Workload conv1d() {
        Map<Dim, Long> b = new LinkedHashMap<>();
        b.put(Dim.of("P"), 4L);
        b.put(Dim.of("R"), 3L);
        return new Workload("conv1d", List.of(Dim.of("P"), Dim.of("R")), b, List.of(
                new Tensor(TensorId.of("W"), List.of(IndexExpr.of(Dim.of("R"))), false),
                new Tensor(TensorId.of("In"), List.of(new IndexExpr(List.of(new Term(Dim.of("P"), 1), new Term(Dim.of("R"), 1)), 0)), false),
                new Tensor(TensorId.of("Out"), List.of(IndexExpr.of(Dim.of("P"))), true)), Map.of());
    }

    static StorageLevel level(String name, long words, int block, double bw, double e, Fanout f) {
        return new StorageLevel(LevelId.of(name), words, 16, block, bw, bw, INF, e, e, 1, Optional.empty(), 0, "explicit", f);
    }

    @Test
    void oneLevelHasNoReuse() {
        // DRAM alone (block 1, 1 pJ per access) feeding one MAC (2 pJ): every MAC reads W and In once and updates Out.
        Architecture a = new Architecture("one", List.of(level("DRAM", StorageLevel.UNBOUNDED, 1, INF, 1, Fanout.NONE)),
                new ComputeUnit("mac", 2, 0));
        Mapping m = new Mapping(List.of(lm("DRAM", "W In Out", "P=4 R=3", "", "")));
        Evaluation e = new AnalyticalModel(conv1d(), a).evaluate(m);
        assertTrue(e.valid(), e.reason());
        TensorStats w = e.level("DRAM").orElseThrow().tensors().get("W");
        TensorStats in = e.level("DRAM").orElseThrow().tensors().get("In");
        TensorStats out = e.level("DRAM").orElseThrow().tensors().get("Out");
        assertEquals(12, w.reads());
        assertEquals(12, in.reads());
        assertEquals(12, out.updates());
        assertEquals(12 - 4, out.reads());      // the first write of each output is not a read-modify-write
        assertEquals(0, w.fills() + in.fills() + out.fills());
        assertEquals(12, e.cycles());
        // 12 + 12 + 8 + 12 accesses at 1 pJ, 12 MACs at 2 pJ
        assertEquals(44 + 24, e.energyPj(), 1e-9);
        assertEquals(1.0, e.utilization(), 1e-12);
    }

    @Test
    void twoLevelsSlideTheInputWindow() {
        // DRAM -> buf (16 words, 1 pJ) -> MAC. DRAM iterates P=2; buf holds P=2 x R=3.
        Architecture a = new Architecture("two", List.of(
                level("DRAM", StorageLevel.UNBOUNDED, 1, INF, 10, Fanout.NONE),
                level("buf", 16, 1, INF, 1, Fanout.NONE)), new ComputeUnit("mac", 0, 0));
        Mapping m = new Mapping(List.of(lm("DRAM", "W In Out", "P=2", "", ""), lm("buf", "W In Out", "P=2 R=3", "", "")));
        Evaluation e = new AnalyticalModel(conv1d(), a).evaluate(m);
        assertTrue(e.valid(), e.reason());
        Map<String, TensorStats> buf = e.level("buf").orElseThrow().tensors();
        Map<String, TensorStats> dram = e.level("DRAM").orElseThrow().tensors();
        // Tiles at buf: W = 3, In = 2 + 3 - 1 = 4, Out = 2; 9 of 16 words.
        assertEquals(3, buf.get("W").tile());
        assertEquals(4, buf.get("In").tile());
        assertEquals(2, buf.get("Out").tile());
        // W does not depend on P: loaded once. In slides by 2 over a window of 4: 4 + 2 = 6 words.
        assertEquals(3, buf.get("W").fills());
        assertEquals(6, buf.get("In").fills());
        // Out: two disjoint tiles of 2, each first written in buf, so no fills (first-read elision).
        assertEquals(0, buf.get("Out").fills());
        assertEquals(12, buf.get("Out").updates());
        assertEquals(12 - 4, buf.get("Out").reads());
        assertEquals(12, buf.get("W").reads());
        assertEquals(12, buf.get("In").reads());
        // DRAM serves buf's fills and receives its two drains of 2 words each.
        assertEquals(3, dram.get("W").reads());
        assertEquals(6, dram.get("In").reads());
        assertEquals(4, dram.get("Out").updates());
        assertEquals(0, dram.get("Out").reads());
        // Energy: DRAM (3 + 6 + 4) x 10 pJ; buf (3 + 6 + 12 + 8 + 12 + 12) x 1 pJ.
        assertEquals(130 + 53, e.energyPj(), 1e-9);
    }

    @Test
    void multicastAndSpatialReduction() {
        // buf fans out 2 x 2 to registers (1 word each); x unrolls P (relevant to In and Out), y unrolls R (relevant
        // to W and In, a reduction dim for Out).
        Architecture a = new Architecture("spatial", List.of(
                level("DRAM", StorageLevel.UNBOUNDED, 1, INF, 0, Fanout.NONE),
                level("buf", 64, 1, INF, 1, Fanout.of(2, 2)),
                level("reg", 4, 1, INF, 0, Fanout.NONE)), new ComputeUnit("mac", 0, 0));
        Map<Dim, Long> b = new LinkedHashMap<>();
        b.put(Dim.of("P"), 4L);
        b.put(Dim.of("R"), 2L);
        Workload w = new Workload("conv1d", List.of(Dim.of("P"), Dim.of("R")), b, conv1d().tensors(), Map.of());
        Mapping m = new Mapping(List.of(lm("DRAM", "W In Out", "", "", ""), lm("buf", "W In Out", "P=2", "P=2", "R=2"),
                lm("reg", "W In Out", "", "", "")));
        Evaluation e = new AnalyticalModel(w, a).evaluate(m);
        assertTrue(e.valid(), e.reason());
        Map<String, TensorStats> buf = e.level("buf").orElseThrow().tensors();
        Map<String, TensorStats> reg = e.level("reg").orElseThrow().tensors();
        assertEquals(4, e.level("reg").orElseThrow().instances());
        // Each register holds one point of each tensor. buf's P=2 loop steps every register to a new point.
        // W[r]: irrelevant to P, loaded once per register; the two registers of a row (same r) share it: 2 reads.
        assertEquals(1, reg.get("W").fills());
        assertEquals(2, buf.get("W").reads());
        // In[p + r]: all four registers see different (p, r) offsets along the same axis, but Timeloop compares
        // tiles per unrolled dimension, and (p=1, r=0) and (p=0, r=1) land on the same element: 3 distinct tiles
        // per step, 2 steps (the P loop shifts by 2, beyond the 1-wide tile).
        assertEquals(2, reg.get("In").fills());
        assertEquals(3 * 2, buf.get("In").reads());
        // Out[p]: registers with the same p (differing in r) are reduced in the network: 2 drains per step.
        // Each register's two outputs are written first there (no refills); the P loop moves it to a new output.
        assertEquals(0, reg.get("Out").fills());
        assertEquals(2, reg.get("Out").updates());
        assertEquals(2 * 2, buf.get("Out").updates());
        assertEquals(4 - 4, buf.get("Out").reads());
    }
}
