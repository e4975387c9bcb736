package org.mapwright.archsearch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Evaluates a population on {@code threads} local threads, one item per task. */
public final class LocalExecutor implements PopulationExecutor {
    private final int threads;

    public LocalExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Give at least one thread, got " + threads + ".");
        }
        this.threads = threads;
    }

    @Override
    public <T, R> List<R> map(List<T> items, Function<T, R> f) {
        if (threads == 1 || items.size() <= 1) {
            List<R> out = new ArrayList<>(items.size());
            for (T t : items) {
                out.add(f.apply(t));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), r -> {
            Thread t = new Thread(r, "archsearch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T t : items) {
                futures.add(pool.submit(() -> f.apply(t)));
            }
            List<R> out = new ArrayList<>(items.size());
            for (Future<R> fu : futures) {
                out.add(fu.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while evaluating a generation.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
