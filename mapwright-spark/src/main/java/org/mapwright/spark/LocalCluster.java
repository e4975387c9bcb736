package org.mapwright.spark;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A real Apache Spark standalone cluster on 127.0.0.1, for tests and for trying the cluster engine on one machine: one Master and {@code n} Workers, each its own JVM
 * started with the current {@code java} binary, so that losing a worker is a real process death and not a thread
 * that stops.
 *
 * <p>Executors are launched by the Workers, which build their command line from {@code SPARK_HOME} (Spark's
 * launcher insists on a {@code $SPARK_HOME/jars} directory). The cluster therefore makes a throw-away
 * {@code SPARK_HOME} with an empty {@code jars/} and hands the executor classpath to the launcher through
 * {@code SPARK_DIST_CLASSPATH}, the hook Spark documents for its "Hadoop free" build. By default that classpath is
 * the {@code .jar} entries of this JVM's classpath, in order, without its class directories: the application's own
 * classes reach executors only the way they reach a real cluster, through {@code spark.jars}.
 *
 * <p>Every wait is bounded. {@link #close()} kills every process the cluster started, the executors the Workers
 * started too, and deletes the cluster's directory. Logs are files in {@link #home()}{@code /logs} (daemons) and
 * {@code /work} (executors); a start-up failure keeps them and names them in its message.
 */
public final class LocalCluster implements AutoCloseable {
    private static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";
    private static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";
    private static final String LOOPBACK = "127.0.0.1";
    private static final String DAEMON_HEAP = "256m";
    private static final int MASTER_ATTEMPTS = 3;
    private static final Duration KILL_WAIT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Pattern EXECUTOR_ID = Pattern.compile("--executor-id\\s+(\\S+)");

    /**
     * Read by both kinds of daemon. The worker heartbeat is a quarter of {@code spark.worker.timeout}, so both must
     * agree on it; the REST submission server would take the fixed port 6066, and nothing here submits through it.
     */
    private static final String DAEMON_PROPERTIES = "spark.worker.timeout=10\nspark.master.rest.enabled=false\n";

    private final ClusterHome home;
    private final LocalClusterBuilder settings;
    private final List<Process> workers = new ArrayList<>();
    private final Set<Integer> killed = new HashSet<>();
    private final Thread shutdownHook = new Thread(this::killAll, "mapwright-spark-local-cluster-reaper");
    private Process master;
    private String masterUrl;
    private URI masterJson;
    private boolean closed;

    private LocalCluster(LocalClusterBuilder settings, ClusterHome home) {
        this.settings = settings;
        this.home = home;
    }

    /** Starts a cluster of {@code workers} workers with the other defaults of {@link LocalClusterBuilder}. */
    public static LocalCluster start(int workers) {
        return builder().workers(workers).start();
    }

    /** Settings for a cluster; {@link LocalClusterBuilder#start()} starts it. */
    public static LocalClusterBuilder builder() {
        return new LocalClusterBuilder();
    }

    /** The URL drivers connect to, {@code spark://127.0.0.1:<port>}. */
    public String masterUrl() {
        return masterUrl;
    }

    /** The Master's JSON status page, e.g. for checking what it knows about workers and applications. */
    public URI masterJson() {
        return masterJson;
    }

    /** The directory of this cluster: {@code SPARK_HOME}, with {@code logs/} and the workers' {@code work/}. */
    public Path home() {
        return home.dir();
    }

    /** The process ids of the workers, in start order; a killed worker keeps its place. */
    public List<Long> workerPids() {
        return workers.stream().map(Process::pid).collect(Collectors.toList());
    }

    /**
     * A {@link SparkConf} for a driver in this JVM: this master, loopback addresses, no driver UI, one small
     * executor per worker, and a scheduler that waits (bounded) for all of them before running the first job.
     * Callers add {@code spark.jars} for their own classes. Spark itself adds its JVM module options to the
     * executors' command line ({@code SparkContext} prepends them to {@code spark.executor.extraJavaOptions}).
     */
    public SparkConf appConf(String appName) {
        return new SparkConf()
                .setMaster(masterUrl)
                .setAppName(appName)
                .set("spark.driver.host", LOOPBACK)
                .set("spark.driver.bindAddress", LOOPBACK)
                .set("spark.ui.enabled", "false")
                .set("spark.executor.cores", Integer.toString(settings.workerCores))
                .set("spark.executor.memory", settings.executorMemory)
                .set("spark.cores.max", Integer.toString(settings.workers * settings.workerCores))
                .set("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .set("spark.scheduler.maxRegisteredResourcesWaitingTime", settings.startTimeout.toSeconds() + "s")
                // A killed executor is noticed at once through its closed connection; these bound the silent
                // cases (a hung JVM) to seconds instead of Spark's default two minutes.
                .set("spark.executor.heartbeatInterval", "2s")
                .set("spark.network.timeout", "20s")
                // How often the driver checks for that timeout; Spark requires it not to exceed the timeout.
                .set("spark.network.timeoutInterval", "5s");
    }

    /**
     * The ids of the executors that worker {@code i} runs now, read from their command lines
     * ({@code --executor-id}); empty when it runs none or was killed.
     */
    public List<String> executorIds(int i) {
        return workerProcess(i).descendants()
                .map(ProcessTrees::commandLine)
                .map(EXECUTOR_ID::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .collect(Collectors.toList());
    }

    /**
     * Kills worker {@code i} and the executors it started with SIGKILL, as when a machine is lost, and waits until
     * they are gone. The executors are listed before the worker dies, because an orphan is no longer its descendant.
     */
    public void killWorker(int i) {
        ProcessHandle worker = workerProcess(i);
        if (!worker.isAlive()) {
            throw new IllegalStateException("Worker " + i + " (pid " + worker.pid() + ") is not running;"
                    + " kill each worker at most once.");
        }
        killed.add(i);
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(worker);
        worker.descendants().forEach(tree::add);
        List<ProcessHandle> survivors = ProcessTrees.kill(tree, KILL_WAIT);
        if (!survivors.isEmpty()) {
            throw new IllegalStateException("Worker " + i + " or its executors did not die within "
                    + KILL_WAIT.toSeconds() + " s after SIGKILL (pids " + ProcessTrees.pids(survivors)
                    + "); check them with ps.");
        }
    }

    /** How many workers the Master counts as alive now. */
    public int aliveWorkers() {
        String page = MasterStatus.fetch(masterJson).orElseThrow(() -> new IllegalStateException(
                "The Spark master's status page " + masterJson + " did not answer; is the master still running?"));
        return MasterStatus.aliveWorkers(page).orElseThrow(() -> new IllegalStateException(
                "The Spark master's status page " + masterJson + " has no aliveworkers field; is it a Spark 4"
                        + " master?"));
    }

    /**
     * Waits until the Master counts exactly {@code expected} alive workers, e.g. after {@link #killWorker}.
     * The Master hears of a killed worker at once through the closed connection, or after
     * {@code spark.worker.timeout} (10 s here) when the connection hangs instead.
     */
    public void awaitAliveWorkers(int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = -1;
        while (System.nanoTime() < deadline) {
            checkDaemonsAlive();
            seen = MasterStatus.aliveWorkers(MasterStatus.fetch(masterJson).orElse("")).orElse(-1);
            if (seen == expected) {
                return;
            }
            pause();
        }
        throw new IllegalStateException("The Spark master did not count " + expected + " alive workers within "
                + timeout.toSeconds() + " s (last count: " + seen + "); see " + home.describeLogs());
    }

    /**
     * Every process of this cluster that is alive now: the daemons, what they started, and any orphaned Spark JVM
     * whose command line names this cluster's directory (an executor whose worker died). Only Spark JVMs count, so
     * that closing the cluster never kills, say, a {@code tail -f} of one of its logs.
     */
    public List<ProcessHandle> processes() {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        Stream.concat(Stream.ofNullable(master), workers.stream())
                .map(Process::toHandle)
                .forEach(h -> {
                    all.add(h);
                    h.descendants().forEach(all::add);
                });
        String marker = home.dir().toString();
        ProcessHandle.allProcesses()
                .filter(p -> {
                    String commandLine = ProcessTrees.commandLine(p);
                    return commandLine.contains(marker) && commandLine.contains(" org.apache.spark.");
                })
                .forEach(all::add);
        all.remove(ProcessHandle.current());
        return all.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList());
    }

    /** The log files of this cluster, each with its last lines, for failure messages. */
    public String describeLogs() {
        return home.describeLogs();
    }

    /**
     * Kills every process of this cluster with SIGKILL, waits (bounded) until they are gone, and deletes the
     * cluster's directory. A graceful stop would only make Spark's daemons spend seconds stopping executors that
     * are killed anyway, and nothing they write is kept.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        removeShutdownHook();
        List<ProcessHandle> survivors = killAll();
        if (!survivors.isEmpty()) {
            throw new IllegalStateException("Spark processes " + ProcessTrees.pids(survivors) + " were still alive "
                    + KILL_WAIT.toSeconds() + " s after SIGKILL; their files are left in " + home.dir() + ".");
        }
        if (!settings.keepFiles) {
            home.delete();
        }
    }

    /** Starts the daemons of a new cluster in {@code home}; on any failure stops what started and says why. */
    static LocalCluster launch(LocalClusterBuilder settings, ClusterHome home) {
        return new LocalCluster(settings, home).launch();
    }

    private LocalCluster launch() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            startMaster();
            Path props = home.properties("worker.properties", DAEMON_PROPERTIES);
            for (int i = 0; i < settings.workers; i++) {
                workers.add(startWorker(i, props));
            }
            awaitAliveWorkers(settings.workers, settings.startTimeout);
            return this;
        } catch (RuntimeException | IOException e) {
            closed = true;
            removeShutdownHook();
            killAll();
            String why = String.valueOf(e.getMessage());
            throw new IllegalStateException("The local Spark cluster did not start: " + why
                    + (why.contains(home.dir().toString()) ? "" : "\nSee " + home.describeLogs()), e);
        }
    }

    /**
     * Starts the Master on ports that were free a moment ago. Spark would silently move to the next port when one
     * was taken meanwhile ({@code spark.port.maxRetries}); that is set to 0 so that such a race ends the Master,
     * and it is started again on new ports.
     */
    private void startMaster() throws IOException {
        Path props = home.properties("master.properties", DAEMON_PROPERTIES + "spark.port.maxRetries=0\n");
        for (int attempt = 1; attempt <= MASTER_ATTEMPTS; attempt++) {
            int port = freePort();
            int webUi = freePort();
            master = startDaemon(List.of(MASTER_CLASS, "--host", LOOPBACK, "--port", Integer.toString(port),
                    "--webui-port", Integer.toString(webUi), "--properties-file", props.toString()),
                    home.log("master-" + attempt));
            masterUrl = "spark://" + LOOPBACK + ":" + port;
            masterJson = URI.create("http://" + LOOPBACK + ":" + webUi + "/json/");
            if (awaitMasterAlive()) {
                return;
            }
        }
        throw new IllegalStateException("The Spark master exited " + MASTER_ATTEMPTS + " times during start-up.");
    }

    /** True once the Master reports ALIVE, false if it exited (e.g. its port was taken). */
    private boolean awaitMasterAlive() {
        long deadline = System.nanoTime() + settings.startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                return false;
            }
            if (MasterStatus.isAlive(MasterStatus.fetch(masterJson).orElse(""))) {
                return true;
            }
            pause();
        }
        throw new IllegalStateException("The Spark master did not report ALIVE at " + masterJson + " within "
                + settings.startTimeout.toSeconds() + " s.");
    }

    /** Workers take any free port (0) for RPC and UI: nothing here needs to know them. */
    private Process startWorker(int i, Path props) throws IOException {
        return startDaemon(List.of(WORKER_CLASS, "--host", LOOPBACK, "--port", "0", "--webui-port", "0",
                "--cores", Integer.toString(settings.workerCores), "--memory", settings.workerMemory,
                "--work-dir", home.workDir(i).toString(), "--properties-file", props.toString(), masterUrl),
                home.log("worker-" + i));
    }

    private Process startDaemon(List<String> mainAndArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>(daemonJvm());
        command.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Settings of some Spark install on this machine must not leak into the cluster.
        pb.environment().keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("PYSPARK_"));
        pb.environment().putAll(environment());
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    /**
     * {@code java}, a small heap, Spark's own module options (read from spark-launcher, not copied) and logging.
     * The daemons only pass messages: C1 alone and the serial collector cut the start of a master and two workers
     * on two shared cores from about 9 s to about 4 s, and leave the cores to the executors.
     */
    private List<String> daemonJvm() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + DAEMON_HEAP);
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        cmd.add("-Dlog4j2.configurationFile=" + home.log4j2().toUri());
        cmd.add("-cp");
        cmd.add(settings.classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        return cmd;
    }

    /**
     * The daemons' environment, which the Workers pass on to executors. {@code JAVA_HOME} is set because the
     * executor launcher prefers it to the running JVM; {@code SPARK_LOCAL_IP} keeps every executor on loopback.
     * {@code SPARK_SCALA_VERSION} is what Spark's scripts set in a distribution: without it the launcher looks for
     * a source build ({@code launcher/target/scala-2.13}) and fails with "Cannot find any build directories".
     */
    private Map<String, String> environment() {
        String scalaVersion = scala.util.Properties.versionNumberString().replaceAll("^(\\d+\\.\\d+).*", "$1");
        return Map.of(
                "SPARK_HOME", home.dir().toString(),
                "SPARK_CONF_DIR", home.conf().toString(),
                "SPARK_SCALA_VERSION", scalaVersion,
                "SPARK_DIST_CLASSPATH", settings.executorClasspath.stream().map(Path::toString)
                        .collect(Collectors.joining(File.pathSeparator)),
                "SPARK_LOCAL_IP", LOOPBACK,
                "JAVA_HOME", System.getProperty("java.home"));
    }

    private List<ProcessHandle> killAll() {
        return ProcessTrees.kill(processes(), KILL_WAIT);
    }

    private ProcessHandle workerProcess(int i) {
        if (i < 0 || i >= workers.size()) {
            throw new IllegalArgumentException("There is no worker " + i + "; this cluster has workers 0 to "
                    + (workers.size() - 1) + ".");
        }
        return workers.get(i).toHandle();
    }

    /** A daemon that died on its own (not by {@link #killWorker}) is a failure to report now, not after a timeout. */
    private void checkDaemonsAlive() {
        if (!master.isAlive()) {
            throw new IllegalStateException("The Spark master (pid " + master.pid() + ") exited with code "
                    + master.exitValue() + "; see " + home.describeLogs());
        }
        for (int i = 0; i < workers.size(); i++) {
            Process w = workers.get(i);
            if (!killed.contains(i) && !w.isAlive()) {
                throw new IllegalStateException("Spark worker " + i + " (pid " + w.pid() + ") exited with code "
                        + w.exitValue() + "; see " + home.describeLogs());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs or has run.
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the local Spark cluster.", e);
        }
    }
}
