package org.mapwright.mapspace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.StorageLevel;
import org.mapwright.mapping.LevelMapping;
import org.mapwright.mapping.Loop;
import org.mapwright.mapping.Mapping;
import org.mapwright.workload.Dim;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.TensorId;
import org.mapwright.workload.Workload;

/**
 * The legal mappings of one workload on one accelerator under given constraints: for every dimension, an ordered
 * factorization of its bound over the slots (each level's temporal loops and spatial fan-out), an axis for every
 * unrolled dimension, a loop order per level and a keep/bypass choice per level and tensor.
 *
 * <p>Constraints are resolved as Timeloop resolves them: fixed factors are taken innermost slot first (a level's
 * spatial slot before its temporal one); a value above the bound means the bound, {@code Whole} means the bound,
 * and a value that does not divide what remains is dropped with a warning. What the constraints and the hardware
 * fix is fixed in every point this space produces; sampling ({@link Sampler}), moves ({@link Moves}) and encodings
 * ({@link Encoding}) only vary the rest. Capacity, fan-out sizes and minimum utilization are left to the cost
 * model's cheap checks.
 */
public final class Mapspace {
    final Workload workload;
    final Architecture arch;
    final Constraints constraints;
    final int nd;
    final int nl;
    final int nt;
    final int ns;
    final long[] bound;
    /** Fixed factor per [d * ns + s], or 0 where the slot is free. */
    final long[] fixed;
    /** Largest factor per [d * ns + s] (free slots). */
    final long[] max;
    /** Per dimension: the free slots, and the primes (with repetition) of what they share. */
    final int[][] freeSlots;
    final long[][] primes;
    /** Per [l * nd + d]: bit 0 if the dimension may be unrolled on X at level l, bit 1 for Y. */
    final byte[] axisMask;
    /** Per level: dimensions fixed innermost (innermost first), and the other dimensions. */
    final int[][] innerOrder;
    final int[][] freeOrder;
    /** Per level: whether its loop order can change any count (some inner level keeps something). */
    final boolean[] orderMatters;
    final int[] keepFixed;
    final int[] keepFree;
    final double minUtilization;
    final List<String> warnings = new ArrayList<>();

    public Mapspace(Workload w, Architecture a, Constraints c) {
        this.workload = w;
        this.arch = a;
        this.constraints = c;
        nd = w.dims().size();
        nl = a.levelCount();
        nt = w.tensors().size();
        ns = 2 * nl;
        bound = new long[nd];
        for (int d = 0; d < nd; d++) {
            bound[d] = w.bound(w.dims().get(d));
        }
        for (String level : c.levels().keySet()) {
            if (a.levelIndex(level).isEmpty()) {
                throw new NoLegalMappingException("The constraints name level " + level + ", which accelerator "
                        + a.name() + " does not have; fix the level name.");
            }
        }
        fixed = new long[nd * ns];
        max = new long[nd * ns];
        Arrays.fill(max, Long.MAX_VALUE);
        axisMask = new byte[nl * nd];
        resolveAxes();
        freeSlots = new int[nd][];
        primes = new long[nd][];
        resolveFactors();
        innerOrder = new int[nl][];
        freeOrder = new int[nl][];
        resolveOrders();
        keepFixed = new int[nl];
        keepFree = new int[nl];
        resolveKeeps();
        orderMatters = new boolean[nl];
        for (int l = 0; l < nl; l++) {
            for (int inner = l + 1; inner < nl; inner++) {
                orderMatters[l] |= (keepFixed[inner] | keepFree[inner]) != 0;
            }
        }
        minUtilization = c.minUtilization();
        checkUtilizationReachable();
    }

    public Workload workload() {
        return workload;
    }

    public Architecture architecture() {
        return arch;
    }

    public Constraints constraints() {
        return constraints;
    }

    /** Warnings from resolving the constraints (dropped factors, rules for absent dimensions). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public int dims() {
        return nd;
    }

    public int levels() {
        return nl;
    }

    public int tensors() {
        return nt;
    }

    /** Whether level l's loop order can change any count (some level inside it keeps a tensor). */
    public boolean orderMatters(int l) {
        return orderMatters[l];
    }

    /** Tensors level l keeps in every point of this space (bitmask over tensors). */
    public int fixedKeeps(int l) {
        return keepFixed[l];
    }

