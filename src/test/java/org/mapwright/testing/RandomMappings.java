package org.mapwright.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;
import org.mapwright.mapping.LevelMapping;
import org.mapwright.mapping.Loop;
import org.mapwright.mapping.Mapping;
import org.mapwright.workload.Dim;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.TensorId;
import org.mapwright.workload.Workload;

/**
 * Uniformly random mappings for benchmarks: every prime factor of every bound goes to a random level and to its
 * temporal loops or (where the level fans out) one of its spatial axes; loop orders are shuffled; levels whose keep
 * set is open keep a random subset. Many are invalid; callers keep the valid ones.
 */
public final class RandomMappings {
    private RandomMappings() {
    }

    public static Mapping sample(Workload w, Architecture a, SplittableRandom rnd) {
        int nl = a.levelCount();
        List<List<Loop>> temporal = new ArrayList<>();
        List<List<Loop>> sx = new ArrayList<>();
        List<List<Loop>> sy = new ArrayList<>();
        long[][] t = new long[nl][w.dims().size()];
        long[][] x = new long[nl][w.dims().size()];
        long[][] y = new long[nl][w.dims().size()];
        for (long[][] arr : List.of(t, x, y)) {
            for (long[] row : arr) {
                java.util.Arrays.fill(row, 1);
            }
        }
        for (int d = 0; d < w.dims().size(); d++) {
            for (long p : primeFactors(w.bound(w.dims().get(d)))) {
                while (true) {
                    int l = rnd.nextInt(nl);
                    int kind = rnd.nextInt(3);
                    StorageLevel s = a.level(l);
                    if (kind == 0) {
                        t[l][d] *= p;
                        break;
                    }
                    if (kind == 1 && s.fanout().x() > 1 && y[l][d] == 1) {
                        x[l][d] *= p;
                        break;
                    }
                    if (kind == 2 && s.fanout().y() > 1 && x[l][d] == 1) {
                        y[l][d] *= p;
                        break;
                    }
                }
            }
        }
        List<LevelMapping> levels = new ArrayList<>();
        for (int l = 0; l < nl; l++) {
            List<Loop> tl = new ArrayList<>();
            List<Loop> xl = new ArrayList<>();
            List<Loop> yl = new ArrayList<>();
            for (int d = 0; d < w.dims().size(); d++) {
                Dim dim = w.dims().get(d);
                tl.add(new Loop(dim, t[l][d]));
                if (x[l][d] > 1) {
                    xl.add(new Loop(dim, x[l][d]));
                }
                if (y[l][d] > 1) {
                    yl.add(new Loop(dim, y[l][d]));
                }
            }
            Collections.shuffle(tl, new java.util.Random(rnd.nextLong()));
            Set<TensorId> keep = new LinkedHashSet<>();
            StorageLevel s = a.level(l);
            for (Tensor ten : w.tensors()) {
                if (l == 0 || (s.mayKeep(ten.name()) && (s.mayKeep().isPresent() || rnd.nextBoolean()))) {
                    keep.add(ten.id());
                }
            }
            levels.add(new LevelMapping(s.id(), keep, tl, xl, yl));
        }
        return new Mapping(levels);
    }

    static List<Long> primeFactors(long n) {
        List<Long> out = new ArrayList<>();
        for (long p = 2; p * p <= n; p++) {
            while (n % p == 0) {
                out.add(p);
                n /= p;
            }
        }
        if (n > 1) {
            out.add(n);
        }
        return out;
    }
}
