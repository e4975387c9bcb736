package org.mapwright.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.mapwright.arch.Architecture;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.archspace.Choice;
import org.mapwright.archspace.Connectivity;
import org.mapwright.archspace.FanoutSpec;
import org.mapwright.archspace.LevelSpec;
import org.mapwright.archspace.Limits;
import org.mapwright.archspace.SpaceBounds;
import org.mapwright.tech.MemoryKind;
import org.mapwright.tech.Technologies;
import org.mapwright.tech.Technology;

/**
 * Writes an {@link ArchSpace} as a {@code space} declaration that the front end reads back to an equal space, and so
 * to the same coordinates and the same decoded candidates. Every option is listed ({@code {8192, 16384} words});
 * sizes are in words, bandwidths in words per cycle, the on-chip limit in bytes and the area limit in mm2.
 * {@link ArchSpace#sizingOnly()} is a space like any other: its fixed axes are written as {@code x: Q, M}.
 *
 * <p>The DSL sorts every numeric choice, so a space whose options are not in increasing order (a search would walk
 * them in another order) cannot be written; nor can a limit that no point of the space meets, which the front end
 * rejects. An {@link IllegalArgumentException} says what stands in the way.
 */
public final class SpaceWriter {
    private SpaceWriter() {
    }

    /** Largest buffering factor the DSL accepts. */
    private static final double MAX_BUFFERING = 64;

    /** Largest bandwidth, in words per cycle, the DSL accepts. */
    private static final double MAX_BANDWIDTH = 1e12;

    /** Largest number the DSL accepts before an area's unit. */
    private static final double MAX_AREA_NUMBER = 1e15;

    /** The declaration of {@code s}. */
    public static String write(ArchSpace s) {
        String space = DslText.name(s.name(), "space");
        if (!Technologies.DEFAULT.equals(s.technology()) && Technology.byName(s.technology()).isEmpty()) {
            throw new IllegalArgumentException("Space " + s.name() + " names technology `" + s.technology() + "`, which the "
                    + "DSL does not know; name one of " + Technologies.names() + ".");
        }
        StringBuilder sb = new StringBuilder("space ").append(space).append(" {\n");
        sb.append("  technology ").append(s.technology()).append('\n');
        if (!s.linkTransfers()) {
            sb.append("  links off\n");
        }
        limits(sb, s);
        for (LevelSpec l : s.levels()) {
            level(sb, l);
            for (FanoutSpec f : s.fanouts()) {
                if (f.from().equals(l.name())) {
                    fanout(sb, f);
                }
            }
        }
        sb.append("  compute ").append(DslText.name(s.compute().name(), "compute unit")).append(" { word ")
                .append(s.compute().bits()).append(" bits }\n");
        return sb.append("}\n").toString();
    }

    private static void limits(StringBuilder sb, ArchSpace s) {
        Limits l = s.limits();
        List<String> items = new ArrayList<>();
        if (l.computeUnits().isPresent()) {
            long units = l.computeUnits().getAsLong();
            if (units > Architecture.MAX_COMPUTE_UNITS) {
                throw new IllegalArgumentException("Space " + s.name() + " limits compute to " + units + " units, more than "
                        + "the " + Architecture.MAX_COMPUTE_UNITS + " the DSL accepts; lower the limit or drop it.");
            }
            if (SpaceBounds.minComputeUnits(s) > units) {
                throw unreachable(s, "compute limit of " + units + " units");
            }
            items.add("compute " + units);
        }
        if (l.onChipBytes().isPresent()) {
            long bytes = l.onChipBytes().getAsLong();
            if (bytes > Long.MAX_VALUE / 16) {
                throw new IllegalArgumentException("Space " + s.name() + " limits on-chip storage to " + bytes + " B, more "
                        + "than the " + Long.MAX_VALUE / 16 + " B the DSL accepts; lower the limit or drop it.");
            }
            if (SpaceBounds.minOnChipBytes(s) > bytes) {
                throw unreachable(s, "on-chip limit of " + bytes + " B");
            }
            items.add("onchip " + bytes + " B");
        }
        if (l.areaMm2().isPresent()) {
            double mm2 = l.areaMm2().getAsDouble();
            Optional<Technology> tech = Technology.byName(s.technology());
            if (tech.isPresent() && SpaceBounds.minAreaMm2(s, tech.get()) > mm2) {
                throw unreachable(s, "area limit of " + mm2 + " mm2");
            }
            items.add("area " + area(mm2, s.name()));
        }
        if (!items.isEmpty()) {
            sb.append("  limits { ").append(String.join("  ", items)).append(" }\n");
        }
    }

    private static IllegalArgumentException unreachable(ArchSpace s, String limit) {
        return new IllegalArgumentException("No point of space " + s.name() + " meets its " + limit + ", and the DSL "
                + "rejects such a space; raise the limit or allow smaller sizes.");
    }

    /** The area in mm2, which the front end reads as exactly the number written. */
    private static String area(double mm2, String space) {
        if (mm2 > MAX_AREA_NUMBER) {
            throw new IllegalArgumentException("The area limit of space " + space + ", " + mm2 + " mm2, is more than the "
                    + "1e15 mm2 the DSL accepts; lower the limit or drop it.");
        }
        return DslText.number(mm2) + " mm2";
    }

