package org.mapwright.dsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.ComputeUnit;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.LevelId;
import org.mapwright.arch.StorageLevel;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.Suggestions;
import org.mapwright.dsl.Ast.AcceleratorDecl;
import org.mapwright.dsl.Ast.ArchItem;
import org.mapwright.dsl.Ast.Attr;
import org.mapwright.dsl.Ast.AxisAllow;
import org.mapwright.dsl.Ast.ComputeDecl;
import org.mapwright.dsl.Ast.FanoutDecl;
import org.mapwright.dsl.Ast.KeyedQuantity;
import org.mapwright.dsl.Ast.LevelDecl;
import org.mapwright.dsl.Ast.Name;
import org.mapwright.dsl.Ast.Quantity;
import org.mapwright.tech.ComputeCost;
import org.mapwright.tech.StorageCost;
import org.mapwright.tech.Technologies;
import org.mapwright.tech.Technology;

/**
 * Checks accelerator declarations and builds {@link Architecture}s. An accelerator lists levels from the
 * outermost inward, each optionally followed by the fan-out below it, and ends with its compute unit; it may name
 * its technology ({@code technology 16nm}, default 45nm), which gives {@code energy class ...} its numbers.
 */
final class ArchChecker {
    /** Largest capacity in words, and largest fan-out side. */
    static final long MAX_WORDS = 1L << 40;
    static final long MAX_MESH = 1 << 16;

    private final Diagnostics diags;
    private Technology tech = Technologies.require(Technologies.DEFAULT);

    ArchChecker(Diagnostics diags) {
        this.diags = diags;
    }

    Optional<Architecture> check(AcceleratorDecl a) {
        int before = diags.errorCount();
        tech = technology(a);
        List<StorageLevel> levels = new ArrayList<>();
        Map<String, Name> names = new HashMap<>();
        ComputeUnit compute = null;
        Optional<Ast.Quantity> count = Optional.empty();
        ComputeDecl computeDecl = null;
        ArchItem previous = null;
        Ast.LinksDecl links = null;
        for (ArchItem item : a.items()) {
            if (computeDecl != null) {
                diags.error(item.span(), "Nothing may follow the compute unit " + computeDecl.name() + "; the compute unit comes last.");
                break;
            }
            if (item instanceof Ast.TechnologyDecl) {
                continue; // read first, by technology(a)
            }
            if (item instanceof Ast.LinksDecl k) {
                if (links != null) {
                    diags.error(k.span(), "Links are set twice in accelerator " + a.name() + " (first at " + links.span()
                            + "); keep one `links on` or `links off`.");
                }
                links = k;
                continue;
            }
            if (item instanceof LevelDecl l) {
                Name prev = names.putIfAbsent(l.name().text(), l.name());
                if (prev != null) {
                    diags.error(l.name().span(), "Level " + l.name() + " is declared twice (first at " + prev.span() + "); rename one.");
                }
                level(l, levels.isEmpty()).ifPresent(levels::add);
            } else if (item instanceof FanoutDecl f) {
                if (!(previous instanceof LevelDecl)) {
                    diags.error(f.span(), previous == null
                            ? "A fan-out must follow the level it fans out from; declare a level first."
                            : "Two fan-outs in a row; combine them into one mesh (multiply the sides).");
                } else if (!levels.isEmpty()) {
                    fanout(f).ifPresent(fo -> levels.set(levels.size() - 1, levels.get(levels.size() - 1).withFanout(fo)));
                }
            } else {
                computeDecl = (ComputeDecl) item;
                if (previous == null) {
                    diags.error(item.span(), "The compute unit needs storage levels above it; declare levels first, outermost (DRAM) first.");
                }
                compute = compute(computeDecl);
                count = attrs(computeDecl.attrs()).get("count") == null ? Optional.empty()
                        : attrs(computeDecl.attrs()).get("count").value();
            }
            previous = item;
        }
        if (a.items().stream().noneMatch(i -> i instanceof LevelDecl)) {
            diags.error(a.name().span(), "Accelerator " + a.name() + " has no storage levels; declare at least a DRAM level.");
        }
        if (computeDecl == null) {
            diags.error(a.name().span(), "Accelerator " + a.name() + " has no compute unit; end it with `compute mac { energy 2.2 pJ }`.");
        }
        if (diags.errorCount() > before || compute == null) {
            return Optional.empty();
        }
        long units = 1;
        for (StorageLevel l : levels) {
            // each side is at most MAX_MESH (2^16), so this product stays far below 2^63 before the check stops it
            units *= l.fanout().size();
            if (units > Architecture.MAX_COMPUTE_UNITS) {
                diags.error(a.name().span(), "Accelerator " + a.name() + " has " + units + " or more compute units (the "
                        + "product of its fan-outs), more than the 2^24 = " + Architecture.MAX_COMPUTE_UNITS
                        + " supported; reduce the fan-outs.");
                return Optional.empty();
            }
        }
        if (count.isPresent()) {
            OptionalLong c = Values.positiveInt(count.get().number(), "the compute count", MAX_WORDS, diags);
            if (c.isPresent() && c.getAsLong() != units) {
                diags.error(count.get().span(), "The compute unit count is " + c.getAsLong() + " but the fan-outs give "
                        + units + " units; fix the count or the fan-outs.");
                return Optional.empty();
            }
        }
        return Optional.of(new Architecture(a.name().text(), levels, compute, links == null || links.on(), tech.name()));
    }

