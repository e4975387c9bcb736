package org.mapwright.timeloop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.ComputeUnit;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.LevelId;
import org.mapwright.arch.StorageLevel;
import org.mapwright.diag.Diagnostics;
import org.mapwright.diag.InputException;
import org.mapwright.diag.SourceSpan;

/**
 * Reads a Timeloop {@code architecture} section and an energy reference table into an {@link Architecture}.
 *
 * <p>Storage levels are the tree's storage elements in traversal order, outermost first; the arithmetic element
 * (a class containing {@code mac}, such as {@code intmac}) is the compute unit wherever it appears. Per storage
 * element:
 * <ul>
 *   <li>words = depth ({@code depth}|{@code memory_depth}) x width ({@code width}|{@code memory_width}) / word bits
 *       ({@code word-bits}|{@code word_bits}|{@code datawidth}, default 16); {@code entries} gives words directly;
 *       a DRAM class, or no size at all, is unbounded;</li>
 *   <li>block size ({@code block-size}|{@code block_size}) defaults to width / word bits, at least 1;</li>
 *   <li>bandwidths ({@code read_bandwidth}, {@code write_bandwidth}, {@code shared_bandwidth}, hyphens accepted) in
 *       words per cycle default to unlimited; {@code multiple-buffering} defaults to 1;</li>
 *   <li>{@code meshX} defaults to the instance count (a row along X, as Timeloop does) and meshY = instances / meshX (or give {@code meshY}).</li>
 * </ul>
 * The fan-out below a level is meshX(next) / meshX(level) by meshY(next) / meshY(level), where next is the next
 * storage level inward or the compute unit. Energies come from the ERT (storage {@code read}/{@code write}, compute
 * {@code mac_random}); an element without an ERT entry is an error. Other attributes are ignored, as Timeloop
 * ignores them, but a known attribute of the wrong type is an error.
 */
public final class ArchitectureReader {
    private static final int MAX_WORD_BITS = 1 << 12;

    /** A level or the compute unit with its mesh, on the way to the IR. */
    private record Node(ArchTree.Element e, long meshX, long meshY, SourceSpan meshXAt, SourceSpan meshYAt) {
    }

    private final Diagnostics d = new Diagnostics();
    private final Ert ert;

    private ArchitectureReader(Ert ert) {
        this.ert = ert;
    }

    /**
     * Reads the value of an {@code architecture:} key.
     *
     * @param arch the section's value
     * @param ert  the energy reference table for its components
     * @param name the accelerator's name (the loader uses the file name without extension)
     * @throws InputException with every error found
     */
    public static Architecture read(YamlNode arch, Ert ert, String name) {
        return read(arch, ert, name, new Diagnostics());
    }

    /** Like {@link #read(YamlNode, Ert, String)}, adding the warnings of a successful read to {@code warnings}. */
    public static Architecture read(YamlNode arch, Ert ert, String name, Diagnostics warnings) {
        return read(arch, arch.span(), ert, name, warnings);
    }

    static Architecture read(YamlNode arch, SourceSpan where, Ert ert, String name, Diagnostics warnings) {
        ArchitectureReader r = new ArchitectureReader(ert);
        Architecture a = r.run(arch, where, name);
        warnings.addAll(r.d.warnings());
        return a;
    }

    private Architecture run(YamlNode node, SourceSpan where, String name) {
        YamlMap arch = Nodes.map(node, "the 'architecture' section", d);
        if (arch == null) {
            Nodes.throwIfErrors(d);
        }
        List<ArchTree.Element> elements = ArchTree.flatten(arch, where, d);
        Nodes.throwIfErrors(d);
        List<Node> storage = new ArrayList<>();
        Node compute = null;
        Map<String, SourceSpan> names = new HashMap<>();
        for (ArchTree.Element e : elements) {
            String kind = kind(e);
            if (kind == null || kind.equals("network")) {
                continue;
            }
            SourceSpan seen = names.putIfAbsent(e.name(), e.nameNode().span());
            if (seen != null) {
                d.error(e.nameNode().span(), "Another element is already named " + e.name() + " (line " + seen.line()
                        + "); give every storage level and the compute unit a distinct name.");
                continue;
            }
            Node n = mesh(e);
            if (kind.equals("compute")) {
                if (compute != null) {
                    d.error(e.nameNode().span(), "A second arithmetic element, " + e.name() + ", after "
                            + compute.e().name() + "; Timeloop models one compute unit per design, so keep one.");
                } else {
                    compute = n;
                }
            } else {
                storage.add(n);
            }
        }
        if (!storage.isEmpty() && storage.get(0).e().instances() != 1) {
            ArchTree.Element outer = storage.get(0).e();
            d.error(outer.nameNode().span(), "The outermost storage level " + outer.name() + " has " + outer.instances()
                    + " instances; Mapwright models a single outermost level (usually DRAM), so give it one instance.");
        }
        if (storage.isEmpty() && !d.hasErrors()) {
            d.error(where, "The architecture has no storage level; add at least a DRAM element.");
        }
        if (compute == null && !d.hasErrors()) {
            d.error(where, "The architecture has no arithmetic element; add one with a class such as 'intmac'.");
        }
        Nodes.throwIfErrors(d);
        List<StorageLevel> levels = new ArrayList<>();
        for (int i = 0; i < storage.size(); i++) {
            Node next = i + 1 < storage.size() ? storage.get(i + 1) : compute;
            StorageLevel level = level(storage.get(i), fanout(storage.get(i), next));
            if (level != null) {
                levels.add(level);
            }
        }
        ComputeUnit unit = computeUnit(compute);
        Nodes.throwIfErrors(d);
        try {
            return new Architecture(name, levels, unit);
        } catch (IllegalArgumentException ex) {
            throw new InputException(where, ex.getMessage());
        }
    }

