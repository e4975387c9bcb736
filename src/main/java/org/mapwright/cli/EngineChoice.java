package org.mapwright.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mapwright.exec.Engine;
import org.mapwright.exec.EngineOptionException;
import org.mapwright.exec.EngineOptions;
import org.mapwright.exec.Engines;
import picocli.CommandLine.Option;

/**
 * The options that choose where a search's tasks run: {@code --engine local} (this process, the default) or an
 * engine another jar provides ({@code --engine spark} from mapwright-spark.jar), with its {@code --master} and
 * {@code --engine-conf} settings.
 */
final class EngineChoice {

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = Engines.LOCAL,
            description = "Where candidates are scored: local (this process, default) or spark (with "
                + "mapwright-spark.jar).")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "The Spark master with --engine spark: local[*] (default), local[N], spark://HOST:PORT, "
                + "yarn, k8s://URL.")
    String master;

    @Option(names = "--engine-conf", paramLabel = "KEY=VALUE",
            description = "An engine setting (a Spark configuration key with --engine spark); repeatable.")
    Map<String, String> conf = new LinkedHashMap<>();

    /**
     * The engine chosen, opened; empty for the local engine (the search then runs on its own threads, as it always
     * has). A bad choice is a located input error.
     */
    Optional<Engine> open(int threads) {
        if (engine.equals(Engines.LOCAL)) {
            if (master != null || !conf.isEmpty()) {
                throw MapInputs.badInput(master != null ? "--master" : "--engine-conf", "The local engine runs in this "
                        + "process and takes no master or settings; give --engine spark (with mapwright-spark.jar) "
                        + "to run on a cluster.");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(Engines.open(engine, new EngineOptions(threads, Optional.ofNullable(master), conf)));
        } catch (EngineOptionException e) {
            throw MapInputs.badInput(e.option(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw MapInputs.badInput("--engine", e.getMessage());
        }
    }
}
