package org.mapwright.archspace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mapwright.archspace.Choices.FanoutChoice;
import org.mapwright.archspace.Choices.LevelChoice;

/**
 * The one walk over a space's parameters, in coordinate order, shared by decoding, naming and encoding so that the
 * three cannot disagree on which coordinate means what. A choice of one option and a fixed axis take no coordinate.
 */
final class Walk {
    private Walk() {
    }

    /** Where a walk's coordinates come from, or where they go. */
    interface Source {
        /** The option picked for a choice of {@code n > 1} options; {@code target} is the option wanted, or -1. */
        int next(String name, int n, int target);

        /** An importance in [0, 1]; {@code target} is the importance wanted when encoding. */
        double importance(String name, double target);
    }

    /** Thrown by {@link #walk} when a target is not a point of the space. */
    static final class NotInSpace extends RuntimeException {
        NotInSpace() {
            super(null, null, false, false);
        }
    }

    /** Walks the space, taking coordinates from {@code src}; {@code target} (or null) gives the values wanted. */
    static Choices walk(ArchSpace space, Source src, Choices target) {
        List<LevelChoice> levels = new ArrayList<>();
        for (int i = 0; i < space.levels().size(); i++) {
            LevelSpec l = space.levels().get(i);
            LevelChoice t = target == null ? null : target.levels().get(i);
            String n = l.name();
            long cap = pick(src, n + ".capacity", l.capacityWords(), t == null ? null : t.capacityWords());
            int block = pick(src, n + ".block", l.blockSize(), t == null ? null : t.blockSize());
            int banks = pick(src, n + ".banks", l.banks(), t == null ? null : t.banks());
            double bw;
            if (l.bandwidth().isPresent()) {
                bw = pick(src, n + ".bandwidth", l.bandwidth().get(), t == null ? null : t.bandwidth());
            } else {
                bw = l.bandwidthFor(block, banks, 0);
                if (t != null && bw != t.bandwidth()) {
                    throw new NotInSpace();
                }
            }
            Optional<Set<String>> keeps = pick(src, n + ".keeps", l.keeps(), t == null ? null : t.keeps());
            levels.add(new LevelChoice(n, cap, block, banks, bw, keeps));
        }
        List<FanoutChoice> fanouts = new ArrayList<>();
        for (int i = 0; i < space.fanouts().size(); i++) {
            FanoutSpec f = space.fanouts().get(i);
            FanoutChoice t = target == null ? null : target.fanouts().get(i);
            String n = f.from() + ".fanout";
            int x = pick(src, n + ".x", f.x(), t == null ? null : t.x());
            int y = pick(src, n + ".y", f.y(), t == null ? null : t.y());
            Optional<Set<String>> ax = axis(src, n + ".x", f.onX(), t, t == null || t.x() == 1 ? null : t.allowedX());
            Optional<Set<String>> ay = axis(src, n + ".y", f.onY(), t, t == null || t.y() == 1 ? null : t.allowedY());
            fanouts.add(new FanoutChoice(f.from(), x, y, ax, ay));
        }
        return new Choices(levels, fanouts);
    }

    private static <T> T pick(Source src, String name, Choice<T> c, T target) {
        int want = target == null ? -1 : c.indexOf(target);
        if (target != null && want < 0) {
            throw new NotInSpace();
        }
        return c.isFixed() ? c.get(0) : c.get(src.next(name, c.size(), want));
    }

    /**
     * An axis's allowed dimensions. {@code target} is null when decoding; {@code wanted} is the set wanted on the
     * axis (an empty optional meaning any, read as every candidate) or null when any set will do.
     */
    private static Optional<Set<String>> axis(Source src, String name, Connectivity c, FanoutChoice target,
                                              Optional<Set<String>> wanted) {
        if (c instanceof Connectivity.Any) {
            if (wanted != null && wanted.isPresent()) {
                throw new NotInSpace();
            }
            return Optional.empty();
        }
        if (c instanceof Connectivity.Fixed fixed) {
            if (wanted != null && !wanted.equals(Optional.of(fixed.dims()))) {
                throw new NotInSpace();
            }
            return Optional.of(fixed.dims());
        }
        Connectivity.Searched s = (Connectivity.Searched) c;
        Set<String> want = null;
        if (target != null && wanted != null) {
            want = wanted.orElse(new LinkedHashSet<>(s.candidates()));
            if (!s.candidates().containsAll(want)) {
                throw new NotInSpace();
            }
        }
        Integer wantK = null;
        if (want != null) {
            wantK = want.size();
        } else if (target != null) {
            wantK = s.k().get(0); // an axis of side 1: any k decodes to the same design
        }
        int k = pick(src, name + ".k", s.k(), wantK);
        double[] importance = new double[s.candidates().size()];
        if (s.needsImportances()) {
            for (int i = 0; i < importance.length; i++) {
                String dim = s.candidates().get(i);
                importance[i] = Choice.clamp(src.importance(name + "." + dim, want != null && want.contains(dim) ? 0.75 : 0.25));
            }
        }
        return Optional.of(s.top(k, importance));
    }
}
