package org.mapwright.dsl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;
import org.mapwright.archspace.ArchSpace;
import org.mapwright.archspace.Choice;
import org.mapwright.archspace.ComputeSpec;
import org.mapwright.archspace.FanoutSpec;
import org.mapwright.archspace.LevelSpec;
import org.mapwright.archspace.SpaceBounds;
import org.mapwright.archspace.Limits;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.SourceSpan;
import org.mapwright.diag.Suggestions;
import org.mapwright.dsl.Ast.Name;
import org.mapwright.dsl.Ast.NameList;
import org.mapwright.dsl.Ast.Quantity;
import org.mapwright.tech.MemoryKind;
import org.mapwright.tech.Technologies;
import org.mapwright.tech.Technology;

/**
 * Checks {@code space} declarations and builds {@link ArchSpace}s: the structure as in an accelerator (levels from
 * DRAM inward, each optionally followed by its fan-out, the compute unit last), every choice non-empty and in range,
 * and every limit reachable by at least one point of the space.
 */
final class SpaceChecker {
    static final List<String> KINDS = List.of("dram", "sram", "regfile", "register");
    static final List<String> LEVEL_ATTRS = List.of("kind", "word", "capacity", "block", "banks", "bandwidth", "buffering", "keeps");
    static final List<String> LIMITS = List.of("compute", "onchip", "area");

    private final Diagnostics diags;
    private final SpaceValues values;
    private final Function<String, Optional<Technology>> technologies;
    private final Collection<String> technologyNames;
    private final SpaceFanouts fanouts;

    /**
     * @param technologies    resolves a technology name, to price the area limit's cheapest point
     * @param technologyNames the names a space may give
     */
    SpaceChecker(Diagnostics diags, Function<String, Optional<Technology>> technologies, Collection<String> technologyNames) {
        this.diags = diags;
        this.values = new SpaceValues(diags);
        this.technologies = technologies;
        this.technologyNames = List.copyOf(technologyNames);
        this.fanouts = new SpaceFanouts(diags, values);
    }

    /** A checker that knows the built-in technologies. */
    static SpaceChecker builtin(Diagnostics diags) {
        Set<String> names = new LinkedHashSet<>();
        names.add(Technologies.DEFAULT);
        Technology.all().forEach(t -> names.add(t.name()));
        return new SpaceChecker(diags, Technology::byName, names);
    }

    Optional<ArchSpace> check(SpaceAst.SpaceDecl s) {
        int before = diags.errorCount();
        String space = s.name().text();
        List<LevelSpec> levels = new ArrayList<>();
        List<FanoutSpec> fans = new ArrayList<>();
        Map<String, Name> names = new HashMap<>();
        SpaceAst.TechnologyName tech = null;
        SpaceAst.Links links = null;
        SpaceAst.Block limitsBlock = null;
        SpaceAst.Compute computeDecl = null;
        ComputeSpec compute = null;
        SpaceAst.Item previous = null;
        boolean seenLevel = false;
        for (SpaceAst.Item item : s.items()) {
            if (item instanceof SpaceAst.TechnologyName t) {
                tech = once(tech, t, "The technology is");
                continue;
            }
            if (item instanceof SpaceAst.Links k) {
                links = once(links, k, "Links are");
                continue;
            }
            if (item instanceof SpaceAst.Block b) {
                if (!b.name().text().equals("limits")) {
                    diags.error(b.name().span(), "Unknown block `" + b.name() + "` in a space" + Suggestions.hint(b.name().text(), List.of("limits")));
                } else {
                    limitsBlock = once(limitsBlock, b, "The limits are");
                }
                continue;
            }
            if (computeDecl != null) {
                diags.error(item.span(), "Nothing may follow the compute unit " + computeDecl.name() + "; the compute unit comes last.");
                break;
            }
            if (item instanceof SpaceAst.Level l) {
                Name prev = names.putIfAbsent(l.name().text(), l.name());
                if (prev != null) {
                    diags.error(l.name().span(), "Level " + l.name() + " is declared twice (first at " + prev.span() + "); rename one.");
                }
                level(l, !seenLevel).ifPresent(levels::add);
                seenLevel = true;
            } else if (item instanceof SpaceAst.Fanout f) {
                if (!(previous instanceof SpaceAst.Level above)) {
                    diags.error(f.span(), previous == null
                            ? "A fan-out must follow the level it fans out from; declare a level first."
                            : "Two fan-outs in a row; combine them into one mesh.");
                } else {
                    fanouts.check(f, above.name().text()).ifPresent(fans::add);
                }
            } else {
                computeDecl = (SpaceAst.Compute) item;
                if (previous == null) {
                    diags.error(item.span(), "The compute unit needs storage levels above it; declare levels first, outermost (DRAM) first.");
                }
                compute = compute(computeDecl);
            }
            previous = item;
        }
        if (s.items().stream().noneMatch(i -> i instanceof SpaceAst.Level)) {
            diags.error(s.name().span(), "Space " + s.name() + " has no storage levels; declare at least a DRAM level, `level DRAM { kind dram }`.");
        }
        if (computeDecl == null) {
            diags.error(s.name().span(), "Space " + s.name() + " has no compute unit; end it with `compute mac { word 16 bits }`.");
        }
        String techName = tech == null ? Technologies.DEFAULT : tech.name().text();
        if (tech != null && !technologyNames.contains(techName)) {
            diags.error(tech.name().span(), "Unknown technology `" + techName + "`" + Suggestions.hint(techName, technologyNames));
        }
        Limits limits = limitsBlock == null ? Limits.NONE : limits(limitsBlock);
        if (diags.errorCount() > before || compute == null) {
            return Optional.empty();
        }
        if (SpaceBounds.maxComputeUnits(fans) > Architecture.MAX_COMPUTE_UNITS) {
            diags.error(s.name().span(), "Space " + s.name() + " allows up to " + SpaceBounds.maxComputeUnits(fans)
                    + " compute units (the product of the largest mesh sides), more than the 2^24 = "
                    + Architecture.MAX_COMPUTE_UNITS + " supported; reduce the mesh ranges.");
            return Optional.empty();
        }
        ArchSpace result = new ArchSpace(space, techName, levels, fans, compute, limits, links == null || links.on());
        if (limitsBlock != null) {
            reachable(result, limitsBlock, technologies.apply(techName));
        }
        return diags.errorCount() > before ? Optional.empty() : Optional.of(result);
    }

