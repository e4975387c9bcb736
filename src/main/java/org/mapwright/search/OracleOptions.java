package org.mapwright.search;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What cost oracles may need from the user; each oracle reads the options it knows and ignores the rest.
 *
 * @param timeloop            the {@code timeloop-model} executable (or a wrapper script that runs it, such as a
 *                            Timeloop build's {@code run-model}), for the {@code timeloop} oracle
 * @param callTimeoutSeconds  how long one call of an external tool may take before it is killed and the search
 *                            stops with an error
 * @param cacheEntries        entries of a cheap oracle's own per-thread cache (0 for none); the search driver sets
 *                            it from {@link SearchDriver.Settings#cacheSize()}
 */
public record OracleOptions(Optional<Path> timeloop, double callTimeoutSeconds, int cacheEntries) {

    /** No tool paths, a two-minute call timeout, and the driver's default cache. */
    public static final OracleOptions DEFAULT = new OracleOptions(Optional.empty(), 120, 1 << 15);

    public OracleOptions {
        Objects.requireNonNull(timeloop, "timeloop");
        if (!(callTimeoutSeconds > 0) || Double.isInfinite(callTimeoutSeconds)) {
            throw new IllegalArgumentException("The call timeout must be a positive number of seconds, got "
                    + callTimeoutSeconds + ".");
        }
        if (cacheEntries < 0) {
            throw new IllegalArgumentException("A cache cannot have " + cacheEntries + " entries; give 0 for none.");
        }
    }

    /** These options with {@code path} as the timeloop-model executable. */
    public OracleOptions withTimeloop(Path path) {
        return new OracleOptions(Optional.of(path), callTimeoutSeconds, cacheEntries);
    }

    /** These options with another call timeout. */
    public OracleOptions withCallTimeout(double seconds) {
        return new OracleOptions(timeloop, seconds, cacheEntries);
    }

    /** These options with another size of a cheap oracle's own cache. */
    public OracleOptions withCacheEntries(int entries) {
        return new OracleOptions(timeloop, callTimeoutSeconds, entries);
    }
}
