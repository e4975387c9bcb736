package org.mapwright.archspace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;
import org.mapwright.archspace.Choices.FanoutChoice;
import org.mapwright.archspace.Choices.LevelChoice;
import org.mapwright.tech.Technology;

/**
 * A space of accelerators of one structure: storage levels from DRAM inward, fan-outs below some of them and a
 * compute unit, with a {@link Choice} for every size and NAAS's importance encoding for the connectivity of each
 * searched fan-out axis; the technology prices every decoded design and the limits bound its resources.
 *
 * <p>The space's coordinates, in order: per level its capacity, block size, banks, bandwidth and keep set; then per
 * fan-out its X and Y sides and, per searched axis, its k and one importance per candidate. A parameter with one
 * option takes no coordinate, nor do importances when every k takes all candidates.
 *
 * @param name          the space's name, also the name of every decoded accelerator
 * @param technology    the name of the {@link Technology} that prices decoded designs
 * @param levels        the storage levels, outermost (DRAM) first
 * @param fanouts       the fan-outs, at most one below each level
 * @param compute       the compute unit
 * @param limits        resource limits
 * @param linkTransfers whether instances forward data to mesh neighbours (as in {@link Architecture})
 */
public record ArchSpace(String name, String technology, List<LevelSpec> levels, List<FanoutSpec> fanouts,
                        ComputeSpec compute, Limits limits, boolean linkTransfers) {

    public ArchSpace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(technology, "technology");
        Objects.requireNonNull(compute, "compute");
        Objects.requireNonNull(limits, "limits");
        levels = List.copyOf(levels);
        fanouts = List.copyOf(fanouts);
        if (levels.isEmpty() || levels.get(0).isBounded()) {
            throw new IllegalArgumentException("Space " + name + " needs a DRAM level first.");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < levels.size(); i++) {
            if (!names.add(levels.get(i).name())) {
                throw new IllegalArgumentException("Space " + name + " names level " + levels.get(i).name() + " twice.");
            }
            if (i > 0 && !levels.get(i).isBounded()) {
                throw new IllegalArgumentException("Space " + name + " has DRAM level " + levels.get(i).name() + " inside; only the outermost level is DRAM.");
            }
        }
        Set<String> from = new HashSet<>();
        int last = -1;
        for (FanoutSpec f : fanouts) {
            int at = indexOf(levels, f.from());
            if (at < 0 || !from.add(f.from()) || at < last) {
                throw new IllegalArgumentException("Space " + name + " has a fan-out below " + f.from()
                        + ", which is not a level, has another fan-out or is out of order; list one fan-out per level, outermost first.");
            }
            last = at;
        }
        if (SpaceBounds.maxComputeUnits(fanouts) > Architecture.MAX_COMPUTE_UNITS) {
            throw new IllegalArgumentException("Space " + name + " allows more than 2^24 compute units; reduce its mesh sides.");
        }
    }

    private static int indexOf(List<LevelSpec> levels, String level) {
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).name().equals(level)) {
                return i;
            }
        }
        return -1;
    }

    /** The number of coordinates of a point of this space. */
    public int dimensions() {
        return parameterNames().size();
    }

    /** The coordinates' names, such as {@code shared_glb.capacity} or {@code shared_glb.fanout.x.M}, for reports. */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        Walk.walk(this, new Walk.Source() {
            @Override
            public int next(String n, int options, int target) {
                names.add(n);
                return 0;
            }

            @Override
            public double importance(String n, double target) {
                names.add(n);
                return 0;
            }
        }, null);
        return names;
    }

    /**
     * The choices a point picks. Every coordinate is clamped to [0, 1] (NaN reads as 0.5), so any vector of
     * {@link #dimensions} reals decodes.
     */
    public Choices choose(double[] u) {
        Objects.requireNonNull(u, "u");
        int n = dimensions();
        if (u.length != n) {
            throw new IllegalArgumentException("Space " + name + " has " + n + " coordinates, but the point has " + u.length + "; pass one per parameter.");
        }
        int[] at = {0};
        return Walk.walk(this, new Walk.Source() {
            @Override
            public int next(String p, int options, int target) {
                return Choice.index(u[at[0]++], options);
            }

            @Override
            public double importance(String p, double target) {
                return Choice.clamp(u[at[0]++]);
            }
        }, null);
    }

    /** Decodes a point with the space's named technology. */
    public Candidate decode(double[] u) {
        return decode(u, resolveTechnology());
    }

    /** Decodes a point, pricing the design with {@code tech}. */
    public Candidate decode(double[] u, Technology tech) {
        return candidate(choose(u), tech);
    }

    /** The candidate with the given choices, priced by {@code tech}. */
    public Candidate candidate(Choices c, Technology tech) {
        Architecture a = architecture(c, tech);
        Usage usage = Usage.of(a);
        return new Candidate(a, c, usage, limits.violation(usage), limits.violated(usage));
    }

    /** The technology this space names, if it is built in. */
    public Technology resolveTechnology() {
        return Technology.byName(technology).orElseThrow(() -> new IllegalStateException("Space " + name
                + " names technology " + technology + ", which is not built in; name one of "
                + Technology.all().stream().map(Technology::name).toList() + " or pass a Technology to decode."));
    }

    /**
     * The point whose decoding has these choices: each option at the middle of its interval, the chosen dimensions
     * of a searched axis at importance 0.75 and the others at 0.25. Empty when a choice is not an option here.
     */
    public Optional<double[]> encode(Choices target) {
        Objects.requireNonNull(target, "target");
        if (target.levels().size() != levels.size() || target.fanouts().size() != fanouts.size()) {
            return Optional.empty();
        }
        double[] u = new double[dimensions()];
        int[] at = {0};
        try {
            Walk.walk(this, new Walk.Source() {
                @Override
                public int next(String p, int options, int target) {
                    u[at[0]++] = (target + 0.5) / options;
                    return target;
                }

                @Override
                public double importance(String p, double target) {
                    u[at[0]++] = target;
                    return target;
                }
            }, target);
        } catch (Walk.NotInSpace e) {
            return Optional.empty();
        }
        return Optional.of(u);
    }

    /**
     * The point of this space with an accelerator's sizes, keep sets, meshes and connectivity (an unrestricted
     * searched axis reads as all its candidates), or empty when the accelerator is not in the space. Energies and
     * areas are ignored (the technology sets those), and so is the bandwidth of a level that keeps nothing.
     */
    public Optional<double[]> encode(Architecture a) {
        if (a.levelCount() != levels.size()) {
            return Optional.empty();
        }
        List<LevelChoice> lc = new ArrayList<>();
        List<FanoutChoice> fc = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            StorageLevel s = a.level(i);
            LevelSpec spec = levels.get(i);
            if (!s.name().equals(spec.name()) || s.wordBits() != spec.wordBits()
                    || s.readBandwidth() != s.writeBandwidth() || s.multipleBuffering() != spec.multipleBuffering()) {
                return Optional.empty();
            }
            double bw = s.readBandwidth();
            if (s.mayKeep().equals(Optional.of(Set.of()))) {
                // a level that keeps nothing moves no data, so its bandwidth cannot matter: take the space's
                bw = spec.bandwidth().map(c -> c.get(0)).orElse(spec.bandwidthFor(s.blockSize(), s.banks(), 0));
            }
            lc.add(new LevelChoice(s.name(), s.capacityWords(), s.blockSize(), s.banks(), bw, s.mayKeep()));
            Optional<FanoutSpec> f = fanouts.stream().filter(x -> x.from().equals(spec.name())).findFirst();
            if (f.isPresent()) {
                fc.add(new FanoutChoice(s.name(), s.fanout().x(), s.fanout().y(), s.fanout().allowedX(), s.fanout().allowedY()));
            } else if (s.fanout().size() != 1) {
                return Optional.empty();
            }
        }
        return encode(new Choices(lc, fc));
    }

    /**
     * The same space with every searched axis fixed to its reference dataflow (or to all its candidates when it
     * declares none): NAAS's "sizing only" ablation. It has fewer coordinates whenever some axis was searched.
     */
    public ArchSpace sizingOnly() {
        return new ArchSpace(name, technology, levels, fanouts.stream().map(FanoutSpec::sizingOnly).toList(), compute,
                limits, linkTransfers);
    }

    /** The accelerator with the given choices, every level, fan-out and the compute unit priced by {@code tech}. */
    public Architecture architecture(Choices c, Technology tech) {
        Objects.requireNonNull(tech, "tech");
        Architecture.Builder b = Architecture.builder(name).linkTransfers(linkTransfers);
        for (int i = 0; i < levels.size(); i++) {
            LevelSpec spec = levels.get(i);
            LevelChoice lc = c.levels().get(i);
            var cost = tech.storage(spec.kind(), lc.capacityWords(), spec.wordBits(), lc.blockSize(), lc.banks());
            StorageLevel.Builder lb = StorageLevel.builder(spec.name()).capacityWords(lc.capacityWords())
                    .wordBits(spec.wordBits()).blockSize(lc.blockSize()).banks(lc.banks())
                    .bandwidth(lc.bandwidth(), lc.bandwidth(), Double.POSITIVE_INFINITY)
                    .multipleBuffering(spec.multipleBuffering())
                    // the kind as an energy class, so that the technology model reads the level as this kind again
                    .energy(cost.readPj(), cost.writePj(), "class " + spec.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .areaUm2(cost.areaUm2());
            if (lc.keeps().isPresent()) {
                lb.keeps(lc.keeps().get());
            }
            b.level(lb.build());
            for (int k = 0; k < fanouts.size(); k++) {
                if (fanouts.get(k).from().equals(spec.name())) {
                    FanoutChoice f = c.fanouts().get(k);
                    b.fanout(new org.mapwright.arch.Fanout(f.x(), f.y(), f.allowedX(), f.allowedY(), tech.hopEnergy(spec.wordBits())));
                }
            }
        }
        var mac = tech.mac(compute.bits());
        b.compute(new org.mapwright.arch.ComputeUnit(compute.name(), mac.macPj(), mac.areaUm2()));
        return b.build();
    }
}
