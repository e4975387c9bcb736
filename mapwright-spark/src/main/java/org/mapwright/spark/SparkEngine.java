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
    private final Map<String, Broadcast<byte[]>> broadcasts = new HashMap<>();

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
        Broadcast<byte[]> context;
        synchronized (broadcasts) {
            context = broadcasts.computeIfAbsent(job.id(), id -> spark.broadcast(job.context()));
        }
        List<Tuple2<Integer, byte[]>> indexed = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            indexed.add(new Tuple2<>(i, items.get(i)));
        }
        String kind = job.kind();
        String id = job.id();
        spark.setJobDescription(kind + ": " + items.size() + " tasks");
        List<Tuple2<Integer, byte[]>> done;
        try {
            done = spark.parallelize(indexed, items.size())
                    .map(t -> new Tuple2<>(t._1(), Workers.of(kind, id, context::value).apply(t._2())))
                    .collect();
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            String first = m.lines().findFirst().orElse(m);
            String hint = m.contains("SerializedLambda") || m.contains("ClassNotFound") || m.contains("No task kind")
                    ? " The executors do not have Mapwright's classes: give them mapwright-spark.jar and its lib/ "
                        + "(spark-submit does; otherwise set spark.jars)."
                    : " See the executors' logs (stderr in each worker's work folder).";
            throw new EngineException("Spark could not run the " + kind + " tasks on " + spark.master() + ": "
                    + first + "." + hint, e);
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
