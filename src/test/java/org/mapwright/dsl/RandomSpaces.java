package org.mapwright.dsl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.mapwright.arch.StorageLevel;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.archspace.Choice;
import org.mapwright.archspace.ComputeSpec;
import org.mapwright.archspace.Connectivity;
import org.mapwright.archspace.FanoutSpec;
import org.mapwright.archspace.LevelSpec;
import org.mapwright.archspace.Limits;
import org.mapwright.archspace.SpaceBounds;
import org.mapwright.tech.MemoryKind;
import org.mapwright.tech.Technologies;

/**
 * Random architecture spaces built as IR, for round-trip tests: every kind of parameter, full-precision doubles,
 * reachable limits, and names that are words of the DSL where it allows them ({@code top}, {@code of},
 * {@code dataflow}, {@code x}, {@code words}, {@code limits}, {@code keeps}, ...).
 */
final class RandomSpaces {
    private RandomSpaces() {
    }

    private static final String[] LEVELS = {"DRAM", "glb", "limits", "top", "keeps", "x", "space", "word", "spad", "reg"};
    private static final String[] TENSORS = {"Inputs", "Weights", "Outputs", "top", "of", "words", "dataflow"};
    private static final String[] DIMS = {"N", "M", "C", "P", "Q", "R", "S", "top", "of", "dataflow", "x", "y", "kind"};
    private static final MemoryKind[] ON_CHIP = {MemoryKind.SRAM, MemoryKind.REGFILE, MemoryKind.REGISTER};

    static ArchSpace space(SplittableRandom rnd, String name) {
        List<String> levelNames = new ArrayList<>(List.of(LEVELS));
        int n = 1 + rnd.nextInt(5);
        List<LevelSpec> levels = new ArrayList<>();
        List<FanoutSpec> fanouts = new ArrayList<>();
        long maxUnits = 1;
        for (int i = 0; i < n; i++) {
            String level = levelNames.remove(rnd.nextInt(levelNames.size()));
            levels.add(i == 0 ? dram(rnd, level) : onChip(rnd, level));
            if (rnd.nextBoolean()) {
                FanoutSpec f = fanout(rnd, level);
                long most = (long) f.x().options().get(f.x().size() - 1) * f.y().options().get(f.y().size() - 1);
                if (maxUnits * most <= 1 << 20) {
                    fanouts.add(f);
                    maxUnits *= most;
                }
            }
        }
        String tech = Technologies.names().get(rnd.nextInt(Technologies.names().size()));
        ArchSpace free = new ArchSpace(name, tech, levels, fanouts, new ComputeSpec(rnd.nextBoolean() ? "mac" : "compute_unit",
                1 + rnd.nextInt(32)), Limits.NONE, rnd.nextBoolean());
        OptionalLong units = rnd.nextBoolean() ? OptionalLong.of(SpaceBounds.minComputeUnits(free) + rnd.nextInt(100))
                : OptionalLong.empty();
        OptionalLong bytes = rnd.nextBoolean()
                ? OptionalLong.of((long) Math.ceil(SpaceBounds.minOnChipBytes(free)) + 1 + rnd.nextInt(1 << 20))
                : OptionalLong.empty();
        OptionalDouble area = rnd.nextBoolean()
                ? OptionalDouble.of(SpaceBounds.minAreaMm2(free, Technologies.require(tech)) * (1 + rnd.nextDouble()) + 1e-9)
                : OptionalDouble.empty();
        return new ArchSpace(name, tech, levels, fanouts, free.compute(), new Limits(units, bytes, area), free.linkTransfers());
    }

    private static LevelSpec dram(SplittableRandom rnd, String name) {
        return new LevelSpec(name, MemoryKind.DRAM, 1 + rnd.nextInt(64), Choice.fixed(StorageLevel.UNBOUNDED),
                ints(rnd, 16), ints(rnd, 8), bandwidth(rnd), buffering(rnd), Choice.fixed(Optional.empty()));
    }

    private static LevelSpec onChip(SplittableRandom rnd, String name) {
        List<Long> capacities = new ArrayList<>(new TreeSet<>(rnd.longs(1 + rnd.nextInt(5), 1, 1 << 16).boxed().toList()));
        Set<Optional<Set<String>>> keeps = new LinkedHashSet<>();
        for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
            int pick = rnd.nextInt(4);
            keeps.add(pick == 0 ? Optional.empty() : Optional.of(pick == 1 ? Set.of() : subset(rnd, TENSORS)));
        }
        return new LevelSpec(name, ON_CHIP[rnd.nextInt(ON_CHIP.length)], 1 + rnd.nextInt(64), new Choice<>(capacities),
                ints(rnd, 16), ints(rnd, 8), bandwidth(rnd), buffering(rnd), new Choice<>(List.copyOf(keeps)));
    }

    private static FanoutSpec fanout(SplittableRandom rnd, String from) {
        Choice<Integer> x = ints(rnd, 16);
        Choice<Integer> y = ints(rnd, 16);
        return new FanoutSpec(from, x, y, connectivity(rnd), connectivity(rnd));
    }

    private static Connectivity connectivity(SplittableRandom rnd) {
        switch (rnd.nextInt(3)) {
            case 0:
                return new Connectivity.Any();
            case 1:
                return new Connectivity.Fixed(subset(rnd, DIMS));
            default:
                List<String> candidates = new ArrayList<>(subset(rnd, DIMS));
                java.util.Collections.shuffle(candidates, new java.util.Random(rnd.nextLong()));
                List<Integer> k = new ArrayList<>(new TreeSet<>(rnd.ints(1 + rnd.nextInt(3), 1, candidates.size() + 1)
                        .boxed().toList()));
                Optional<Set<String>> reference = rnd.nextBoolean()
                        ? Optional.of(subset(rnd, candidates.toArray(String[]::new))) : Optional.empty();
                return new Connectivity.Searched(candidates, new Choice<>(k), reference);
        }
    }

    /** One to four distinct sorted values from 1 to {@code max}; one value in three is fixed at 1. */
    private static Choice<Integer> ints(SplittableRandom rnd, int max) {
        if (rnd.nextInt(3) == 0) {
            return Choice.fixed(1);
        }
        return new Choice<>(new ArrayList<>(new TreeSet<>(rnd.ints(1 + rnd.nextInt(4), 1, max + 1).boxed().toList())));
    }

    private static Optional<Choice<Double>> bandwidth(SplittableRandom rnd) {
        if (rnd.nextBoolean()) {
            return Optional.empty();
        }
        TreeSet<Double> values = new TreeSet<>();
        for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
            values.add(rnd.nextBoolean() ? 1 + rnd.nextInt(64) : rnd.nextDouble() * Math.pow(10, rnd.nextInt(-6, 12)) + 1e-300);
        }
        return Optional.of(new Choice<>(new ArrayList<>(values)));
    }

    private static double buffering(SplittableRandom rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> 1;
            case 1 -> 2;
            default -> 1 + rnd.nextDouble() * 63;
        };
    }

    private static Set<String> subset(SplittableRandom rnd, String[] from) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 1 + rnd.nextInt(from.length); i > 0; i--) {
            out.add(from[rnd.nextInt(from.length)]);
        }
        return out;
    }
}
