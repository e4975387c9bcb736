package org.mapwright.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Killing processes with a bounded wait, and reading their whole command lines. */
final class ProcessTrees {
    private ProcessTrees() {
    }

    /**
     * Sends SIGKILL to every process, waits until all are gone or {@code wait} has passed, and returns the ones
     * still alive then.
     */
    static List<ProcessHandle> kill(List<ProcessHandle> handles, Duration wait) {
        handles.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + wait.toNanos();
        for (ProcessHandle h : handles) {
            try {
                h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return handles.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList());
    }

    /**
     * The whole command line of a process, arguments separated by spaces, or "" when it cannot be read. On Linux
     * the JDK reads at most 4096 bytes of {@code /proc/<pid>/cmdline} and then reports no arguments at all, while
     * an executor's command line (its classpath) is several times longer; so that file is read here directly.
     */
    static String commandLine(ProcessHandle p) {
        Path proc = Path.of("/proc", Long.toString(p.pid()), "cmdline");
        try {
            return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | UncheckedIOException e) {
            return p.info().commandLine().orElse("");
        }
    }

    static String pids(List<ProcessHandle> handles) {
        return handles.stream().map(h -> Long.toString(h.pid())).collect(Collectors.joining(", "));
    }
}