    /** Tensors level l may keep in some point of this space (bitmask over tensors): the fixed ones and the free. */
    public int allowedKeeps(int l) {
        return keepFixed[l] | keepFree[l];
    }

    /** Minimum fraction of compute units a mapping must use. */
    public double minUtilization() {
        return minUtilization;
    }

    /** A point with every fixed choice applied and the free ones at their simplest (all free factors outermost). */
    public MapPoint newPoint() {
        MapPoint p = new MapPoint(nd, nl);
        for (int d = 0; d < nd; d++) {
            for (int s = 0; s < ns; s++) {
                p.factor[d * ns + s] = fixed[d * ns + s] == 0 ? 1 : fixed[d * ns + s];
            }
            long rest = 1;
            for (long pr : primes[d]) {
                rest *= pr;
            }
            if (freeSlots[d].length > 0) {
                p.factor[d * ns + freeSlots[d][0]] = rest;
            }
        }
        for (int l = 0; l < nl; l++) {
            canonicalOrder(p, l);
            p.keep[l] = keepFixed[l] | keepFree[l];
            for (int d = 0; d < nd; d++) {
                p.axis[l * nd + d] = (byte) ((axisMask[l * nd + d] & 1) != 0 ? 0 : 1);
            }
        }
        return p;
    }

    void canonicalOrder(MapPoint p, int l) {
        int k = 0;
        for (int d : freeOrder[l]) {
            p.order[l * nd + k++] = d;
        }
        for (int i = innerOrder[l].length - 1; i >= 0; i--) {
            p.order[l * nd + k++] = innerOrder[l][i];
        }
    }

    /** The point as a mapping record (loops of factor 1 are left out). */
    public Mapping toMapping(MapPoint p) {
        List<LevelMapping> out = new ArrayList<>();
        for (int l = 0; l < nl; l++) {
            List<Loop> t = new ArrayList<>();
            List<Loop> x = new ArrayList<>();
            List<Loop> y = new ArrayList<>();
            for (int j = 0; j < nd; j++) {
                int d = p.order[l * nd + j];
                long f = p.factor[d * ns + 2 * l];
                if (f > 1) {
                    t.add(new Loop(workload.dims().get(d), f));
                }
            }
            for (int d = 0; d < nd; d++) {
                long f = p.factor[d * ns + 2 * l + 1];
                if (f > 1) {
                    (p.axis[l * nd + d] == 0 ? x : y).add(new Loop(workload.dims().get(d), f));
                }
            }
            java.util.Set<TensorId> keep = new java.util.LinkedHashSet<>();
            for (int ti = 0; ti < nt; ti++) {
                if ((p.keep[l] >>> ti & 1) != 0) {
                    keep.add(workload.tensors().get(ti).id());
                }
            }
            out.add(new LevelMapping(arch.level(l).id(), keep, t, x, y));
        }
        return new Mapping(out);
    }

