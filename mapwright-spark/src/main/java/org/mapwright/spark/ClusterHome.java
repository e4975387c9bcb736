package org.mapwright.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mapwright.files.Trees;

/**
 * The throw-away {@code SPARK_HOME} of a {@link LocalCluster}: {@code jars/} (empty, but Spark's launcher requires
 * it), {@code conf/} (logging and daemon settings; executors get it on their classpath), {@code logs/} (one file per
 * daemon) and {@code work/} (the workers' work directories, with each executor's stdout and stderr).
 */
final class ClusterHome {
    private static final int TAIL_LINES = 15;
    private static final int MAX_LOG_LINE = 400;

    /** WARN everywhere except the few INFO lines of the deploy package that tell what the daemons did. */
    private static final String LOG4J2 = String.join("\n",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.console.ref = console",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.target = SYSTEM_ERR",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex",
            "logger.deploy.name = org.apache.spark.deploy",
            "logger.deploy.level = info",
            "");

    private final Path dir;

    private ClusterHome(Path dir) {
        this.dir = dir;
    }

    static ClusterHome create() throws IOException {
        ClusterHome home = new ClusterHome(Files.createTempDirectory("mapwright-spark-"));
        for (String sub : List.of("jars", "conf", "logs", "work")) {
            Files.createDirectories(home.dir.resolve(sub));
        }
        Files.writeString(home.log4j2(), LOG4J2);
        return home;
    }

    Path dir() {
        return dir;
    }

    Path conf() {
        return dir.resolve("conf");
    }

    Path log4j2() {
        return conf().resolve("log4j2.properties");
    }

    Path log(String daemon) {
        return dir.resolve("logs").resolve(daemon + ".log");
    }

    Path workDir(int worker) throws IOException {
        return Files.createDirectories(dir.resolve("work").resolve("worker-" + worker));
    }

    /** Writes a Spark properties file into {@code conf/} and returns it. */
    Path properties(String name, String text) throws IOException {
        return Files.writeString(conf().resolve(name), text);
    }

    /** Every log file with its last lines, for failure messages. */
    String describeLogs() {
        StringBuilder out = new StringBuilder("the logs under " + dir + ":");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(ClusterHome::isLog).sorted().collect(Collectors.toList())) {
                out.append("\n--- ").append(f).append(" (last lines) ---\n").append(tail(f));
            }
        } catch (IOException | UncheckedIOException e) {
            out.append("\n(could not list them: ").append(e.getMessage()).append(')');
        }
        return out.toString();
    }

    void delete() {
        try {
            Trees.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the local Spark cluster's directory " + dir
                    + "; delete it by hand.", e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("Could not delete the local Spark cluster's directory " + dir
                    + "; delete it by hand.", e.getCause());
        }
    }

    private static boolean isLog(Path f) {
        String name = f.getFileName().toString();
        return Files.isRegularFile(f) && (name.endsWith(".log") || name.equals("stderr") || name.equals("stdout"));
    }

    private static String tail(Path f) {
        try {
            List<String> all = Files.readAllLines(f, StandardCharsets.UTF_8);
            // An executor's stderr starts with its whole command line: tens of kilobytes of classpath.
            return all.subList(Math.max(0, all.size() - TAIL_LINES), all.size()).stream()
                    .map(l -> l.length() <= MAX_LOG_LINE ? l : l.substring(0, MAX_LOG_LINE) + " [...]")
                    .collect(Collectors.joining("\n"));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