    /** The technology the accelerator names (the default when it names none); errors for unknown or repeated ones. */
    private Technology technology(AcceleratorDecl a) {
        Technology found = Technologies.require(Technologies.DEFAULT);
        Ast.TechnologyDecl first = null;
        for (ArchItem item : a.items()) {
            if (!(item instanceof Ast.TechnologyDecl t)) {
                continue;
            }
            if (first != null) {
                diags.error(t.span(), "The technology is set twice in accelerator " + a.name() + " (first at "
                        + first.span() + "); keep one `technology ...`.");
                continue;
            }
            first = t;
            Optional<Technology> named = Technology.byName(t.name().text());
            if (named.isEmpty()) {
                diags.error(t.name().span(), "Unknown technology `" + t.name() + "`"
                        + Suggestions.hint(t.name().text(), Technologies.names()));
            } else {
                found = named.get();
            }
        }
        return found;
    }

    private Map<String, Attr> attrs(List<Attr> list) {
        Map<String, Attr> out = new HashMap<>();
        for (Attr at : list) {
            Attr prev = out.putIfAbsent(at.key().text(), at);
            if (prev != null && prev != at) {
                diags.error(at.key().span(), "Attribute `" + at.key() + "` is given twice (first at " + prev.span() + "); keep one.");
            }
        }
        return out;
    }