    /** "storage", "compute", "network" (ignored), or null after reporting an unknown class. */
    private String kind(ArchTree.Element e) {
        if (e.className() == null) {
            d.error(e.nameNode().span(), "Element " + e.name() + " has no 'class'; give it one, such as 'SRAM', "
                    + "'regfile', 'DRAM' or 'intmac'.");
            return null;
        }
        String c = e.className().toLowerCase(Locale.ROOT);
        if (c.contains("mac") || c.contains("compute")) {
            return "compute";
        }
        for (String s : List.of("dram", "sram", "regfile", "smartbuffer", "storage", "buffer", "reg", "memory",
                "cache", "fifo")) {
            if (c.contains(s)) {
                return "storage";
            }
        }
        for (String s : List.of("noc", "network", "wire", "router", "multicast", "reductiontree", "legacy")) {
            if (c.contains(s)) {
                return "network";
            }
        }
        d.error(e.classNode().span(), "Cannot tell whether class '" + e.className() + "' of " + e.name()
                + " is storage or compute; storage classes contain DRAM, SRAM, regfile, smartbuffer or storage, and "
                + "arithmetic classes contain mac.");
        return null;
    }

    private Node mesh(ArchTree.Element e) {
        long instances = e.instances();
        SourceSpan at = e.nameNode().span();
        if (e.meshX() > 0) {
            return new Node(e, e.meshX(), e.meshY(), at, at);
        }
        YamlMap.Entry mx = e.attributes().get("meshX");
        YamlMap.Entry my = e.attributes().get("meshY");
        OptionalLong x = mx == null ? OptionalLong.empty() : Nodes.integer(mx.value(), "meshX of " + e.name(), 1,
                ArchTree.MAX_INSTANCES, d);
        OptionalLong y = my == null ? OptionalLong.empty() : Nodes.integer(my.value(), "meshY of " + e.name(), 1,
                ArchTree.MAX_INSTANCES, d);
        SourceSpan xAt = mx == null ? at : mx.value().span();
        SourceSpan yAt = my == null ? at : my.value().span();
        if (x.isPresent() && y.isPresent()) {
            if (x.getAsLong() * y.getAsLong() != instances) {
                d.error(yAt, "meshX " + x.getAsLong() + " times meshY " + y.getAsLong() + " of " + e.name() + " is "
                        + x.getAsLong() * y.getAsLong() + ", but it has " + instances + " instances; make them agree.");
                return new Node(e, 1, instances, xAt, yAt);
            }
            return new Node(e, x.getAsLong(), y.getAsLong(), xAt, yAt);
        }
        if (y.isPresent()) {
            if (instances % y.getAsLong() != 0) {
                d.error(yAt, "meshY " + y.getAsLong() + " does not divide the " + instances + " instances of "
                        + e.name() + "; use a divisor of " + instances + ".");
                return new Node(e, 1, instances, xAt, yAt);
            }
            return new Node(e, instances / y.getAsLong(), y.getAsLong(), xAt, yAt);
        }
        long meshX = x.orElse(instances); // as in Timeloop: without a mesh, instances line up along X
        if (instances % meshX != 0) {
            d.error(xAt, "meshX " + meshX + " does not divide the " + instances + " instances of " + e.name()
                    + "; use a divisor of " + instances + ".");
            return new Node(e, 1, instances, xAt, yAt);
        }
        return new Node(e, meshX, instances / meshX, xAt, yAt);
    }

