package org.mapwright.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.ComputeUnit;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.LevelId;
import org.mapwright.arch.StorageLevel;
import org.mapwright.mapping.Mapping;
import org.mapwright.testing.RandomMappings;
import org.mapwright.testing.Sanity;
import org.mapwright.testing.Tiny;
import org.mapwright.workload.Dim;
import org.mapwright.workload.IndexExpr;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.TensorId;
import org.mapwright.workload.Term;
import org.mapwright.workload.Workload;

/**
 * The model's arithmetic cannot go wrong on any input the IR accepts: over random workloads, accelerators and
 * mappings, half of them at the size limits (MACs up to 2^50, coefficients up to 2^31, capacities up to 2^40 words,
 * 2^24 compute units, energies up to 10^15 pJ), no count or energy is ever negative, NaN or infinite and a valid
 * mapping takes at least one cycle ({@link Sanity}). Inputs beyond the limits must be refused by the records'
 * constructors, which the front ends mirror with located errors.
 */
class SafeArithmeticTest {

    @Test
    void noCountOrEnergyIsEverNegativeNanOrInfinite() {
        SplittableRandom rnd = new SplittableRandom(20261130);
        int evaluated = 0;
        int valid = 0;
        int refused = 0;
        int extremeValid = 0;
        for (int i = 0; i < 1200; i++) {
            boolean extreme = i % 2 == 1;
            Workload w;
            try {
                w = workload(rnd, extreme);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().contains("more than the 2^62"), e.getMessage());
                refused++;
                continue;
            }
            Architecture a = architecture(rnd, extreme);
            AnalyticalModel model = new AnalyticalModel(w, a);
            Workspace ws = model.newWorkspace();
            for (int k = 0; k < 4; k++) {
                Mapping m = RandomMappings.sample(w, a, rnd);
                Evaluation e = model.evaluate(m);
                try {
                    Sanity.check(e);
                } catch (AssertionError bad) {
                    throw new AssertionError(bad.getMessage() + "\n" + w + " " + w.tensors() + "\non " + a + "\nwith " + m, bad);
                }
                assertEquals(e.valid(), model.evaluate(LoopNest.of(m, model.spec()), ws), "nest and record paths agree");
                evaluated++;
                valid += e.valid() ? 1 : 0;
                extremeValid += e.valid() && extreme && w.macs() > (1L << 30) ? 1 : 0;
            }
        }
        // the generator must reach both the valid mappings and the limits, or the loop proves nothing
        assertTrue(valid > 300, "only " + valid + " of " + evaluated + " mappings were valid");
        assertTrue(extremeValid > 10, "only " + extremeValid + " valid mappings of layers above 2^30 MACs");
        assertTrue(refused > 15, "only " + refused + " workloads were beyond the limits");
    }

    @Test
    void fanOutsMultiplyAsLongsAndAreLimited() {
        assertEquals(1L << 32, Fanout.of(65536, 65536).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Architecture("a", List.of(
                Tiny.level("DRAM", StorageLevel.UNBOUNDED, 1, Fanout.of(65536, 65536)),
                Tiny.level("reg", 1, 1, Fanout.NONE)), new ComputeUnit("mac", 1, 0)));
        assertEquals("Accelerator a has more than 2^24 compute units; that is not a design we can model.", e.getMessage());
    }

    @Test
    void loopNestFactorsBelowOneAreRejected() {
        Workload w = Tiny.conv(2, 4, 3);
        AnalyticalModel model = new AnalyticalModel(w, Tiny.arch());
        for (long bad : new long[] {0, -1}) {
            LoopNest n = new LoopNest(3, 3, 3);
            n.loopDim[0] = 0;
            n.loopFactor[0] = 2;
            n.loopDim[1] = 1;
            n.loopFactor[1] = bad == 0 ? 0 : -4;
            n.loopDim[2] = 2;
            n.loopFactor[2] = bad == 0 ? 3 : -3;
            n.levelStart[1] = 3;
            n.levelStart[2] = 3;
            n.levelStart[3] = 3;
            Arrays.fill(n.keep, 0b111);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.evaluate(n, model.newWorkspace()));
            assertEquals("The factor of temporal loop 1 of the loop nest (dimension P) is " + (bad == 0 ? 0 : -4)
                    + "; factors must be at least 1.", e.getMessage());
        }
        LoopNest n = new LoopNest(3, 3, 3);
        n.loopDim[0] = 0;
        n.loopFactor[0] = 2;
        n.levelStart[1] = 1;
        n.levelStart[2] = 1;
        n.levelStart[3] = 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.evaluate(n, model.newWorkspace()));
        assertEquals("The factors of P in the loop nest multiply to 1, but its bound is 4; make them multiply to the bound.",
                e.getMessage());
    }

    @Test
    void outputsWithCoefficientsOrDiagonalsAreRejected() {
        Dim p = Dim.of("P");
        Dim r = Dim.of("R");
        Tensor in = new Tensor(TensorId.of("In"), List.of(new IndexExpr(List.of(Term.of(p), Term.of(r)), 0)), false);
        for (List<IndexExpr> out : List.of(List.of(IndexExpr.of(new Term(p, 2))), List.of(IndexExpr.of(p), IndexExpr.of(p)))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Workload("w", List.of(p, r),
                    Map.of(p, 8L, r, 3L), List.of(in, new Tensor(TensorId.of("Out"), out, true)), Map.of()));
            assertTrue(e.getMessage().startsWith("Workload w: The output Out[" + (out.size() == 1 ? "P*2] multiplies P by 2"
                    : "P, P] indexes two of its axes with P")), e.getMessage());
        }
    }

    @Test
    void tensorsThatCouldOverflowACountAreRejected() {
        Dim p = Dim.of("P");
        Dim r = Dim.of("R");
        long c = Integer.MAX_VALUE;
        Tensor in = new Tensor(TensorId.of("In"), List.of(new IndexExpr(List.of(new Term(p, c), new Term(r, c)), 0),
                new IndexExpr(List.of(new Term(p, c)), 0)), false);
        Tensor out = new Tensor(TensorId.of("Out"), List.of(IndexExpr.of(p)), true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Workload("w", List.of(p, r),
                Map.of(p, 1L << 20, r, 1L << 20), List.of(in, out), Map.of()));
        assertEquals("Workload w: Tensor In[P*2147483647 + R*2147483647, P*2147483647] could move up to more than 2^63 "
                + "words (the MACs times the sum of each index's coefficients), more than the 2^62 that Mapwright's counts "
                + "can hold; use smaller coefficients or bounds, or split the layer.", e.getMessage());
    }

    /** A random einsum: up to 4 dimensions, 1 to 3 operands with affine indices, and an output of plain dimensions. */
    private static Workload workload(SplittableRandom rnd, boolean extreme) {
        int nd = 1 + rnd.nextInt(4);
        List<Dim> dims = new ArrayList<>();
        Map<Dim, Long> bounds = new LinkedHashMap<>();
        double budget = extreme ? 50 : 12; // log2 of the MACs to aim at
        for (int d = 0; d < nd; d++) {
            Dim dim = Dim.of("D" + d);
            dims.add(dim);
            double share = rnd.nextDouble() * Math.min(budget, 31);
            budget -= share;
            bounds.put(dim, Math.max(1, (long) Math.pow(2, share) - rnd.nextInt(3)));
        }
        List<Tensor> tensors = new ArrayList<>();
        int operands = 1 + rnd.nextInt(3);
        for (int t = 0; t < operands; t++) {
            List<IndexExpr> index = new ArrayList<>();
            for (int a = 0, na = 1 + rnd.nextInt(3); a < na; a++) {
                List<Dim> shuffled = new ArrayList<>(dims);
                Collections.shuffle(shuffled, new java.util.Random(rnd.nextLong()));
                List<Term> terms = new ArrayList<>();
                for (int k = 0, nk = 1 + rnd.nextInt(Math.min(2, nd)); k < nk; k++) {
                    long coef = extreme ? Math.max(1, (long) Math.pow(2, rnd.nextDouble() * 31)) : 1 + rnd.nextInt(3);
                    terms.add(new Term(shuffled.get(k), coef));
                }
                index.add(new IndexExpr(terms, rnd.nextInt(3)));
            }
            tensors.add(new Tensor(TensorId.of("T" + t), index, false));
        }
        List<Dim> shuffled = new ArrayList<>(dims);
        Collections.shuffle(shuffled, new java.util.Random(rnd.nextLong()));
        List<IndexExpr> out = new ArrayList<>();
        for (int a = 0, na = 1 + rnd.nextInt(nd); a < na; a++) {
            out.add(IndexExpr.of(shuffled.get(a)));
        }
        tensors.add(new Tensor(TensorId.of("Out"), out, true));
        return new Workload("w", dims, bounds, tensors, Map.of());
    }

    /** A random hierarchy of 1 to 4 levels with random fan-outs (at most 2^24 units), capacities and energies. */
    private static Architecture architecture(SplittableRandom rnd, boolean extreme) {
        int nl = 1 + rnd.nextInt(4);
        List<StorageLevel> levels = new ArrayList<>();
        double unitsLog = extreme ? 24 : 6;
        for (int l = 0; l < nl; l++) {
            long cap = l == 0 ? StorageLevel.UNBOUNDED : Math.max(1, (long) Math.pow(2, rnd.nextDouble() * (extreme ? 40 : 12)));
            double bwr = rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Math.pow(10, rnd.nextDouble() * 6 - 2);
            double bww = rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Math.pow(10, rnd.nextDouble() * 6 - 2);
            double er = extreme && rnd.nextInt(4) == 0 ? StorageLevel.MAX_ENERGY_PJ : rnd.nextDouble() * 500;
            double ew = extreme && rnd.nextInt(4) == 0 ? StorageLevel.MAX_ENERGY_PJ : rnd.nextDouble() * 500;
            int fx = 1;
            int fy = 1;
            if (l < nl - 1 || rnd.nextBoolean()) {
                double sx = rnd.nextDouble() * unitsLog / 2;
                double sy = rnd.nextDouble() * unitsLog / 2;
                fx = (int) Math.pow(2, sx);
                fy = (int) Math.pow(2, sy);
                unitsLog -= Math.log(fx) / Math.log(2) + Math.log(fy) / Math.log(2);
            }
            levels.add(new StorageLevel(LevelId.of("L" + l), cap, 16, 1 + rnd.nextInt(4), bwr, bww,
                    Double.POSITIVE_INFINITY, er, ew, 1 + rnd.nextInt(2), Optional.empty(), 0, "explicit", Fanout.of(fx, fy)));
        }
        double mac = extreme && rnd.nextBoolean() ? StorageLevel.MAX_ENERGY_PJ : rnd.nextDouble() * 5;
        return new Architecture("a", levels, new ComputeUnit("mac", mac, 0));
    }
}
