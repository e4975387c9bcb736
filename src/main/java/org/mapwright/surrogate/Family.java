package org.mapwright.surrogate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.StorageLevel;
import org.mapwright.dsl.Frontend;

/**
 * An accelerator family: designs that share one built-in design's structure (its number of storage levels and the
 * levels that fan out) and differ in sizes: PE-array sides, capacities, bandwidths and energies per access. One
 * surrogate serves a whole family, conditioned on each design's {@link #parameters}.
 *
 * <p>Sampled variants ({@link #sample}) scale the base design: mesh sides, capacities of buffers above one word and
 * finite bandwidths are drawn from fixed sets, and energies per access follow capacity (SRAM energy grows about as
 * the square root of capacity) with a little jitter. The {@link Split#TRAIN} sets and the {@link Split#HELD_OUT}
 * sets share no value except 1 for factors, so an accelerator drawn for held-out evaluation always has a mesh side
 * and a capacity never seen in training.
 *
 * @param name     the family's name, used for model folders ({@code models/<name>})
 * @param base     the built-in design the family grows from
 * @param members  the built-in designs of the family (the base first)
 */
public record Family(String name, Architecture base, List<String> members) {

    /** Whether a sampled design is for training or for held-out evaluation. */
    public enum Split { TRAIN, HELD_OUT }

    static final int[] TRAIN_SIDES = {2, 4, 6, 8, 12, 14, 16, 24, 32};
    static final int[] HELD_OUT_SIDES = {10, 20, 28};
    static final double[] TRAIN_CAPACITY = {0.25, 0.5, 1, 2, 4};
    static final double[] HELD_OUT_CAPACITY = {0.35, 1.5, 3};
    static final double[] TRAIN_BANDWIDTH = {0.5, 1, 2};
    static final double[] HELD_OUT_BANDWIDTH = {0.75, 1.5};
    static final double[] DRAM_ENERGY = {0.5, 1, 2};

    /** Features per level in {@link #parameters}, then two for the compute units. */
    public static final int PER_LEVEL = 12;

    public Family {
        members = List.copyOf(members);
    }

    /** The families Mapwright knows, each grown from a built-in design. */
    public static List<Family> all() {
        return List.of(
                new Family("eyeriss", builtin("eyeriss_like"), List.of("eyeriss_like")),
                new Family("simple", builtin("simple_ws"), List.of("simple_ws", "simple_os")));
    }

    public static Optional<Family> byName(String name) {
        return all().stream().filter(f -> f.name.equals(name)).findFirst();
    }

    /** The family an accelerator belongs to, if any. */
    public static Optional<Family> of(Architecture a) {
        return all().stream().filter(f -> f.admits(a)).findFirst();
    }

    static Architecture builtin(String name) {
        return Frontend.loadBuiltin(name + ".mw").accelerators().get(name);
    }

    /**
     * Whether a design has this family's structure: as many levels, fan-outs below the same levels (on the same
     * axes), the outermost level unbounded and the others bounded.
     */
    public boolean admits(Architecture a) {
        if (a.levelCount() != base.levelCount()) {
            return false;
        }
        for (int l = 0; l < a.levelCount(); l++) {
            Fanout fa = a.level(l).fanout();
            Fanout fb = base.level(l).fanout();
            if ((fa.x() > 1) != (fb.x() > 1) || (fa.y() > 1) != (fb.y() > 1)) {
                return false;
            }
            if (a.level(l).isBounded() != base.level(l).isBounded()) {
                return false;
            }
        }
        return true;
    }

    public int levels() {
        return base.levelCount();
    }

    /** Length of {@link #parameters}. */
    public int parameterCount() {
        return PER_LEVEL * levels() + 2;
    }

