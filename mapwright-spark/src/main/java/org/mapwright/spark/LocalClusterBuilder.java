package org.mapwright.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Settings of a {@link LocalCluster}; the defaults suit a two-core machine shared with other work. */
public final class LocalClusterBuilder {
    int workers = 2;
    int workerCores = 1;
    String workerMemory = "1g";
    String executorMemory = "512m";
    Duration startTimeout = Duration.ofSeconds(60);
    List<Path> classpath = currentClasspath();
    List<Path> executorClasspath = jars(classpath);
    boolean keepFiles;

    LocalClusterBuilder() {
    }

    /** Number of Worker JVMs, at least 1. */
    public LocalClusterBuilder workers(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("A local Spark cluster needs at least one worker, not " + n + ".");
        }
        this.workers = n;
        return this;
    }

    /** Cores each Worker offers, and so the cores of its one executor under {@link LocalCluster#appConf}. */
    public LocalClusterBuilder workerCores(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("A worker needs at least one core, not " + n + ".");
        }
        this.workerCores = n;
        return this;
    }

    /** Memory each Worker offers to executors (Spark syntax, e.g. {@code 1g}); not its own heap. */
    public LocalClusterBuilder workerMemory(String memory) {
        this.workerMemory = memory;
        return this;
    }

    /** {@code spark.executor.memory} in {@link LocalCluster#appConf}; Spark refuses less than about 450m. */
    public LocalClusterBuilder executorMemory(String memory) {
        this.executorMemory = memory;
        return this;
    }

    /** Bound on each start-up wait: the master, then all workers registered. */
    public LocalClusterBuilder startTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return this;
    }

    /**
     * The class path of the master and workers, and (its jars) of the executors; by default this JVM's, with the
     * {@code Class-Path} of a jar run by {@code java -jar} spelled out.
     */
    public LocalClusterBuilder classpath(List<Path> entries) {
        this.classpath = List.copyOf(entries);
        this.executorClasspath = jars(this.classpath);
        return this;
    }

    /** The executors' classpath; by default the {@code .jar} entries of this JVM's classpath, in order. */
    public LocalClusterBuilder executorClasspath(List<Path> entries) {
        this.executorClasspath = List.copyOf(entries);
        return this;
    }

    /** Keeps the cluster's directory (logs, executor work dirs) after {@link LocalCluster#close()}. */
    public LocalClusterBuilder keepFiles(boolean keep) {
        this.keepFiles = keep;
        return this;
    }

    /** Starts the cluster and returns once the master counts every worker as alive. */
    public LocalCluster start() {
        ClusterHome home;
        try {
            home = ClusterHome.create();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare a directory for the local Spark cluster under "
                    + System.getProperty("java.io.tmpdir") + "; check that it is writable.", e);
        }
        return LocalCluster.launch(copy(), home);
    }

    /** A running cluster keeps its own copy, so that later changes to this builder do not reach it. */
    private LocalClusterBuilder copy() {
        LocalClusterBuilder c = new LocalClusterBuilder();
        c.workers = workers;
        c.workerCores = workerCores;
        c.workerMemory = workerMemory;
        c.executorMemory = executorMemory;
        c.startTimeout = startTimeout;
        c.classpath = classpath;
        c.executorClasspath = executorClasspath;
        c.keepFiles = keepFiles;
        return c;
    }

    private static List<Path> jars(List<Path> entries) {
        return entries.stream().filter(e -> e.toString().endsWith(".jar")).collect(Collectors.toList());
    }

    /**
     * This JVM's class path. Under {@code java -jar} that is one jar whose manifest lists the others; they are
     * listed here too (relative to the jar's folder), since a daemon started with {@code -cp} does not read it.
     */
    static List<Path> currentClasspath() {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator))) {
            if (e.isEmpty()) {
                continue;
            }
            // absolute: the daemons and executors run in other folders
            Path p = Path.of(e).toAbsolutePath().normalize();
            out.add(p);
            if (e.endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    Manifest m = jar.getManifest();
                    String cp = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                    if (cp != null) {
                        for (String rel : cp.trim().split("\\s+")) {
                            out.add(p.getParent().resolve(rel).normalize());
                        }
                    }
                } catch (IOException ex) {
                    throw new UncheckedIOException("Cannot read the manifest of " + p + ".", ex);
                }
            }
        }
        return out;
    }
}