    private Optional<StorageLevel> level(LevelDecl l, boolean outermost) {
        int before = diags.errorCount();
        Map<String, Attr> at = attrs(l.attrs());
        int wordBits = 16;
        if (at.containsKey("word")) {
            Quantity q = at.get("word").value().orElseThrow();
            OptionalLong bits = Units.bits(q, diags);
            if (bits.isPresent()) {
                if (bits.getAsLong() > 1024) {
                    diags.error(q.span(), "A word of " + bits.getAsLong() + " bits is too wide; the limit is 1024 bits.");
                } else {
                    wordBits = (int) bits.getAsLong();
                }
            }
        }
        long capacity = StorageLevel.UNBOUNDED;
        if (at.containsKey("capacity")) {
            Quantity q = at.get("capacity").value().orElseThrow();
            capacity = Units.words(q, wordBits, "capacity", MAX_WORDS, diags).orElse(StorageLevel.UNBOUNDED);
        } else if (!outermost) {
            diags.error(l.name().span(), "Level " + l.name() + " needs a capacity, such as `capacity 64 KiB`; only the outermost level may be unbounded.");
        }
        int block = 1;
        if (at.containsKey("block")) {
            Quantity q = at.get("block").value().orElseThrow();
            block = (int) Units.words(q, wordBits, "block size", 1 << 16, diags).orElse(1);
        }
        double[] bw = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        if (at.containsKey("bandwidth")) {
            Set<String> seen = new LinkedHashSet<>();
            for (KeyedQuantity kq : at.get("bandwidth").items()) {
                String k = kq.key().text();
                if (!seen.add(k)) {
                    diags.error(kq.key().span(), "Bandwidth `" + k + "` is given twice; keep one.");
                    continue;
                }
                double v = Units.bandwidth(kq.quantity(), wordBits, diags);
                bw["read".equals(k) ? 0 : "write".equals(k) ? 1 : 2] = v;
            }
        }
        double buffering = 1;
        if (at.containsKey("buffering")) {
            Quantity q = at.get("buffering").value().orElseThrow();
            Units.noUnit(q, "buffering", diags);
            buffering = Values.nonNegative(q.number(), "buffering", 64, diags);
            if (!(buffering >= 1)) {
                diags.error(q.span(), "Buffering must be at least 1 (single buffering), got " + q.number().text() + ".");
                buffering = 1;
            }
        }
        double area = at.containsKey("area") ? Units.area(at.get("area").value().orElseThrow(), diags) : 0;
        int banks = 1;
        if (at.containsKey("banks")) {
            Quantity q = at.get("banks").value().orElseThrow();
            Units.noUnit(q, "a bank count", diags);
            OptionalLong b = Values.positiveInt(q.number(), "the bank count", MAX_MESH, diags);
            if (b.isPresent() && capacity != StorageLevel.UNBOUNDED && b.getAsLong() > capacity) {
                diags.error(q.span(), "Level " + l.name() + " has " + b.getAsLong() + " banks but only " + capacity
                        + " words; give it at most one bank per word.");
            } else if (b.isPresent()) {
                banks = (int) b.getAsLong();
            }
        }
        Optional<Set<String>> mayKeep = Optional.empty();
        if (at.containsKey("keeps")) {
            Ast.NameList nl = at.get("keeps").names().orElseThrow();
            if (!nl.all()) {
                Set<String> keep = new LinkedHashSet<>();
                nl.names().forEach(n -> keep.add(n.text()));
                mayKeep = Optional.of(keep);
            }
        }
        double[] energy = {0, 0};
        String source = "explicit";
        Attr e = at.get("energy");
        if (e == null) {
            diags.error(l.name().span(), "Level " + l.name() + " has no energy; add `energy read 1.5 pJ, write 1.6 pJ` or `energy class sram` (classes: "
                    + String.join(", ", Technologies.STORAGE_CLASSES) + ").");
        } else if (e.energyClass().isPresent()) {
            Name cls = e.energyClass().get();
            if (needsCapacity(cls.text()) && capacity == StorageLevel.UNBOUNDED) {
                if (!at.containsKey("capacity")) { // a wrong capacity is reported already
                    diags.error(cls.span(), "Energy class " + cls + " depends on capacity, but level " + l.name() + " has none; give a capacity or explicit energies.");
                }
            } else {
                Optional<StorageCost> en = tech.storageClass(cls.text(), capacity, wordBits, block, banks);
                if (en.isEmpty()) {
                    diags.error(cls.span(), "Unknown storage energy class `" + cls + "`" + Suggestions.hint(cls.text(), Technologies.STORAGE_CLASSES));
                } else {
                    energy[0] = en.get().readPj();
                    energy[1] = en.get().writePj();
                    source = "class " + cls;
                }
            }
        } else if (e.value().isPresent()) {
            energy[0] = energy[1] = Units.energy(e.value().get(), diags);
        } else {
            boolean read = false;
            boolean write = false;
            for (KeyedQuantity kq : e.items()) {
                switch (kq.key().text()) {
                    case "read" -> {
                        energy[0] = Units.energy(kq.quantity(), diags);
                        read = true;
                    }
                    case "write" -> {
                        energy[1] = Units.energy(kq.quantity(), diags);
                        write = true;
                    }
                    default -> diags.error(kq.key().span(), "A storage level has read and write energies; `mac` energy belongs to the compute unit.");
                }
            }
            if (read != write) {
                diags.error(e.span(), "Level " + l.name() + " gives only its " + (read ? "read" : "write")
                        + " energy; give both, as in `energy read 1.5 pJ, write 1.6 pJ`, or one value for both, as in `energy 1.5 pJ`.");
            }
        }
        if (diags.errorCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new StorageLevel(LevelId.of(l.name().text()), capacity, wordBits, block, bw[0], bw[1], bw[2],
                energy[0], energy[1], buffering, mayKeep, area, source, Fanout.NONE, banks));
    }