    private <T extends SpaceAst.Item> T once(T first, T now, String what) {
        if (first != null) {
            diags.error(now.span(), what + " given twice (first at " + first.span() + "); keep one.");
            return first;
        }
        return now;
    }

    private Map<String, SpaceAst.Attr> attrs(List<SpaceAst.Attr> list, List<String> known, String where) {
        Map<String, SpaceAst.Attr> out = new HashMap<>();
        for (SpaceAst.Attr a : list) {
            String k = a.key().text();
            if (!known.contains(k) && (k.equals("energy") || k.equals("area"))) {
                diags.error(a.key().span(), "In a space, energy and area come from the technology; remove `" + k + "`.");
                continue;
            }
            if (!known.contains(k)) {
                diags.error(a.key().span(), "Unknown attribute `" + k + "` " + where + Suggestions.hint(k, known));
                continue;
            }
            SpaceAst.Attr prev = out.putIfAbsent(k, a);
            if (prev != null) {
                diags.error(a.key().span(), "Attribute `" + k + "` is given twice (first at " + prev.span() + "); keep one.");
            }
        }
        return out;
    }

    private Optional<LevelSpec> level(SpaceAst.Level l, boolean outermost) {
        int before = diags.errorCount();
        Map<String, SpaceAst.Attr> at = attrs(l.attrs(), LEVEL_ATTRS, "of a level in a space");
        MemoryKind kind = outermost ? MemoryKind.DRAM : null;
        if (at.containsKey("kind")) {
            kind = kind(at.get("kind")).orElse(kind);
        } else if (!outermost) {
            diags.error(l.name().span(), "Level " + l.name() + " needs a kind, which decides its energy and area: `kind sram`, `kind regfile` or `kind register`.");
        }
        if (kind == MemoryKind.DRAM && !outermost && at.containsKey("kind")) {
            diags.error(at.get("kind").span(), "Only the outermost level may be DRAM; make level " + l.name() + " sram, regfile or register.");
        } else if (kind != null && kind != MemoryKind.DRAM && outermost) {
            diags.error(at.get("kind").span(), "The outermost level " + l.name() + " must be `kind dram`: it is unbounded and keeps every tensor.");
        }
        int wordBits = 16;
        if (at.containsKey("word")) {
            Optional<Quantity> q = values.single(at.get("word").value(), "the word size");
            OptionalLong bits = q.isPresent() ? Units.bits(q.get(), diags) : OptionalLong.empty();
            if (bits.isPresent() && bits.getAsLong() > LevelSpec.MAX_WORD_BITS) {
                diags.error(q.get().span(), "A word of " + bits.getAsLong() + " bits is too wide; the limit is " + LevelSpec.MAX_WORD_BITS + " bits.");
            } else if (bits.isPresent()) {
                wordBits = (int) bits.getAsLong();
            }
        }
        int wb = wordBits;
        List<Long> capacity = List.of(StorageLevel.UNBOUNDED);
        if (kind == MemoryKind.DRAM) {
            reject(at, "capacity", "DRAM is unbounded; remove the capacity of level " + l.name() + ".");
            reject(at, "keeps", "The outermost level keeps every tensor; remove the keeps of level " + l.name() + ".");
        } else if (at.containsKey("capacity")) {
            capacity = values.values(at.get("capacity").value(), "the capacity", q -> values.words(q, wb, "capacity", LevelSpec.MAX_WORDS)).orElse(capacity);
        } else if (kind != null) {
            diags.error(l.name().span(), "Level " + l.name() + " needs capacity choices, such as `capacity {16 .. 256 *2} KiB`; only the outermost level is unbounded.");
        }
        List<Integer> block = ints(at.get("block"), "the block size", q -> values.words(q, wb, "block size", LevelSpec.MAX_BLOCK));
        List<Integer> banks = ints(at.get("banks"), "the bank count", q -> values.count(q, "the bank count", LevelSpec.MAX_BANKS));
        Optional<Choice<Double>> bandwidth = Optional.empty();
        if (at.containsKey("bandwidth")) {
            bandwidth = values.values(at.get("bandwidth").value(), "the bandwidth", q -> values.bandwidth(q, wb)).map(Choice::new);
        }
        double buffering = 1;
        if (at.containsKey("buffering")) {
            Optional<Quantity> q = values.single(at.get("buffering").value(), "buffering");
            if (q.isPresent()) {
                Units.noUnit(q.get(), "buffering", diags);
                buffering = Values.nonNegative(q.get().number(), "buffering", 64, diags);
                if (!(buffering >= 1)) {
                    if (!Double.isNaN(buffering)) {
                        diags.error(q.get().span(), "Buffering must be at least 1 (single buffering), got " + q.get().number().text() + ".");
                    }
                    buffering = 1;
                }
            }
        }
        List<Optional<Set<String>>> keeps = List.of(Optional.empty());
        if (at.containsKey("keeps") && kind != MemoryKind.DRAM) {
            keeps = keeps(at.get("keeps"));
        }
        if (diags.errorCount() > before || kind == null) {
            return Optional.empty();
        }
        return Optional.of(new LevelSpec(l.name().text(), kind, wordBits, new Choice<>(capacity), new Choice<>(block),
                new Choice<>(banks), bandwidth, buffering, new Choice<>(keeps)));
    }

