package org.mapwright.archspace;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The values one parameter of an architecture space may take, in the order a search coordinate walks them (sizes in
 * increasing order, so that nearby coordinates give nearby sizes). A coordinate {@code u} in [0, 1] picks option
 * {@code min(n - 1, floor(u * n))}; a choice of one option is fixed and takes no coordinate.
 *
 * @param options the values, at least one, no two equal
 */
public record Choice<T>(List<T> options) {

    public Choice {
        options = List.copyOf(options);
        if (options.isEmpty()) {
            throw new IllegalArgumentException("A choice needs at least one option.");
        }
        if (new HashSet<>(options).size() != options.size()) {
            throw new IllegalArgumentException("A choice lists an option twice: " + options + "; list each once.");
        }
    }

    /** A choice of exactly one value. */
    public static <T> Choice<T> fixed(T value) {
        return new Choice<>(List.of(Objects.requireNonNull(value, "value")));
    }

    public int size() {
        return options.size();
    }

    public boolean isFixed() {
        return options.size() == 1;
    }

    public T get(int i) {
        return options.get(i);
    }

    /** The option a coordinate picks; the coordinate is clamped to [0, 1] and NaN reads as 0.5. */
    public int index(double u) {
        return index(u, options.size());
    }

    /** Index of {@code value} among the options, or -1. */
    public int indexOf(T value) {
        return options.indexOf(value);
    }

    /** The coordinate at the middle of option {@code i}'s interval, which {@link #index} maps back to {@code i}. */
    public double coordinate(int i) {
        return (i + 0.5) / options.size();
    }

    static double clamp(double u) {
        if (Double.isNaN(u)) {
            return 0.5;
        }
        return Math.max(0, Math.min(1, u));
    }

    static int index(double u, int n) {
        return (int) Math.min(n - 1, Math.floor(clamp(u) * n));
    }
}
