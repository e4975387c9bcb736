package org.mapwright.spark;

import org.apache.spark.SparkConf;
import org.mapwright.exec.Engine;
import org.mapwright.exec.EngineException;
import org.mapwright.exec.EngineOptionException;
import org.mapwright.exec.EngineOptions;
import org.mapwright.exec.EngineProvider;

/**
 * {@code --engine spark}: opens a {@link SparkEngine} on {@code --master} (default {@code local[*]}; under
 * {@code spark-submit}, the master it was given), with {@code --engine-conf} settings on top of Mapwright's
 * defaults (no web UI unless asked for, one core per task).
 */
public final class SparkEngineProvider implements EngineProvider {
    /** The engine's name. */
    public static final String NAME = "spark";
    /** The master when none is given. */
    public static final String DEFAULT_MASTER = "local[*]";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Engine open(EngineOptions options) {
        // Netty reads this once, when its classes load; java -jar cannot set it from the manifest
        if (System.getProperty("io.netty.tryReflectionSetAccessible") == null) {
            System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        }
        SparkConf conf = conf(options);
        try {
            SparkEngine engine = SparkEngine.start(conf);
            // a standalone master that never answers ends the application while the context starts (after Spark's
            // three registration attempts of 20 s)
            if (engine.context().sc().isStopped()) {
                throw new EngineException("Spark could not register with master " + conf.get("spark.master")
                        + ": it did not answer. Check the master URL and that the master is up and reachable from "
                        + "here.", null);
            }
            return engine;
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineException("Spark could not start on master " + conf.get("spark.master") + ": "
                    + firstLine(e) + ". Check the master URL, the --engine-conf settings and that the cluster is up.", e);
        }
    }

    /** The Spark configuration of {@code options}, checked before Spark is touched. */
    static SparkConf conf(EngineOptions options) {
        options.master().ifPresent(SparkEngineProvider::validate);
        for (String key : options.conf().keySet()) {
            if (!key.startsWith("spark.")) {
                throw new EngineOptionException("--engine-conf", "`" + key + "` is not a Spark setting; give keys "
                        + "such as spark.executor.memory=2g.");
            }
        }
        // a spark-submit'ed driver finds its master and settings in system properties, which SparkConf reads
        SparkConf conf = new SparkConf(true).setAppName("mapwright");
        String master = options.master().orElse(conf.get("spark.master", DEFAULT_MASTER));
        validate(master);
        conf.setMaster(master);
        if (master.startsWith("local") || master.matches("spark://(127\\.0\\.0\\.1|localhost)(:[0-9]+)?")) {
            // everything on this machine: talk over loopback, whatever the host name resolves to
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        options.conf().forEach(conf::set);
        return conf;
    }

    private static void validate(String master) {
        boolean ok = master.matches("local(\\[(\\*|[1-9][0-9]*)(,[0-9]+)?\\])?")
                || master.matches("spark://[^\\s/]+(:[0-9]+)?(,[^\\s/]+(:[0-9]+)?)*")
                || master.equals("yarn") || master.startsWith("k8s://");
        if (!ok) {
            throw new EngineOptionException("--master", "`" + master + "` is not a Spark master; give local[*], local[N], "
                    + "spark://HOST:PORT, yarn or k8s://URL.");
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
