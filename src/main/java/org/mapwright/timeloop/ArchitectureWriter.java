package org.mapwright.timeloop;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.StorageLevel;

/**
 * Writes an {@link Architecture} as a Timeloop v0.3 {@code architecture}: a chain of subtrees, one per instance count,
 * whose storage elements and compute unit carry the attributes Timeloop v3.0.3's buffer and arithmetic models read.
 * Both Timeloop and {@link ArchitectureReader} read the result (with the ERT of {@link ErtWriter}).
 *
 * <p>Per level: class {@code DRAM} for an unbounded level (Timeloop checks no capacity there) and {@code SRAM}
 * otherwise; {@code word-bits}; {@code block-size}; the capacity as {@code depth} (rows of one block) or, when the
 * capacity is not a whole number of blocks, {@code entries}; {@code read_bandwidth}, {@code write_bandwidth} and
 * {@code shared_bandwidth} when limited; {@code multiple-buffering} when above 1; and {@code meshX} wherever there is
 * more than one instance, so that every fan-out keeps its X and Y sides. Levels with the same instance count share a
 * subtree, whose name {@code tierK[0..N-1]} multiplies the instances above it by N, the fan-out between them.
 *
 * <p>What Timeloop's architecture format cannot say is left out: the tensors a level may keep and the dimensions a
 * fan-out may unroll (Timeloop says these with constraints, {@link ConstraintsWriter}; a mapping given to
 * timeloop-model carries its keeps and axes itself), areas and where energies came from (reports only), and link
 * transfers being off (Timeloop's {@code TIMELOOP_DISABLE_LINK_TRANSFERS=1}, an environment variable).
 */
public final class ArchitectureWriter {
    /** The root subtree's name, the first segment of every element's path. */
    static final String ROOT = "system";

    /** Largest count in a size attribute: Timeloop reads sizes as 32-bit unsigned integers. */
    private static final long MAX_SIZE = 0xFFFF_FFFFL;

    private ArchitectureWriter() {
    }

    /**
     * The accelerator as YAML text with a top-level {@code architecture:} key.
     *
     * @throws IllegalArgumentException if a name is not a word of letters, digits and underscores, two elements share
     *                                  a name, or a level holds more words than Timeloop can size
     */
    public static String write(Architecture a) {
        paths(a); // checks the names
        int[] tiers = tiers(a);
        StringBuilder sb = new StringBuilder("architecture:\n  version: 0.3\n");
        String indent = "  ";
        int tier = -1;
        for (int i = 0; i <= a.levelCount(); i++) {
            int t = tiers[i];
            if (t != tier) {
                sb.append(indent).append("subtree:\n")
                        .append(indent).append("- name: ").append(tierName(a, t)).append('\n')
                        .append(indent).append("  local:\n");
                indent += "  ";
                tier = t;
            }
            String p = indent + "  ";
            if (i < a.levelCount()) {
                level(sb, p, a, i);
            } else {
                sb.append(p).append("- name: ").append(a.compute().name()).append('\n')
                        .append(p).append("  class: intmac\n")
                        .append(p).append("  attributes:\n")
                        .append(p).append("    datawidth: ").append(a.level(a.levelCount() - 1).wordBits()).append('\n');
                mesh(sb, p, a, i);
            }
        }
        return sb.toString();
    }