    /**
     * The design's parameters as features, per level: log capacity in words (0 when unbounded), log block size, log
     * read, write and shared bandwidth (log 10^4 for unlimited), log(1 + read and write energy in pJ), log multiple
     * buffering, log X and Y fan-out below the level, log instances and word bits / 16; then log(1 + MAC energy)
     * and log compute units. Only meaningful for designs this family {@link #admits}.
     */
    public double[] parameters(Architecture a) {
        double[] v = new double[parameterCount()];
        int i = 0;
        for (int l = 0; l < a.levelCount(); l++) {
            StorageLevel s = a.level(l);
            v[i++] = s.isBounded() ? Math.log(s.capacityWords()) : 0;
            v[i++] = Math.log(s.blockSize());
            v[i++] = logBandwidth(s.readBandwidth());
            v[i++] = logBandwidth(s.writeBandwidth());
            v[i++] = logBandwidth(s.sharedBandwidth());
            v[i++] = Math.log1p(s.readEnergy());
            v[i++] = Math.log1p(s.writeEnergy());
            v[i++] = Math.log(s.multipleBuffering());
            v[i++] = Math.log(s.fanout().x());
            v[i++] = Math.log(s.fanout().y());
            v[i++] = Math.log(a.instances(l));
            v[i++] = s.wordBits() / 16.0;
        }
        v[i++] = Math.log1p(a.compute().macEnergy());
        v[i] = Math.log(a.computeInstances());
        return v;
    }

    private static double logBandwidth(double bw) {
        return Double.isInfinite(bw) ? Math.log(1e4) : Math.log(Math.min(bw, 1e4));
    }

    /**
     * A variant of one of the family's built-in designs, chosen at random, with sizes drawn from the split's sets.
     * A held-out variant always has at least one mesh side from the held-out set.
     */
    public Architecture sample(SplittableRandom rnd, Split split, String name) {
        Architecture from = builtin(members.get(rnd.nextInt(members.size())));
        boolean train = split == Split.TRAIN;
        int[] sides = train ? TRAIN_SIDES : HELD_OUT_SIDES;
        List<StorageLevel> out = new ArrayList<>();
        double dram = DRAM_ENERGY[rnd.nextInt(DRAM_ENERGY.length)];
        for (int l = 0; l < from.levelCount(); l++) {
            StorageLevel s = from.level(l);
            Fanout f = s.fanout();
            int x = f.x() > 1 ? sides[rnd.nextInt(sides.length)] : 1;
            int y = f.y() > 1 ? sides[rnd.nextInt(sides.length)] : 1;
            Fanout nf = new Fanout(x, y, f.allowedX(), f.allowedY());
            long cap = s.capacityWords();
            double energyScale;
            if (s.isBounded() && cap > 1) {
                double m = pick(rnd, train ? TRAIN_CAPACITY : HELD_OUT_CAPACITY);
                cap = Math.max(2, Math.round(cap * m));
                energyScale = Math.sqrt(m) * (0.85 + 0.3 * rnd.nextDouble());
            } else if (!s.isBounded()) {
                energyScale = dram;
            } else {
                energyScale = 1;
            }
            double bwScale = pick(rnd, train ? TRAIN_BANDWIDTH : HELD_OUT_BANDWIDTH);
            out.add(new StorageLevel(s.id(), cap, s.wordBits(), s.blockSize(), scaleBandwidth(s.readBandwidth(), bwScale),
                    scaleBandwidth(s.writeBandwidth(), bwScale), scaleBandwidth(s.sharedBandwidth(), bwScale),
                    s.readEnergy() * energyScale, s.writeEnergy() * energyScale, s.multipleBuffering(), s.mayKeep(),
                    s.areaUm2(), "sampled from " + from.name(), nf));
        }
        Architecture a = new Architecture(name, out, from.compute(), from.linkTransfers(), from.technology());
        if (!train && !hasHeldOutSide(a)) {
            return sample(rnd, split, name);
        }
        return a;
    }

    private static boolean hasHeldOutSide(Architecture a) {
        for (StorageLevel s : a.levels()) {
            for (int side : HELD_OUT_SIDES) {
                if (s.fanout().x() == side || s.fanout().y() == side) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double pick(SplittableRandom rnd, double[] values) {
        return values[rnd.nextInt(values.length)];
    }

    private static double scaleBandwidth(double bw, double scale) {
        return Double.isInfinite(bw) ? bw : Math.max(1, Math.round(bw * scale));
    }
}