    private static void level(StringBuilder sb, LevelSpec l) {
        String where = "level " + l.name();
        sb.append("  level ").append(DslText.name(l.name(), "level")).append(" { kind ")
                .append(l.kind().name().toLowerCase(java.util.Locale.ROOT)).append("  word ").append(l.wordBits()).append(" bits");
        if (l.kind() != MemoryKind.DRAM) {
            sb.append("  capacity ").append(numbers(l.capacityWords(), where + "'s capacity", String::valueOf)).append(" words");
        }
        if (!l.blockSize().equals(Choice.fixed(1))) {
            sb.append("  block ").append(numbers(l.blockSize(), where + "'s block size", String::valueOf)).append(" words");
        }
        if (!l.banks().equals(Choice.fixed(1))) {
            sb.append("  banks ").append(numbers(l.banks(), where + "'s banks", String::valueOf));
        }
        if (l.bandwidth().isPresent()) {
            for (double b : l.bandwidth().get().options()) {
                if (b > MAX_BANDWIDTH) {
                    throw new IllegalArgumentException("The bandwidth of " + where + ", " + b + " words per cycle, is more than "
                            + "the " + DslText.number(MAX_BANDWIDTH) + " the DSL accepts; lower it.");
                }
            }
            sb.append("  bandwidth ").append(numbers(l.bandwidth().get(), where + "'s bandwidth", DslText::number))
                    .append(" words/cycle");
        }
        if (l.multipleBuffering() != 1) {
            if (l.multipleBuffering() > MAX_BUFFERING) {
                throw new IllegalArgumentException("The buffering of " + where + ", " + l.multipleBuffering() + ", is more "
                        + "than the " + DslText.number(MAX_BUFFERING) + " the DSL accepts; lower it.");
            }
            sb.append("  buffering ").append(DslText.number(l.multipleBuffering()));
        }
        if (!l.keeps().equals(Choice.fixed(Optional.<Set<String>>empty()))) {
            List<String> alternatives = new ArrayList<>();
            for (Optional<Set<String>> k : l.keeps().options()) {
                alternatives.add(k.isEmpty() ? "all" : "{" + names(k.get(), "tensor", where) + "}");
            }
            sb.append("  keeps ").append(String.join(" | ", alternatives));
        }
        sb.append(" }\n");
    }

    private static void fanout(StringBuilder sb, FanoutSpec f) {
        String where = "the fan-out below " + f.from();
        sb.append("  fanout ").append(side(f.x(), where)).append(" x ").append(side(f.y(), where));
        List<String> axes = new ArrayList<>();
        axis(axes, "x", f.onX(), where);
        axis(axes, "y", f.onY(), where);
        if (!axes.isEmpty()) {
            sb.append(" { ").append(String.join("  ", axes)).append(" }");
        }
        sb.append('\n');
    }

    private static String side(Choice<Integer> c, String where) {
        return numbers(c, where + "'s mesh sides", String::valueOf);
    }

    private static void axis(List<String> out, String axis, Connectivity c, String where) {
        String on = "axis " + axis + " of " + where;
        if (c instanceof Connectivity.Fixed fixed) {
            out.add(axis + ": " + names(fixed.dims(), "dimension", on));
        } else if (c instanceof Connectivity.Searched s) {
            List<String> candidates = new ArrayList<>();
            for (String d : s.candidates()) {
                candidates.add(listName(d, "dimension", on));
            }
            out.add(axis + ": top " + side(s.k(), on) + " of " + String.join(", ", candidates));
            s.reference().ifPresent(r -> out.add("dataflow " + axis + ": " + names(r, "dimension", on)));
        }
    }

    /** Names of a set, sorted so that the text does not depend on the set's iteration order. */
    private static String names(Set<String> names, String what, String where) {
        return String.join(", ", names.stream().sorted().map(n -> listName(n, what, where)).toList());
    }

    /** In a name list {@code all} and {@code none} are the whole set and the empty set, so they cannot be names there. */
    private static String listName(String n, String what, String where) {
        if (n.equals("all") || n.equals("none")) {
            throw new IllegalArgumentException("The " + what + " name `" + n + "` in " + where + " reads as a set in a space, "
                    + "not as a name; rename the " + what + ".");
        }
        return DslText.name(n, what);
    }

    /**
     * The options of a numeric choice: the one value, or the set of them in braces. The DSL sorts them and caps their
     * number, so they must be in increasing order and at most {@link SpaceValues#MAX_OPTIONS}.
     */
    private static <T extends Comparable<T>> String numbers(Choice<T> c, String what, Function<T, String> format) {
        List<T> options = c.options();
        if (options.size() > SpaceValues.MAX_OPTIONS) {
            throw new IllegalArgumentException("The choice of " + what + " has " + options.size() + " options, more than the "
                    + SpaceValues.MAX_OPTIONS + " the DSL accepts; offer fewer.");
        }
        for (int i = 1; i < options.size(); i++) {
            if (options.get(i - 1).compareTo(options.get(i)) >= 0) {
                throw new IllegalArgumentException("The choice of " + what + " lists " + options + ", but the DSL orders every "
                        + "numeric choice from smallest to largest; sort the options.");
            }
        }
        String list = String.join(", ", options.stream().map(format).toList());
        return options.size() == 1 ? list : "{" + list + "}";
    }
}
