package org.mapwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.spark.AppJar;
import org.mapwright.spark.LocalCluster;

/**
 * A real Spark standalone cluster on this machine (a master and two workers, each its own JVM): search-arch runs on
 * it through the command line, one worker is killed by its process id while its executor runs a task, Spark runs
 * the lost tasks again on the other worker, and the search ends with the answer of the in-process run. Everything
 * the test starts it stops.
 */
class ClusterFaultTest {

    /** ResNet-50 on the tiny space: tasks of a fraction of a second, so that the kill finds one running. */
    static String[] search(String... more) {
        List<String> a = new ArrayList<>(List.of(TinySearch.args("--workload", "resnet50", "--budget-archs", "32",
                "--inner-budget-evals", "600", "--final-top", "1", "--final-budget-evals", "300")));
        a.remove(1); // the tiny network's file: resnet50 is built in
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /**
     * Tasks running per executor, lost tasks, executors removed; Spark makes it ({@code spark.extraListeners}) when
     * the command starts its context.
     */
    public static final class Watch extends SparkListener {
        static volatile Watch current;
        final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        final AtomicInteger lost = new AtomicInteger();
        final AtomicInteger removed = new AtomicInteger();

        public Watch() {
            current = this;
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart e) {
            running.computeIfAbsent(e.taskInfo().executorId(), k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd e) {
            running.computeIfAbsent(e.taskInfo().executorId(), k -> new AtomicInteger()).decrementAndGet();
            if (!e.taskInfo().successful()) {
                lost.incrementAndGet();
            }
        }

        @Override
        public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
            removed.incrementAndGet();
        }
    }

    /** The Mapwright class folders on this JVM's class path (not the tests'), packed as jars for spark.jars. */
    static String appJars(Path dir) {
        List<String> jars = new ArrayList<>();
        for (Class<?> anchor : List.of(org.mapwright.spark.SparkEngine.class, Main.class)) {
            Path from = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().getPath());
            if (Files.isDirectory(from)) {
                jars.add(AppJar.of(anchor, dir.resolve(anchor.getSimpleName() + ".jar")).toUri().toString());
            }
        }
        return String.join(",", jars);
    }

    @Test
    @Timeout(240)
    void aSearchOnAStandaloneClusterSurvivesLosingAWorker(@TempDir Path dir) throws Exception {
        TinySearch.Run local = TinySearch.ok(search());
        ExecutorService driver = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cluster-driver");
            t.setDaemon(true);
            return t;
        });
        LocalCluster cluster = LocalCluster.start(2);
        List<ProcessHandle> started;
        try (cluster) {
            List<String> conf = new ArrayList<>(List.of("--engine", "spark", "--master", cluster.masterUrl()));
            for (scala.Tuple2<String, String> kv : cluster.appConf("mapwright").getAll()) {
                if (!kv._1().equals("spark.master") && !kv._1().equals("spark.app.name")) {
                    conf.add("--engine-conf");
                    conf.add(kv._1() + "=" + kv._2());
                }
            }
            String jars = appJars(dir);
            if (!jars.isEmpty()) {
                conf.add("--engine-conf");
                conf.add("spark.jars=" + jars);
            }
            conf.add("--engine-conf");
            conf.add("spark.extraListeners=" + Watch.class.getName());
            Watch.current = null;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String[] args = search(conf.toArray(String[]::new));
            Future<Integer> run = driver.submit(() -> Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)));

            Watch watch = awaitWatch(run, err);
            // once a generation is done and the next one's tasks run, kill the worker that runs one of them
            int victim = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (victim < 0 && System.nanoTime() < deadline && !run.isDone()) {
                if (err.toString(StandardCharsets.UTF_8).contains("generation 1:")) {
                    for (int w = 0; w < 2 && victim < 0; w++) {
                        for (String id : cluster.executorIds(w)) {
                            if (watch.running.getOrDefault(id, new AtomicInteger()).get() > 0) {
                                victim = w;
                            }
                        }
                    }
                }
                Thread.sleep(20);
            }
            assertTrue(victim >= 0, "no worker ran a task after the first generation:\n" + err);
            long killedPid = cluster.workerPids().get(victim);
            cluster.killWorker(victim);
            assertFalse(ProcessHandle.of(killedPid).map(ProcessHandle::isAlive).orElse(false));

            int code = run.get(180, TimeUnit.SECONDS);
            String e = err.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, e);
            cluster.awaitAliveWorkers(1, Duration.ofSeconds(30));
            assertTrue(watch.removed.get() >= 1, "Spark saw no executor leave:\n" + e);
            assertTrue(watch.lost.get() >= 1, "no task was lost with the killed worker, so it was not in use:\n" + e);

            var spark = MapCommandTest.JSON.readTree(out.toString(StandardCharsets.UTF_8));
            assertEquals(TinySearch.comparable(local.json()), TinySearch.comparable(spark));
            assertEquals(32, spark.path("evaluated_archs").asInt());
            started = cluster.processes();
        } finally {
            driver.shutdownNow();
        }
        for (ProcessHandle p : started) {
            assertFalse(p.isAlive(), "pid " + p.pid() + " outlived the cluster");
        }
        assertTrue(cluster.processes().isEmpty(), "processes left: " + cluster.processes());
        assertFalse(Files.exists(cluster.home()), "the cluster's folder is deleted");
    }

    /** The listener of the context the command started (bounded wait; a command that fails first is reported). */
    private static Watch awaitWatch(Future<Integer> run, ByteArrayOutputStream err) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Watch w = Watch.current;
            if (w != null) {
                return w;
            }
            if (run.isDone()) {
                throw new AssertionError("the search ended (" + run.get() + ") before Spark started:\n"
                        + err.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no Spark context within 90 s:\n" + err.toString(StandardCharsets.UTF_8));
    }
}
