package org.mapwright.bench;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a benchmark's results come from, recorded with them.
 *
 * @param version   Mapwright's version
 * @param commit    the git commit of the build, when known
 * @param arguments the command line's arguments as given, from the command's name on ({@code bench mappers ...})
 * @param inputs    the input files (or built-in files) and their SHA-256
 */
public record Provenance(String version, Optional<String> commit, List<String> arguments, List<Input> inputs) {

    /**
     * One input.
     *
     * @param path   as given, or {@code builtin:NAME.mw}
     * @param sha256 its content's SHA-256 in hex
     */
    public record Input(String path, String sha256) {
        public Input {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    public Provenance {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(commit, "commit");
        arguments = List.copyOf(arguments);
        inputs = List.copyOf(inputs);
    }

    /** The command line as one string, arguments with spaces or quotes single-quoted as a shell reads them. */
    public String commandLine() {
        StringBuilder sb = new StringBuilder("mapwright");
        for (String a : arguments) {
            sb.append(' ').append(a.matches("[A-Za-z0-9_./:=,@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