    private Fanout fanout(Node level, Node next) {
        if (next == null) {
            return Fanout.NONE;
        }
        String what = next.e().name();
        long inner = next.e().instances();
        long outer = level.e().instances();
        if (inner % outer != 0) {
            d.error(next.e().nameNode().span(), what + " has " + inner + " instances, which is not a multiple of the "
                    + outer + " instances of " + level.e().name() + " above it; each instance above must feed the "
                    + "same number below.");
            return Fanout.NONE;
        }
        if (next.meshX() % level.meshX() != 0) {
            d.error(next.meshXAt(), "meshX " + next.meshX() + " of " + what + " is not a multiple of meshX "
                    + level.meshX() + " of " + level.e().name() + " above it; make the inner mesh a multiple of the outer.");
            return Fanout.NONE;
        }
        if (next.meshY() % level.meshY() != 0) {
            d.error(next.meshYAt(), "meshY " + next.meshY() + " of " + what + " is not a multiple of meshY "
                    + level.meshY() + " of " + level.e().name() + " above it; make the inner mesh a multiple of the outer.");
            return Fanout.NONE;
        }
        return Fanout.of((int) (next.meshX() / level.meshX()), (int) (next.meshY() / level.meshY()));
    }

    private StorageLevel level(Node n, Fanout fanout) {
        ArchTree.Element e = n.e();
        Attrs a = new Attrs(e);
        // The spellings Timeloop v3.0.3's buffer.cpp reads, plus word_bits, which Mapwright has always read.
        long wordBits = a.integer(16, 1, MAX_WORD_BITS, "word-bits", "word_width", "datawidth", "word_bits");
        OptionalLong width = a.optionalInteger(1, 1L << 20, "width", "memory_width", "data_storage_width");
        OptionalLong block = a.optionalInteger(1, 1L << 20, "block-size", "block_size", "n_words");
        OptionalLong cluster = a.optionalInteger(1, 1L << 20, "cluster-size");
        OptionalLong depth = a.optionalInteger(1, 1L << 40, "depth", "memory_depth", "data_storage_depth");
        OptionalLong entries = a.optionalInteger(1, 1L << 50, "entries");
        OptionalLong sizeKB = a.optionalInteger(1, 1L << 30, "sizeKB");
        long widthBits = width.orElse(block.orElse(1) * wordBits);
        SourceSpan widthAt = a.at("width", "memory_width", "data_storage_width");
        if (width.isPresent() && widthBits % wordBits != 0) {
            d.error(widthAt, "The width of " + e.name() + " (" + widthBits + " bits) is not a "
                    + "multiple of its word size (" + wordBits + " bits); make it a whole number of words.");
        } else if (width.isPresent() && block.isPresent() && widthBits % (wordBits * block.getAsLong()) != 0) {
            d.error(widthAt, "The width of " + e.name() + " (" + widthBits + " bits) is not a multiple of its block "
                    + "(" + block.getAsLong() + " words of " + wordBits + " bits), which Timeloop v3.0.3 refuses too; "
                    + "make the width a whole number of blocks.");
        } else if (width.isPresent() && (block.isPresent() || cluster.isPresent())
                && cluster.orElse(widthBits / (wordBits * block.orElse(1))) > 1) {
            long blocks = cluster.orElse(widthBits / (wordBits * block.orElse(1)));
            d.error(widthAt, "The width of " + e.name() + " (" + widthBits + " bits) holds " + blocks + " blocks "
                    + "(Timeloop's cluster size " + blocks + "), which Mapwright does not model; set block-size to "
                    + widthBits / wordBits + " words, the whole width.");
        }
        long wordsPerRow = Math.max(1, widthBits / wordBits);
        int blockSize = (int) block.orElse(wordsPerRow);
        long capacity = StorageLevel.UNBOUNDED;
        // buffer.cpp: a class containing DRAM, or technology DRAM, is DRAM.
        boolean dram = e.className().toLowerCase(Locale.ROOT).contains("dram") || Optional.ofNullable(
                e.attributes().get("technology")).map(t -> t.value() instanceof YamlScalar sc
                && sc.text().equals("DRAM")).orElse(false);
        if (!dram && a.find("entries", "depth", "memory_depth", "data_storage_depth", "sizeKB") == null) {
            d.error(e.nameNode().span(), "Storage level " + e.name() + " has no size, which Timeloop v3.0.3 needs "
                    + "for every level but DRAM (it aborts); give its 'depth', 'entries' or 'sizeKB'.");
        }
        if (!dram) {
            if (entries.isPresent()) {
                capacity = entries.getAsLong();
            } else if (depth.isPresent()) {
                capacity = depth.getAsLong() * wordsPerRow;
            } else if (sizeKB.isPresent()) {
                capacity = Math.max(1, sizeKB.getAsLong() * 8192 / wordBits);
            }
        }
        double read = a.bandwidth("read_bandwidth", "read-bandwidth");
        double write = a.bandwidth("write_bandwidth", "write-bandwidth");
        double shared = a.bandwidth("shared_bandwidth", "shared-bandwidth");
        double buffering = a.number(1, 1, "multiple-buffering", "multiple_buffering");
        Ert.Component c = energies(e, "storage level");
        if (c == null || d.hasErrors()) {
            return null;
        }
        Optional<Double> er = c.readEnergy();
        Optional<Double> ew = c.writeEnergy();
        if (er.isEmpty() || ew.isEmpty()) {
            d.error(c.span(), "ERT entry " + c.fullName() + " has no '" + (er.isEmpty() ? "read" : "write")
                    + "' action; storage levels need 'read' and 'write' energies.");
            return null;
        }
        return new StorageLevel(LevelId.of(e.name()), capacity, (int) wordBits, blockSize, read, write, shared,
                er.get(), ew.get(), buffering, Optional.empty(), 0, "ERT", fanout);
    }