    private void reject(Map<String, SpaceAst.Attr> at, String key, String message) {
        if (at.containsKey(key)) {
            diags.error(at.get(key).key().span(), message);
        }
    }

    private List<Integer> ints(SpaceAst.Attr a, String what, Function<Quantity, Optional<Long>> convert) {
        if (a == null) {
            return List.of(1);
        }
        return values.values(a.value(), what, convert).map(l -> l.stream().map(Long::intValue).toList()).orElse(List.of(1));
    }

    private Optional<MemoryKind> kind(SpaceAst.Attr a) {
        if (!(a.value() instanceof SpaceAst.Names n) || n.alternatives().size() != 1 || n.alternatives().get(0).names().size() != 1) {
            diags.error(a.value().span(), "A level has one kind: dram, sram, regfile or register.");
            return Optional.empty();
        }
        Name k = n.alternatives().get(0).names().get(0);
        if (!KINDS.contains(k.text())) {
            diags.error(k.span(), "Unknown kind `" + k + "`" + Suggestions.hint(k.text(), KINDS));
            return Optional.empty();
        }
        return Optional.of(MemoryKind.valueOf(k.text().toUpperCase(Locale.ROOT)));
    }

    private List<Optional<Set<String>>> keeps(SpaceAst.Attr a) {
        if (!(a.value() instanceof SpaceAst.Names n)) {
            diags.error(a.value().span(), "Keeps takes tensor names, such as `keeps {Inputs, Outputs} | all`.");
            return List.of(Optional.empty());
        }
        Set<Optional<Set<String>>> out = new LinkedHashSet<>();
        for (NameList alt : n.alternatives()) {
            if (alt.all()) {
                out.add(Optional.empty());
            } else {
                Set<String> set = new LinkedHashSet<>();
                alt.names().forEach(x -> set.add(x.text()));
                out.add(Optional.of(Set.copyOf(set)));
            }
        }
        return List.copyOf(out);
    }

