package org.mapwright.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.mapwright.exec.Engine;
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
            return SparkEngine.start(conf);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Spark could not start on master " + conf.get("spark.master") + ": "
                    + firstLine(e) + ". Check the master URL and that the cluster is up.", e);
        }
    }

    /** The Spark configuration of {@code options}. */
    static SparkConf conf(EngineOptions options) {
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
        for (Map.Entry<String, String> e : options.conf().entrySet()) {
            if (!e.getKey().startsWith("spark.")) {
                throw new IllegalArgumentException("`" + e.getKey() + "` is not a Spark setting; give keys such as "
                        + "spark.executor.memory=2g.");
            }
            conf.set(e.getKey(), e.getValue());
        }
        return conf;
    }

    private static void validate(String master) {
        boolean ok = master.matches("local(\\[(\\*|[1-9][0-9]*)(,[0-9]+)?\\])?")
                || master.matches("spark://[^\\s/]+(:[0-9]+)?(,[^\\s/]+(:[0-9]+)?)*")
                || master.equals("yarn") || master.startsWith("k8s://");
        if (!ok) {
            throw new IllegalArgumentException("`" + master + "` is not a Spark master; give local[*], local[N], "
                    + "spark://HOST:PORT, yarn or k8s://URL.");
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