    /** Whether a point respects every fixed choice of this space (factors, axes, orders, keeps). */
    public boolean admits(MapPoint p) {
        for (int d = 0; d < nd; d++) {
            long prod = 1;
            for (int s = 0; s < ns; s++) {
                long f = p.factor[d * ns + s];
                if (fixed[d * ns + s] != 0 ? f != fixed[d * ns + s] : f > max[d * ns + s]) {
                    return false;
                }
                if (s % 2 == 1 && f > 1 && (axisMask[(s / 2) * nd + d] >>> p.axis[(s / 2) * nd + d] & 1) == 0) {
                    return false;
                }
                prod *= f;
            }
            if (prod != bound[d]) {
                return false;
            }
        }
        for (int l = 0; l < nl; l++) {
            if ((p.keep[l] & ~(keepFixed[l] | keepFree[l])) != 0 || (p.keep[l] & keepFixed[l]) != keepFixed[l]) {
                return false;
            }
            for (int i = 0; i < innerOrder[l].length; i++) {
                if (p.order[l * nd + nd - 1 - i] != innerOrder[l][i]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** log10 of the number of distinct points (factorizations x orders x keeps x axes), ignoring maximum factors. */
    public double log10Size() {
        double s = 0;
        for (int d = 0; d < nd; d++) {
            int k = freeSlots[d].length;
            long[] ps = primes[d];
            for (int i = 0; i < ps.length; ) {
                int a = 0;
                long p = ps[i];
                while (i < ps.length && ps[i] == p) {
                    a++;
                    i++;
                }
                s += log10Binomial(a + k - 1, k - 1);
            }
        }
        for (int l = 0; l < nl; l++) {
            if (orderMatters[l]) {
                for (int i = 2; i <= freeOrder[l].length; i++) {
                    s += Math.log10(i);
                }
            }
            s += Integer.bitCount(keepFree[l]) * Math.log10(2);
            for (int d = 0; d < nd; d++) {
                if (axisMask[l * nd + d] == 3) {
                    s += Math.log10(2);
                }
            }
        }
        return s;
    }

    private static double log10Binomial(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log10(n - k + i) - Math.log10(i);
        }
        return s;
    }

    // ------------------------------------------------------------------ resolution of constraints

    private int dimIndex(String name) {
        for (int d = 0; d < nd; d++) {
            if (workload.dims().get(d).name().equals(name)) {
                return d;
            }
        }
        return -1;
    }

    private void resolveAxes() {
        for (int l = 0; l < nl; l++) {
            StorageLevel s = arch.level(l);
            Fanout f = s.fanout();
            LevelConstraints lc = constraints.level(s.name());
            for (int d = 0; d < nd; d++) {
                String dn = workload.dims().get(d).name();
                Axis want = lc.axes().get(dn);
                boolean listed = want != null;
                boolean x = f.x() > 1 && f.allowsX(dn) && (listed ? want == Axis.X : !lc.onlyListedAxes());
                boolean y = f.y() > 1 && f.allowsY(dn) && (listed ? want == Axis.Y : !lc.onlyListedAxes());
                axisMask[l * nd + d] = (byte) ((x ? 1 : 0) | (y ? 2 : 0));
            }
            for (String dn : lc.axes().keySet()) {
                if (dimIndex(dn) < 0) {
                    warnings.add("Level " + s.name() + ": the constraints place dimension " + dn + " on an axis, but "
                            + workload.name() + " has no such dimension; ignored.");
                }
            }
        }
    }

    private void resolveFactors() {
        for (int d = 0; d < nd; d++) {
            String dn = workload.dims().get(d).name();
            long partial = 1;
            // Timeloop's order: innermost level first, a level's spatial slot before its temporal slot.
            for (int l = nl - 1; l >= 0; l--) {
                LevelConstraints lc = constraints.level(arch.level(l).name());
                for (int kind = 1; kind >= 0; kind--) {
                    int s = 2 * l + kind;
                    FactorRule r = (kind == 1 ? lc.spatial() : lc.temporal()).get(dn);
                    boolean forcedOne = kind == 1 && axisMask[l * nd + d] == 0;
                    if (r instanceof FactorRule.AtMost m) {
                        max[d * ns + s] = m.value();
                        r = null;
                    }
                    if (r == null) {
                        if (forcedOne) {
                            fixed[d * ns + s] = 1;
                        }
                        continue;
                    }
                    long v = r instanceof FactorRule.Fixed fx ? Math.min(fx.value(), bound[d]) : bound[d];
                    if (forcedOne && v > 1) {
                        throw new NoLegalMappingException("The constraints unroll " + dn + " by " + v + " at level "
                                + arch.level(l).name() + ", but " + (arch.level(l).fanout().size() == 1
                                ? "that level has no fan-out" : "its fan-out may not unroll " + dn)
                                + "; remove the spatial factor or allow the dimension there.");
                    }
                    if (bound[d] % (v * partial) != 0) {
                        warnings.add("Level " + arch.level(l).name() + ": the constraint " + dn + "=" + v + " ("
                                + (kind == 1 ? "spatial" : "temporal") + ") does not divide what remains of " + dn + "'s bound "
                                + bound[d] + " after the factors inside it (" + partial + "); it is ignored, as Timeloop does.");
                        if (forcedOne) {
                            fixed[d * ns + s] = 1;
                        }
                        continue;
                    }
                    fixed[d * ns + s] = v;
                    partial *= v;
                }
            }
            IntArrayList free = new IntArrayList();
            for (int s = 0; s < ns; s++) {
                if (fixed[d * ns + s] == 0) {
                    free.add(s);
                }
            }
            long rest = bound[d] / partial;
            if (free.isEmpty() && rest != 1) {
                throw new NoLegalMappingException("The constraints fix every slot of " + dn + ", but the fixed factors "
                        + "multiply to " + partial + " while its bound is " + bound[d] + "; free a slot of " + dn + " or fix its factors to multiply to "
                        + bound[d] + ".");
            }
            freeSlots[d] = free.toArray();
            primes[d] = primeFactors(rest);
            long capacity = 1;
            for (int s : freeSlots[d]) {
                capacity = Workload.saturatingMultiply(capacity, max[d * ns + s]);
            }
            if (capacity < rest) {
                throw new NoLegalMappingException("The maximum factors the constraints allow for " + dn + " multiply to "
                        + capacity + ", less than the " + rest + " left to place; raise a maximum.");
            }
        }
        for (LevelConstraints lc : constraints.levels().values()) {
            for (String dn : concat(lc.temporal().keySet(), lc.spatial().keySet())) {
                if (dimIndex(dn) < 0) {
                    warnings.add("The constraints give a factor for dimension " + dn + ", which " + workload.name()
                            + " does not have; ignored.");
                }
            }
        }
    }

    private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private void resolveOrders() {
        for (int l = 0; l < nl; l++) {
            LevelConstraints lc = constraints.level(arch.level(l).name());
            IntArrayList inner = new IntArrayList();
            for (String dn : lc.innerOrder().orElse(List.of())) {
                int d = dimIndex(dn);
                if (d >= 0 && !inner.contains(d)) {
                    inner.add(d);
                }
            }
            innerOrder[l] = inner.toArray();
            IntArrayList rest = new IntArrayList();
            for (int d = 0; d < nd; d++) {
                if (!inner.contains(d)) {
                    rest.add(d);
                }
            }
            freeOrder[l] = rest.toArray();
        }
    }

    private void resolveKeeps() {
        int all = (1 << nt) - 1;
        for (int l = 0; l < nl; l++) {
            StorageLevel s = arch.level(l);
            LevelConstraints lc = constraints.level(s.name());
            int may = 0;
            int must = 0;
            int mustNot = 0;
            for (int t = 0; t < nt; t++) {
                Tensor ten = workload.tensors().get(t);
                if (s.mayKeep(ten.name())) {
                    may |= 1 << t;
                }
                if (lc.keep().contains(ten.name())) {
                    must |= 1 << t;
                }
                if (lc.bypass().contains(ten.name())) {
                    mustNot |= 1 << t;
                }
            }
            if (l == 0) {
                must = all;
            }
            int bad = must & (~may | mustNot);
            if (bad != 0) {
                String t = workload.tensors().get(Integer.numberOfTrailingZeros(bad)).name();
                throw new NoLegalMappingException("Level " + s.name() + " must keep " + t + (l == 0 ? " (the outermost level keeps everything)" : "")
                        + ", but " + ((mustNot & bad) != 0 ? "the constraints bypass it there" : "it cannot hold " + t)
                        + "; change the constraints or the accelerator.");
            }
            keepFixed[l] = must;
            keepFree[l] = may & ~must & ~mustNot;
        }
    }

    private void checkUtilizationReachable() {
        if (minUtilization <= 0) {
            return;
        }
        long reachable = 1;
        for (int l = 0; l < nl; l++) {
            Fanout f = arch.level(l).fanout();
            reachable *= Math.min(f.size(), maxSpatialProduct(l));
        }
        if (reachable < minUtilization * arch.computeInstances()) {
            throw new NoLegalMappingException("The minimum utilization " + minUtilization + " needs "
                    + (long) Math.ceil(minUtilization * arch.computeInstances()) + " of " + arch.computeInstances()
                    + " compute units busy, but the constraints and bounds allow at most " + reachable + "; lower the minimum.");
        }
    }

    private long maxSpatialProduct(int l) {
        long p = 1;
        for (int d = 0; d < nd; d++) {
            int s = 2 * l + 1;
            long f = fixed[d * ns + s] != 0 ? fixed[d * ns + s] : Math.min(bound[d], max[d * ns + s]);
            p = Workload.saturatingMultiply(p, f);
        }
        return p;
    }

    static long[] primeFactors(long n) {
        LongArrayList out = new LongArrayList();
        for (long p = 2; p * p <= n; p += p == 2 ? 1 : 2) {
            while (n % p == 0) {
                out.add(p);
                n /= p;
            }
        }
        if (n > 1) {
            out.add(n);
        }
        return out.toArray();
    }

    /** Dimension names, for messages and encodings. */
    public List<String> dimNames() {
        return workload.dims().stream().map(Dim::name).toList();
    }
}