    private ComputeUnit computeUnit(Node n) {
        Ert.Component c = energies(n.e(), "compute unit");
        if (c == null) {
            return null;
        }
        Optional<Double> mac = c.macEnergy();
        if (mac.isEmpty()) {
            d.error(c.span(), "ERT entry " + c.fullName() + " has no 'mac_random' action (nor any 'mac...' or "
                    + "'compute' action); give the energy of one multiply-accumulate.");
            return null;
        }
        if (!c.actions().containsKey("mac_random")) {
            // Timeloop's arithmetic.cpp looks only for its own action names (timeloop-model took 1 pJ without them).
            d.warning(c.span(), "ERT entry " + c.fullName() + " has no 'mac_random' action; Mapwright uses "
                    + Nodes.fmt(mac.get()) + " pJ from its other actions, but Timeloop v3.0.3 does not take them for "
                    + "a multiply-accumulate, so compute energy differs from Timeloop's; add 'mac_random' for the same "
                    + "figures.");
        }
        return new ComputeUnit(n.e().name(), mac.get(), 0);
    }

    private Ert.Component energies(ArchTree.Element e, String what) {
        List<Ert.Component> found = ert.lookup(e.name());
        if (found.isEmpty()) {
            d.error(e.nameNode().span(), "The ERT has no entry for " + what + " " + e.name() + "; provide an ERT "
                    + "table named like 'system." + e.name() + "' with "
                    + (what.equals("compute unit") ? "a 'mac_random' action" : "'read' and 'write' actions") + ".");
            return null;
        }
        if (found.size() > 1) {
            d.error(found.get(1).span(), "ERT tables " + found.get(0).fullName() + " and " + found.get(1).fullName()
                    + " both describe " + e.name() + "; keep one.");
            return null;
        }
        return found.get(0);
    }

    /** Typed access to an element's attributes, reporting errors at the attribute's value. */
    private final class Attrs {
        private final ArchTree.Element e;

        Attrs(ArchTree.Element e) {
            this.e = e;
        }

        private YamlMap.Entry find(String... keys) {
            YamlMap.Entry found = null;
            for (String k : keys) {
                YamlMap.Entry v = e.attributes().get(k);
                if (v != null && found == null) {
                    found = v;
                }
            }
            return found;
        }

        SourceSpan at(String... keys) {
            YamlMap.Entry v = find(keys);
            return v == null ? e.nameNode().span() : v.value().span();
        }

        OptionalLong optionalInteger(long min, long max, String... keys) {
            YamlMap.Entry v = find(keys);
            return v == null ? OptionalLong.empty()
                    : Nodes.integer(v.value(), "'" + v.name() + "' of " + e.name(), min, max, d);
        }

        long integer(long dflt, long min, long max, String... keys) {
            return optionalInteger(min, max, keys).orElse(dflt);
        }

        double number(double dflt, double min, String... keys) {
            YamlMap.Entry v = find(keys);
            return v == null ? dflt : Nodes.number(v.value(), "'" + v.name() + "' of " + e.name(), min, false, d)
                    .orElse(dflt);
        }

        double bandwidth(String... keys) {
            YamlMap.Entry v = find(keys);
            if (v == null) {
                return Double.POSITIVE_INFINITY;
            }
            OptionalDouble bw = Nodes.number(v.value(), "'" + v.name() + "' of " + e.name(), 0, true, d);
            if (bw.isPresent() && bw.getAsDouble() == 0) {
                d.error(v.value().span(), "'" + v.name() + "' of " + e.name() + " is 0; give a positive bandwidth in "
                        + "words per cycle, or leave it out for unlimited.");
            }
            return bw.isPresent() && bw.getAsDouble() > 0 ? bw.getAsDouble() : Double.POSITIVE_INFINITY;
        }
    }
}
