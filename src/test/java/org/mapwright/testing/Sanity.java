package org.mapwright.testing;

import org.mapwright.cost.Evaluation;
import org.mapwright.cost.LevelStats;
import org.mapwright.cost.TensorStats;

/**
 * The arithmetic invariants every evaluation must keep, whatever the input: no count is negative, no energy is
 * negative, NaN or infinite, and a valid mapping takes at least one cycle. Property and fuzz tests share it.
 */
public final class Sanity {
    private Sanity() {
    }

    /** Throws an {@link AssertionError} naming the first broken invariant of {@code e}. */
    public static void check(Evaluation e) {
        String what = e.valid() ? "a valid evaluation" : "an invalid evaluation";
        nonNegative(e.cycles(), what + ": cycles");
        nonNegative(e.computeCycles(), what + ": compute cycles");
        nonNegative(e.macs(), what + ": MACs");
        nonNegative(e.computeInstances(), what + ": compute instances");
        nonNegative(e.utilizedComputeInstances(), what + ": utilized compute instances");
        finite(e.energyPj(), what + ": energy");
        finite(e.computeEnergyPj(), what + ": compute energy");
        finite(e.edp(), what + ": EDP");
        finite(e.utilization(), what + ": utilization");
        if (e.valid()) {
            if (e.cycles() < 1 || e.computeCycles() < 1 || e.cycles() < e.computeCycles()) {
                throw new AssertionError("A valid evaluation needs cycles >= compute cycles >= 1, got " + e.cycles()
                        + " and " + e.computeCycles() + ".");
            }
            if (e.utilizedComputeInstances() < 1 || e.utilizedComputeInstances() > e.computeInstances()) {
                throw new AssertionError("A valid evaluation uses " + e.utilizedComputeInstances() + " of "
                        + e.computeInstances() + " compute units.");
            }
        }
        for (LevelStats l : e.levels()) {
            String lw = what + ", level " + l.name();
            nonNegative(l.instances(), lw + ": instances");
            nonNegative(l.cycles(), lw + ": cycles");
            finite(l.energyPj(), lw + ": energy");
            if (!(l.slowdown() > 0 && l.slowdown() <= 1)) {
                throw new AssertionError(lw + ": slowdown " + l.slowdown() + " is not in (0, 1].");
            }
            for (var t : l.tensors().entrySet()) {
                String tw = lw + ", tensor " + t.getKey();
                TensorStats s = t.getValue();
                nonNegative(s.tile(), tw + ": tile");
                nonNegative(s.partition(), tw + ": partition");
                nonNegative(s.reads(), tw + ": reads");
                nonNegative(s.fills(), tw + ": fills");
                nonNegative(s.updates(), tw + ": updates");
                nonNegative(s.instances(), tw + ": instances");
                finite(s.energyPj(), tw + ": energy");
            }
        }
    }

    private static void nonNegative(long v, String what) {
        if (v < 0) {
            throw new AssertionError(what + " is negative: " + v + ".");
        }
    }

    private static void finite(double v, String what) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v < 0) {
            throw new AssertionError(what + " is not a finite non-negative number: " + v + ".");
        }
    }
}
