package org.mapwright.mapping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mapwright.arch.Architecture;
import org.mapwright.workload.Dim;
import org.mapwright.workload.Tensor;
import org.mapwright.workload.TensorId;
import org.mapwright.workload.Workload;

/**
 * Checks that a mapping is well formed for a workload and an accelerator: one entry per level in order, known
 * dimensions and tensors, each dimension at most once per loop list, factors that multiply to each bound, and an
 * outermost level that keeps every tensor. Hardware limits (capacity, fan-out) are not checked here.
 */
public final class MappingChecker {
    private MappingChecker() {
    }

    public static List<MappingProblem> check(Mapping m, Workload w, Architecture a) {
        List<MappingProblem> out = new ArrayList<>();
        if (m.levels().size() != a.levelCount()) {
            out.add(new MappingProblem(-1, Optional.empty(), Optional.empty(),
                    "The mapping has " + m.levels().size() + " levels but accelerator " + a.name() + " has "
                            + a.levelCount() + "; give one entry per level, outermost first."));
            return out;
        }
        Set<Dim> known = new HashSet<>(w.dims());
        for (int i = 0; i < a.levelCount(); i++) {
            LevelMapping lm = m.level(i);
            String expected = a.level(i).name();
            if (!lm.level().name().equals(expected)) {
                out.add(new MappingProblem(i, Optional.empty(), Optional.empty(),
                        "Level " + (i + 1) + " of the mapping is " + lm.level() + " but the accelerator's level " + (i + 1)
                                + " is " + expected + "; list levels in the accelerator's order."));
                continue;
            }
            checkLoops(out, i, lm.temporal(), "temporal", known, expected);
            checkLoops(out, i, lm.spatialX(), "spatial X", known, expected);
            checkLoops(out, i, lm.spatialY(), "spatial Y", known, expected);
            for (Loop x : lm.spatialX()) {
                for (Loop y : lm.spatialY()) {
                    if (x.dim().equals(y.dim())) {
                        out.add(new MappingProblem(i, Optional.of(x.dim().name()), Optional.empty(),
                                "Dimension " + x.dim() + " is unrolled on both X and Y at level " + expected
                                        + "; unroll it on one axis only."));
                    }
                }
            }
            for (TensorId t : lm.keep()) {
                if (w.tensor(t.name()).isEmpty()) {
                    out.add(new MappingProblem(i, Optional.empty(), Optional.of(t.name()),
                            "Level " + expected + " keeps unknown tensor " + t + "; the tensors are " + w.tensorIds() + "."));
                }
            }
        }
        for (Tensor t : w.tensors()) {
            if (!m.level(0).keeps(t.id())) {
                out.add(new MappingProblem(0, Optional.empty(), Optional.of(t.name()),
                        "The outermost level " + a.level(0).name() + " must keep every tensor, but it bypasses " + t.id()
                                + "; add it to the level's keep list."));
            }
        }
        for (Dim d : w.dims()) {
            long p = 1;
            boolean overflow = false;
            for (LevelMapping lm : m.levels()) {
                for (List<Loop> loops : List.of(lm.temporal(), lm.spatialX(), lm.spatialY())) {
                    for (Loop l : loops) {
                        if (l.dim().equals(d)) {
                            if (p > Long.MAX_VALUE / l.factor()) {
                                overflow = true;
                            } else {
                                p *= l.factor();
                            }
                        }
                    }
                }
            }
            if (overflow || p != w.bound(d)) {
                out.add(new MappingProblem(-1, Optional.of(d.name()), Optional.empty(),
                        "The factors of " + d + " multiply to " + (overflow ? "more than 2^63" : Long.toString(p))
                                + " but its bound is " + w.bound(d) + "; make them multiply to exactly " + w.bound(d) + "."));
            }
        }
        return out;
    }

    private static void checkLoops(List<MappingProblem> out, int level, List<Loop> loops, String kind, Set<Dim> known,
                                   String levelName) {
        Set<Dim> seen = new HashSet<>();
        for (Loop l : loops) {
            if (!known.contains(l.dim())) {
                out.add(new MappingProblem(level, Optional.of(l.dim().name()), Optional.empty(),
                        "Level " + levelName + " has a " + kind + " loop over unknown dimension " + l.dim() + "."));
            } else if (!seen.add(l.dim())) {
                out.add(new MappingProblem(level, Optional.of(l.dim().name()), Optional.empty(),
                        "Dimension " + l.dim() + " appears twice in the " + kind + " loops of level " + levelName
                                + "; give each dimension once per level and multiply the factors."));
            }
        }
    }
}
