package org.mapwright.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mapwright.arch.Architecture;
import org.mapwright.arch.ComputeUnit;
import org.mapwright.arch.Fanout;
import org.mapwright.arch.StorageLevel;
import org.mapwright.tech.StorageCost;
import org.mapwright.tech.Technologies;
import org.mapwright.tech.Technology;

/**
 * Writes an {@link Architecture} as an {@code accelerator} declaration that the front end reads back to an equal
 * one: every attribute the IR holds, numbers in Java's shortest round-tripping form (pJ, um2, words per cycle).
 * A level whose energies are those of its {@code energy class} in the design's technology is written with the class,
 * so that it reads back with the same energy source; other energies are written as numbers (and read back as
 * {@code explicit}, whatever their source was, such as a Timeloop ERT).
 */
public final class AcceleratorWriter {
    private AcceleratorWriter() {
    }

    /**
     * The declaration of {@code a}. Its name, level names, tensor and dimension names must be DSL names (letters,
     * digits and underscores, not starting with a digit); an {@link IllegalArgumentException} says which is not.
     */
    public static String write(Architecture a) {
        StringBuilder sb = new StringBuilder();
        sb.append("accelerator ").append(name(a.name(), "accelerator")).append(" {\n");
        if (!a.technology().equals(Technologies.DEFAULT)) {
            sb.append("  technology ").append(a.technology()).append('\n');
        }
        if (!a.linkTransfers()) {
            sb.append("  links off\n");
        }
        Optional<Technology> tech = Technology.byName(a.technology());
        for (StorageLevel l : a.levels()) {
            level(sb, l, tech);
            fanout(sb, l.fanout());
        }
        ComputeUnit c = a.compute();
        sb.append("  compute ").append(name(c.name(), "compute unit")).append(" {\n");
        sb.append("    energy ").append(number(c.macEnergy())).append(" pJ\n");
        if (c.areaUm2() > 0) {
            sb.append("    area ").append(number(c.areaUm2())).append(" um2\n");
        }
        sb.append("  }\n");
        return sb.append("}\n").toString();
    }

    private static void level(StringBuilder sb, StorageLevel l, Optional<Technology> tech) {
        sb.append("  level ").append(name(l.name(), "level")).append(" {\n");
        if (l.isBounded()) {
            sb.append("    capacity ").append(l.capacityWords()).append(" words\n");
        }
        sb.append("    word ").append(l.wordBits()).append(" bits\n");
        if (l.blockSize() != 1) {
            sb.append("    block ").append(l.blockSize()).append(" words\n");
        }
        if (l.banks() != 1) {
            sb.append("    banks ").append(l.banks()).append('\n');
        }
        List<String> bw = new ArrayList<>();
        bandwidth(bw, "read", l.readBandwidth());
        bandwidth(bw, "write", l.writeBandwidth());
        bandwidth(bw, "shared", l.sharedBandwidth());
        if (!bw.isEmpty()) {
            sb.append("    bandwidth ").append(String.join(", ", bw)).append('\n');
        }
        Optional<String> cls = energyClass(l, tech);
        if (cls.isPresent()) {
            sb.append("    energy class ").append(cls.get()).append('\n');
        } else {
            sb.append("    energy read ").append(number(l.readEnergy())).append(" pJ, write ")
                    .append(number(l.writeEnergy())).append(" pJ\n");
        }
        l.mayKeep().ifPresent(k -> sb.append("    keeps ").append(names(k, "tensor")).append('\n'));
        if (l.multipleBuffering() != 1) {
            sb.append("    buffering ").append(number(l.multipleBuffering())).append('\n');
        }
        if (l.areaUm2() > 0) {
            sb.append("    area ").append(number(l.areaUm2())).append(" um2\n");
        }
        sb.append("  }\n");
    }

    /** The level's energy class, when it names one and the technology gives exactly its energies. */
    private static Optional<String> energyClass(StorageLevel l, Optional<Technology> tech) {
        String src = l.energySource();
        if (tech.isEmpty() || !src.startsWith("class ")) {
            return Optional.empty();
        }
        String cls = src.substring("class ".length());
        if (!Technologies.STORAGE_CLASSES.contains(cls)) {
            return Optional.empty();
        }
        if ((cls.equals("sram") || cls.equals("regfile")) && !l.isBounded()) {
            return Optional.empty();
        }
        if (l.isBounded() && l.banks() > l.capacityWords()) {
            return Optional.empty();
        }
        Optional<StorageCost> c = tech.get().storageClass(cls, l.capacityWords(), l.wordBits(), l.blockSize(), l.banks());
        return c.isPresent() && c.get().readPj() == l.readEnergy() && c.get().writePj() == l.writeEnergy()
                ? Optional.of(cls) : Optional.empty();
    }

    private static void fanout(StringBuilder sb, Fanout f) {
        if (f.equals(Fanout.NONE)) {
            return;
        }
        sb.append("  fanout ").append(f.x()).append(" x ").append(f.y());
        List<String> body = new ArrayList<>();
        f.allowedX().ifPresent(s -> body.add("x: " + names(s, "dimension")));
        f.allowedY().ifPresent(s -> body.add("y: " + names(s, "dimension")));
        if (f.hopEnergy() > 0) {
            body.add("hop " + number(f.hopEnergy()) + " pJ");
        }
        if (!body.isEmpty()) {
            sb.append(" { ").append(String.join("  ", body)).append(" }");
        }
        sb.append('\n');
    }

    private static void bandwidth(List<String> out, String kind, double wordsPerCycle) {
        if (Double.isFinite(wordsPerCycle)) {
            out.add(kind + " " + number(wordsPerCycle));
        }
    }

    private static String names(Set<String> names, String what) {
        return names.isEmpty() ? "none" : String.join(", ", names.stream().sorted().map(n -> name(n, what)).toList());
    }

    private static String name(String n, String what) {
        return DslText.name(n, what);
    }

    private static String number(double v) {
        return DslText.number(v);
    }
}
