package org.mapwright.archspace;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Resource limits of an architecture space; each is optional.
 *
 * @param computeUnits most compute units
 * @param onChipBytes  most bytes of on-chip storage (every bounded level, all instances)
 * @param areaMm2      most area in mm2 (storage and compute, as the technology prices them)
 */
public record Limits(OptionalLong computeUnits, OptionalLong onChipBytes, OptionalDouble areaMm2) {

    public static final Limits NONE = new Limits(OptionalLong.empty(), OptionalLong.empty(), OptionalDouble.empty());

    public Limits {
        if (computeUnits.isPresent() && computeUnits.getAsLong() < 1) {
            throw new IllegalArgumentException("A compute limit needs at least one unit, got " + computeUnits.getAsLong() + ".");
        }
        if (onChipBytes.isPresent() && onChipBytes.getAsLong() < 1) {
            throw new IllegalArgumentException("An on-chip storage limit needs at least one byte, got " + onChipBytes.getAsLong() + ".");
        }
        if (areaMm2.isPresent() && !(areaMm2.getAsDouble() > 0 && Double.isFinite(areaMm2.getAsDouble()))) {
            throw new IllegalArgumentException("An area limit needs a finite positive area, got " + areaMm2.getAsDouble() + " mm2.");
        }
    }

    /**
     * How far a usage is over the limits: 0 when within every limit, else the sum over the limits exceeded of
     * {@code used / limit - 1}, so that a search can rank infeasible designs by how close they come.
     */
    public double violation(Usage u) {
        double v = 0;
        if (computeUnits.isPresent()) {
            v += excess(u.computeUnits(), computeUnits.getAsLong());
        }
        if (onChipBytes.isPresent()) {
            v += excess(u.onChipBytes(), onChipBytes.getAsLong());
        }
        if (areaMm2.isPresent()) {
            v += excess(u.areaMm2(), areaMm2.getAsDouble());
        }
        return v;
    }

    /** The limits a usage exceeds, as sentences for reports. */
    public List<String> violated(Usage u) {
        List<String> out = new ArrayList<>();
        if (computeUnits.isPresent() && u.computeUnits() > computeUnits.getAsLong()) {
            out.add(u.computeUnits() + " compute units, over the limit of " + computeUnits.getAsLong());
        }
        if (onChipBytes.isPresent() && u.onChipBytes() > onChipBytes.getAsLong()) {
            out.add(fmt(u.onChipBytes()) + " B on chip, over the limit of " + onChipBytes.getAsLong() + " B");
        }
        if (areaMm2.isPresent() && u.areaMm2() > areaMm2.getAsDouble()) {
            out.add(fmt(u.areaMm2()) + " mm2, over the limit of " + fmt(areaMm2.getAsDouble()) + " mm2");
        }
        return out;
    }

    private static double excess(double used, double limit) {
        // (used - limit) / limit stays positive whenever used > limit, where used / limit - 1 could round to 0
        return used > limit ? (used - limit) / limit : 0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
