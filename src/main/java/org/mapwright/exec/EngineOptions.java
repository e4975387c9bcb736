package org.mapwright.exec;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open an engine.
 *
 * @param threads tasks at once in this process (the local engine; a local cluster master such as Spark's
 *                {@code local[*]} decides for itself)
 * @param master  the cluster to use, in the engine's own terms (Spark: {@code local[2]}, {@code spark://host:7077},
 *                {@code yarn}, {@code k8s://...}); empty for the engine's default
 * @param conf    the engine's own settings, by name (Spark configuration keys)
 */
public record EngineOptions(int threads, Optional<String> master, Map<String, String> conf) {
    public EngineOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("Give at least one thread, got " + threads + ".");
        }
        Objects.requireNonNull(master, "master");
        conf = Map.copyOf(conf);
    }

    /** Local threads only. */
    public static EngineOptions threads(int threads) {
        return new EngineOptions(threads, Optional.empty(), Map.of());
    }
}