    /** Whether a storage class sizes its energy by capacity (SRAM and register files). */
    private static boolean needsCapacity(String cls) {
        return cls.equals("sram") || cls.equals("regfile");
    }

    private Optional<Fanout> fanout(FanoutDecl f) {
        if (f.x() < 1 || f.y() < 1 || f.x() > MAX_MESH || f.y() > MAX_MESH) {
            diags.error(f.span(), "A fan-out mesh needs sides between 1 and " + MAX_MESH + ", got "
                    + (f.x() == Long.MAX_VALUE ? "a huge number" : Long.toString(f.x())) + " x "
                    + (f.y() == Long.MAX_VALUE ? "a huge number" : Long.toString(f.y())) + ".");
            return Optional.empty();
        }
        Optional<Set<String>> ax = Optional.empty();
        Optional<Set<String>> ay = Optional.empty();
        for (AxisAllow allow : f.allow()) {
            String axis = allow.axis().text();
            Set<String> dims = new LinkedHashSet<>();
            allow.dims().names().forEach(n -> dims.add(n.text()));
            if (allow.dims().all()) {
                continue;
            }
            if ("x".equals(axis)) {
                if (ax.isPresent()) {
                    diags.error(allow.axis().span(), "Axis x is listed twice; list its dimensions once.");
                }
                ax = Optional.of(dims);
            } else if ("y".equals(axis)) {
                if (ay.isPresent()) {
                    diags.error(allow.axis().span(), "Axis y is listed twice; list its dimensions once.");
                }
                ay = Optional.of(dims);
            } else {
                diags.error(allow.axis().span(), "Unknown axis `" + axis + "`; a fan-out has axes x and y.");
            }
        }
        double hop = 0;
        for (int i = 0; i < f.hops().size(); i++) {
            Quantity q = f.hops().get(i);
            if (i > 0) {
                diags.error(q.span(), "The energy per hop is given twice in this fan-out; keep one `hop ... pJ`.");
                continue;
            }
            double e = Units.energy(q, diags);
            hop = Double.isNaN(e) ? 0 : e;
        }
        return Optional.of(new Fanout((int) f.x(), (int) f.y(), ax, ay, hop));
    }

    private ComputeUnit compute(ComputeDecl c) {
        Map<String, Attr> at = attrs(c.attrs());
        double energy = 0;
        Attr e = at.get("energy");
        if (e == null) {
            diags.error(c.name().span(), "Compute unit " + c.name() + " has no energy; add `energy 2.2 pJ` or `energy class intmac16`.");
        } else if (e.energyClass().isPresent()) {
            Name cls = e.energyClass().get();
            Optional<ComputeCost> v = tech.computeClass(cls.text());
            if (v.isEmpty()) {
                diags.error(cls.span(), "Unknown compute energy class `" + cls + "`" + Suggestions.hint(cls.text(), Technologies.COMPUTE_CLASSES));
            } else {
                energy = v.get().macPj();
            }
        } else if (e.value().isPresent()) {
            energy = Units.energy(e.value().get(), diags);
        } else {
            for (KeyedQuantity kq : e.items()) {
                if ("mac".equals(kq.key().text())) {
                    energy = Units.energy(kq.quantity(), diags);
                } else {
                    diags.error(kq.key().span(), "A compute unit has one energy per MAC; write `energy 2.2 pJ`.");
                }
            }
        }
        double area = at.containsKey("area") ? Units.area(at.get("area").value().orElseThrow(), diags) : 0;
        return new ComputeUnit(c.name().text(), Double.isNaN(energy) ? 0 : energy, area);
    }
}