    private ComputeSpec compute(SpaceAst.Compute c) {
        Map<String, SpaceAst.Attr> at = attrs(c.attrs(), List.of("word"), "of a compute unit in a space");
        int bits = 16;
        if (at.containsKey("word")) {
            Optional<Quantity> q = values.single(at.get("word").value(), "the operand width");
            OptionalLong b = q.isPresent() ? Units.bits(q.get(), diags) : OptionalLong.empty();
            if (b.isPresent() && b.getAsLong() > LevelSpec.MAX_WORD_BITS) {
                diags.error(q.get().span(), "Operands of " + b.getAsLong() + " bits are too wide; the limit is " + LevelSpec.MAX_WORD_BITS + " bits.");
            } else if (b.isPresent()) {
                bits = (int) b.getAsLong();
            }
        }
        return new ComputeSpec(c.name().text(), bits);
    }

    private Limits limits(SpaceAst.Block b) {
        Map<String, SpaceAst.Attr> at = attrs(b.attrs(), LIMITS, "in the limits");
        OptionalLong compute = OptionalLong.empty();
        OptionalLong onchip = OptionalLong.empty();
        OptionalDouble area = OptionalDouble.empty();
        if (at.containsKey("compute")) {
            Optional<Long> v = values.single(at.get("compute").value(), "the compute limit")
                    .flatMap(q -> values.count(q, "the compute limit", Architecture.MAX_COMPUTE_UNITS));
            compute = v.isPresent() ? OptionalLong.of(v.get()) : compute;
        }
        if (at.containsKey("onchip")) {
            Optional<Long> v = values.single(at.get("onchip").value(), "the on-chip storage limit")
                    .flatMap(q -> values.words(q, 8, "the on-chip storage limit", Long.MAX_VALUE / 16));
            onchip = v.isPresent() ? OptionalLong.of(v.get()) : onchip;
        }
        if (at.containsKey("area")) {
            Optional<Quantity> q = values.single(at.get("area").value(), "the area limit");
            if (q.isPresent()) {
                double um2 = Units.area(q.get(), diags);
                if (!(um2 > 0)) {
                    diags.error(q.get().span(), "The area limit must be positive; leave it out for no limit.");
                } else if (q.get().unit().map(Name::text).orElse("").equals("mm2")) {
                    // the number as written: converting to um2 and back can move it by a rounding step, and then
                    // no text would read back as a given limit (SpaceWriter relies on this)
                    area = OptionalDouble.of(q.get().number().value().doubleValue());
                } else {
                    area = OptionalDouble.of(um2 / 1e6);
                }
            }
        }
        return new Limits(compute, onchip, area);
    }

    /**
     * Reports every limit that even the space's cheapest point exceeds. The area needs the technology; when the
     * named one is not available its limit is checked at decoding only.
     */
    private void reachable(ArchSpace s, SpaceAst.Block b, Optional<Technology> tech) {
        Limits l = s.limits();
        if (l.computeUnits().isPresent() && SpaceBounds.minComputeUnits(s) > l.computeUnits().getAsLong()) {
            diags.error(limitSpan(b, "compute"), "No point of space " + s.name() + " meets the compute limit of "
                    + l.computeUnits().getAsLong() + " units: its smallest meshes give " + SpaceBounds.minComputeUnits(s)
                    + "; raise the limit or allow smaller mesh sides.");
        }
        double bytes = SpaceBounds.minOnChipBytes(s);
        if (l.onChipBytes().isPresent() && bytes > l.onChipBytes().getAsLong()) {
            diags.error(limitSpan(b, "onchip"), "No point of space " + s.name() + " meets the on-chip limit of "
                    + l.onChipBytes().getAsLong() + " B: its smallest capacities and meshes hold " + (long) Math.ceil(bytes)
                    + " B; raise the limit or allow smaller capacities or meshes.");
        }
        if (l.areaMm2().isPresent() && tech.isPresent()) {
            double area = SpaceBounds.minAreaMm2(s, tech.get());
            if (area > l.areaMm2().getAsDouble()) {
                diags.error(limitSpan(b, "area"), "No point of space " + s.name() + " meets the area limit of "
                        + l.areaMm2().getAsDouble() + " mm2: its cheapest point takes " + String.format(Locale.ROOT, "%.4g", area)
                        + " mm2 in technology " + tech.get().name() + "; raise the limit or allow smaller sizes.");
            }
        }
    }

    /** Where an error about a limit belongs: the limit's own attribute, else the limits block. */
    private static SourceSpan limitSpan(SpaceAst.Block b, String key) {
        return b.attrs().stream().filter(a -> a.key().text().equals(key)).findFirst().map(SpaceAst.Attr::span).orElse(b.span());
    }
}
