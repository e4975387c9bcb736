package org.mapwright.surrogate;

/**
 * DJL engine settings applied before the first model is made: the PyTorch engine, offline (its CPU native library
 * comes from the pinned Maven artifact on the class path; nothing is downloaded), one intra-op thread per search
 * thread unless the user set {@code ai.djl.pytorch.num_threads}, and DJL's own logging silenced.
 */
public final class Engines {
    private static boolean done;

    private Engines() {
    }

    /** Applies the settings once per JVM; call before the first DJL model or NDManager is made. */
    public static synchronized void configure() {
        if (done) {
            return;
        }
        done = true;
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.default_engine", "PyTorch");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** Training uses every core it is given. */
    static synchronized void configureForTraining(int threads) {
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
        configure();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
