package org.mapwright.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.mapwright.exec.Engine;
import org.mapwright.exec.EngineException;
import org.mapwright.exec.Job;
import org.mapwright.exec.Workers;
import scala.Tuple2;

/**
 * Runs jobs on Apache Spark. A job's context is broadcast once (and kept while the engine is open, so that every
 * generation of a search reuses it and each executor builds its worker once); a job's items become one partition
 * each, so that a lost executor costs only its own tasks, which Spark runs again elsewhere; the results are
 * collected in the items' order. Tasks are pure functions of the context and the item, so a task run twice gives
 * the same result.
 */
public final class SparkEngine implements Engine {
    private final JavaSparkContext spark;
    private final boolean owned;
    /** Seconds a job waits for a first executor on a cluster before it is cancelled. */
    public static final long EXECUTOR_WAIT_SECONDS = 120;
    /** The Spark setting that changes {@link #EXECUTOR_WAIT_SECONDS}. */
    public static final String EXECUTOR_WAIT_KEY = "spark.mapwright.executorWaitSeconds";

    private final Map<String, Broadcast<byte[]>> broadcasts = new HashMap<>();
    private volatile boolean starved;

    /** Runs on an existing context (which closing the engine leaves open). */
    public SparkEngine(JavaSparkContext spark) {
        this(spark, false);
    }

    private SparkEngine(JavaSparkContext spark, boolean owned) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.owned = owned;
    }

    /** Starts a context with {@code conf} and runs on it; closing the engine stops it. */
    public static SparkEngine start(SparkConf conf) {
        return new SparkEngine(new JavaSparkContext(conf), true);
    }

    /** The context the engine runs on. */
    public JavaSparkContext context() {
        return spark;
    }

    @Override
    public String description() {
        return "spark " + spark.master() + " (" + spark.defaultParallelism() + " task slots)";
    }

    @Override
    public int parallelism() {
        return Math.max(1, spark.defaultParallelism());
    }

    @Override
    public List<byte[]> run(Job job, List<byte[]> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        String kind = job.kind();
        String id = job.id();
        List<Tuple2<Integer, byte[]>> done;
        try {
            Broadcast<byte[]> context;
            synchronized (broadcasts) {
                context = broadcasts.computeIfAbsent(job.id(), k -> spark.broadcast(job.context()));
            }
            List<Tuple2<Integer, byte[]>> indexed = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                indexed.add(new Tuple2<>(i, items.get(i)));
            }
            spark.setJobDescription(kind + ": " + items.size() + " tasks");
            // local masters run tasks in the driver: nothing to wait for
            Thread watchdog = spark.isLocal() ? null : watchdog();
            try {
                done = spark.parallelize(indexed, items.size())
                        .map(t -> new Tuple2<>(t._1(), Workers.of(kind, id, context::value).apply(t._2())))
                        .collect();
            } finally {
                if (watchdog != null) {
                    watchdog.interrupt();
                }
            }
        } catch (Exception e) {
            // Spark's job failures are SparkExceptions, checked in Java's terms though Scala does not declare them
            throw failed(kind, e);
        }
        byte[][] out = new byte[items.size()][];
        for (Tuple2<Integer, byte[]> t : done) {
            out[t._1()] = t._2();
        }
        List<byte[]> results = new ArrayList<>(out.length);
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                throw new IllegalStateException("Spark returned no result for task " + i + " of " + kind + ".");
            }
            results.add(out[i]);
        }
        return results;
    }

    /**
     * On a cluster, a job waits for executors as long as none has joined, which with a master that has no free
     * worker would be for ever: this thread cancels the job when no executor has joined for
     * {@value #EXECUTOR_WAIT_KEY} seconds (default {@value #EXECUTOR_WAIT_SECONDS}).
     */
    private Thread watchdog() {
        long limit = spark.getConf().getLong(EXECUTOR_WAIT_KEY, EXECUTOR_WAIT_SECONDS);
        Thread t = new Thread(() -> {
            long since = System.nanoTime();
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    // the count includes the driver
                    if (spark.statusTracker().getExecutorInfos().length > 1) {
                        since = System.nanoTime();
                    } else if (System.nanoTime() - since > limit * 1_000_000_000L) {
                        starved = true;
                        spark.cancelAllJobs();
                        return;
                    }
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                // the job ended
            }
        }, "mapwright-spark-watchdog");
        t.setDaemon(true);
        starved = false;
        t.start();
        return t;
    }

    /** A job that Spark could not run, as a message that says what to check. */
    private EngineException failed(String kind, Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        String first = m.lines().findFirst().orElse(m);
        String hint;
        if (starved) {
            return new EngineException("No Spark executor joined " + spark.master() + " within "
                    + spark.getConf().getLong(EXECUTOR_WAIT_KEY, EXECUTOR_WAIT_SECONDS) + " s, so the " + kind
                    + " tasks could not run. Check that the cluster has live workers with enough free memory and "
                    + "cores for spark.executor.memory and spark.executor.cores (or raise " + EXECUTOR_WAIT_KEY
                    + ").", e);
        }
        if (m.contains("SerializedLambda") || m.contains("ClassNotFound") || m.contains("No task kind")) {
            hint = " The executors do not have Mapwright's classes: give them mapwright-spark.jar and its lib/ "
                    + "(spark-submit with --jars does; otherwise set spark.jars).";
        } else if (m.contains("stopped SparkContext") || spark.sc().isStopped()) {
            hint = " Spark stopped the application: is the master up and reachable from here, and does it have "
                    + "workers with enough memory and cores for spark.executor.memory and spark.executor.cores?";
        } else {
            hint = " See the executors' logs (stderr in each worker's work folder).";
        }
        return new EngineException("Spark could not run the " + kind + " tasks on " + spark.master() + ": " + first
                + (first.endsWith(".") ? "" : ".") + hint, e);
    }

    @Override
    public void close() {
        synchronized (broadcasts) {
            for (Broadcast<byte[]> b : broadcasts.values()) {
                b.destroy();
            }
            broadcasts.clear();
        }
        if (owned) {
            spark.stop();
        }
    }
}
