package org.mapwright.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a job's items on threads of this process, one item per task, through the same {@link Workers} a cluster's
 * processes use. Closing it forgets the workers of the jobs it ran.
 */
public final class LocalEngine implements Engine {
    private final int threads;
    private final ExecutorService pool;
    private final Set<String> jobs = new HashSet<>();

    public LocalEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Give at least one thread, got " + threads + ".");
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mapwright-task");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String description() {
        return "local, " + threads + (threads == 1 ? " thread" : " threads");
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public List<byte[]> run(Job job, List<byte[]> items) {
        synchronized (jobs) {
            jobs.add(job.id());
        }
        Worker w = Workers.of(job);
        List<byte[]> out = new ArrayList<>(items.size());
        if (pool == null || items.size() <= 1) {
            for (byte[] item : items) {
                out.add(w.apply(item));
            }
            return out;
        }
        List<Future<byte[]>> futures = new ArrayList<>(items.size());
        for (byte[] item : items) {
            futures.add(pool.submit(() -> w.apply(item)));
        }
        try {
            for (Future<byte[]> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + job.kind() + " tasks.", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("A " + job.kind() + " task failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        synchronized (jobs) {
            jobs.forEach(Workers::release);
            jobs.clear();
        }
    }
}
