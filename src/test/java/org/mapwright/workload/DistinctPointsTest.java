package org.mapwright.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Distinct touched elements against brute-force enumeration over random small affine tensors. */
class DistinctPointsTest {

    @Test
    void stridedOneByOneTouchesEveryOtherColumn() {
        Dim p = new Dim("P");
        Dim r = new Dim("R");
        Workload w = workload(Map.of(p, 7L, r, 1L), List.of(new IndexExpr(List.of(new Term(p, 2), new Term(r, 1)), 0)));
        assertEquals(7, DistinctPoints.of(w, w.tensors().get(0)));
        assertEquals(13, w.tensorSize(w.tensors().get(0)));
    }

    @Test
    void matchesBruteForceOnRandomTensors() {
        SplittableRandom rnd = new SplittableRandom(99);
        for (int trial = 0; trial < 2_000; trial++) {
            int nd = 1 + rnd.nextInt(4);
            Map<Dim, Long> bounds = new LinkedHashMap<>();
            List<Dim> dims = new ArrayList<>();
            for (int d = 0; d < nd; d++) {
                Dim dim = new Dim("D" + d);
                dims.add(dim);
                bounds.put(dim, 1L + rnd.nextInt(6));
            }
            // Each dim indexes at most one axis (the exact case), sometimes with two dims on one axis.
            List<List<Term>> axes = new ArrayList<>();
            for (Dim d : dims) {
                if (axes.isEmpty() || rnd.nextInt(3) == 0) {
                    axes.add(new ArrayList<>());
                }
                axes.get(rnd.nextInt(axes.size())).add(new Term(d, 1 + rnd.nextInt(5)));
            }
            List<IndexExpr> index = new ArrayList<>();
            for (List<Term> a : axes) {
                if (!a.isEmpty()) {
                    index.add(new IndexExpr(a, 0));
                }
            }
            Workload w = workload(bounds, index);
            long expected = bruteForce(w, w.tensors().get(0));
            assertEquals(expected, DistinctPoints.of(w, w.tensors().get(0)), "trial " + trial + ": " + w.tensors().get(0) + " " + bounds);
        }
    }

    @Test
    void sharedDimensionsGiveALowerBound() {
        Dim a = new Dim("A");
        Dim b = new Dim("B");
        Workload w = workload(Map.of(a, 4L, b, 3L), List.of(new IndexExpr(List.of(new Term(a, 1), new Term(b, 1)), 0),
                new IndexExpr(List.of(new Term(a, 2)), 0)));
        long exact = bruteForce(w, w.tensors().get(0));
        long got = DistinctPoints.of(w, w.tensors().get(0));
        assertTrue(got <= exact && got >= 4, got + " vs exact " + exact);
    }

    private static Workload workload(Map<Dim, Long> bounds, List<IndexExpr> index) {
        List<Dim> dims = new ArrayList<>(bounds.keySet());
        dims.sort((x, y) -> x.name().compareTo(y.name()));
        Map<Dim, Long> ordered = new LinkedHashMap<>();
        dims.forEach(d -> ordered.put(d, bounds.get(d)));
        Tensor t = new Tensor(new TensorId("T"), index, false);
        Tensor o = new Tensor(new TensorId("O"), List.of(IndexExpr.of(dims.get(0))), true);
        return new Workload("w", dims, ordered, List.of(t, o), Map.of());
    }

    private static long bruteForce(Workload w, Tensor t) {
        List<Dim> dims = w.dims();
        Set<List<Long>> seen = new HashSet<>();
        long[] x = new long[dims.size()];
        while (true) {
            List<Long> point = new ArrayList<>();
            for (IndexExpr e : t.index()) {
                long v = 0;
                for (Term term : e.terms()) {
                    v += term.coefficient() * x[dims.indexOf(term.dim())];
                }
                point.add(v);
            }
            seen.add(point);
            int d = 0;
            while (d < dims.size() && ++x[d] == w.bound(dims.get(d))) {
                x[d] = 0;
                d++;
            }
            if (d == dims.size()) {
                return seen.size();
            }
        }
    }
}
