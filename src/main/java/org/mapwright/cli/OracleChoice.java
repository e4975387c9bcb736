package org.mapwright.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.mapwright.search.CostOracleProvider;
import org.mapwright.search.CostOracles;
import org.mapwright.search.OracleOptions;
import org.mapwright.timeloop.TimeloopModel;
import org.mapwright.timeloop.TimeloopOracle;

/**
 * The cost oracle a command searches with, from {@code --oracle}, {@code --timeloop} and the environment variable
 * {@value #ENV}, checked before any input file is read so that a bad name or path is the first thing the user hears.
 *
 * @param provider the oracle
 * @param options  what it needs (the timeloop-model executable for {@code timeloop})
 */
record OracleChoice(CostOracleProvider provider, OracleOptions options) {
    /** The environment variable that gives timeloop-model's path when {@code --timeloop} does not. */
    static final String ENV = "MAPWRIGHT_TIMELOOP";

    /**
     * @param name     the oracle's name
     * @param timeloop the path {@code --timeloop} gives, or null
     * @param env      the environment
     * @param err      where a warning about an unused {@code --timeloop} goes
     */
    static OracleChoice of(String name, Path timeloop, Map<String, String> env, PrintWriter err) {
        CostOracleProvider p;
        try {
            p = CostOracles.byName(name);
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput("--oracle", e.getMessage());
        }
        if (!p.name().equals(TimeloopOracle.NAME)) {
            if (timeloop != null) {
                err.println("--timeloop: warning: Only --oracle timeloop runs timeloop-model; the " + p.name()
                        + " oracle does not, so --timeloop is ignored.");
            }
            return new OracleChoice(p, OracleOptions.DEFAULT);
        }
        Optional<Path> exe;
        if (timeloop != null) {
            exe = Optional.of(executable(timeloop, "--timeloop", ""));
        } else if (env.getOrDefault(ENV, "").isBlank()) {
            exe = Optional.empty();
        } else {
            exe = Optional.of(executable(Path.of(env.get(ENV)), ENV, "The environment variable " + ENV + " names "
                    + env.get(ENV) + ". "));
        }
        if (exe.isEmpty()) {
            throw MapInputs.badInput("--oracle", "The timeloop oracle needs the path of timeloop-model; give --timeloop "
                    + "PATH or set " + ENV + ".");
        }
        return new OracleChoice(p, OracleOptions.DEFAULT.withTimeloop(exe.get()));
    }

    private static Path executable(Path given, String where, String preface) {
        try {
            return TimeloopModel.executable(given);
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput(where, preface + e.getMessage());
        }
    }
}