    private static void level(StringBuilder sb, String p, Architecture a, int i) {
        StorageLevel l = a.level(i);
        sb.append(p).append("- name: ").append(l.name()).append('\n')
                .append(p).append("  class: ").append(l.isBounded() ? "SRAM" : "DRAM").append('\n')
                .append(p).append("  attributes:\n")
                .append(p).append("    word-bits: ").append(l.wordBits()).append('\n')
                .append(p).append("    block-size: ").append(l.blockSize()).append('\n');
        if (l.isBounded()) {
            long words = l.capacityWords();
            if (words % l.blockSize() == 0 && words / l.blockSize() <= MAX_SIZE) {
                sb.append(p).append("    depth: ").append(words / l.blockSize()).append('\n');
            } else if (words <= MAX_SIZE) {
                sb.append(p).append("    entries: ").append(words).append('\n');
            } else {
                throw new IllegalArgumentException("Level " + l.name() + " holds " + words + " words, more than the "
                        + MAX_SIZE + " a Timeloop architecture can give a level; use a smaller capacity or a larger word.");
            }
        }
        bandwidth(sb, p, "read_bandwidth", l.readBandwidth());
        bandwidth(sb, p, "write_bandwidth", l.writeBandwidth());
        bandwidth(sb, p, "shared_bandwidth", l.sharedBandwidth());
        if (l.multipleBuffering() != 1) {
            sb.append(p).append("    multiple-buffering: ").append(number(l.multipleBuffering())).append('\n');
        }
        mesh(sb, p, a, i);
    }

    private static void bandwidth(StringBuilder sb, String p, String key, double words) {
        if (Double.isFinite(words)) {
            sb.append(p).append("    ").append(key).append(": ").append(number(words)).append('\n');
        }
    }

    /** {@code meshX} of level {@code i} (the compute unit when {@code i} is the level count), if it has instances. */
    private static void mesh(StringBuilder sb, String p, Architecture a, int i) {
        if (a.instances(i) > 1) {
            sb.append(p).append("    meshX: ").append(a.meshX(i)).append('\n');
        }
    }

    /**
     * The hierarchical name of every level and, last, of the compute unit, as the architecture written by
     * {@link #write} places them ({@code system.tier1[0..13].DummyBuffer}); the ERT names its tables by them.
     *
     * @throws IllegalArgumentException if a name is not a word or two elements share one
     */
    static List<String> paths(Architecture a) {
        Set<String> seen = new HashSet<>();
        int[] tiers = tiers(a);
        List<String> out = new ArrayList<>();
        StringBuilder prefix = new StringBuilder(ROOT);
        for (int i = 0; i <= a.levelCount(); i++) {
            String name = i < a.levelCount() ? a.level(i).name() : a.compute().name();
            word(name, i < a.levelCount() ? "level" : "compute unit");
            if (!seen.add(name)) {
                throw new IllegalArgumentException("The compute unit and a level are both named " + name
                        + "; Timeloop finds energies by name, so rename one.");
            }
            if (i > 0 && tiers[i] != tiers[i - 1]) {
                prefix.append('.').append(tierName(a, tiers[i]));
            }
            out.add(prefix + "." + name);
        }
        return out;
    }

    /** The tier of every level and, last, of the compute unit: how many fan-outs above 1 lie above it. */
    private static int[] tiers(Architecture a) {
        int[] out = new int[a.levelCount() + 1];
        for (int i = 1; i <= a.levelCount(); i++) {
            out[i] = out[i - 1] + (a.level(i - 1).fanout().size() > 1 ? 1 : 0);
        }
        return out;
    }

    /** The subtree of tier {@code t}: the root, or the fan-out below the last level of the tier above. */
    private static String tierName(Architecture a, int t) {
        if (t == 0) {
            return ROOT;
        }
        int seen = 0;
        for (int i = 0; i < a.levelCount(); i++) {
            if (a.level(i).fanout().size() > 1 && ++seen == t) {
                return "tier" + t + "[0.." + (a.level(i).fanout().size() - 1) + "]";
            }
        }
        throw new IllegalStateException("Accelerator " + a.name() + " has no tier " + t + ".");
    }

    private static void word(String name, String what) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || name.equalsIgnoreCase("wire")) {
            throw new IllegalArgumentException("The " + what + " name '" + name + "' cannot name a Timeloop element: "
                    + "use a word of letters, digits and underscores other than 'wire'.");
        }
    }

    /** A number as plain YAML decimal text that reads back as the same double (no exponent, which YAML 1.1 may take for a string). */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("Cannot write " + v + " as a Timeloop number.");
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
