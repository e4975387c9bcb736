package org.mapwright.search;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.mapwright.mapspace.MapPoint;

/**
 * The outcomes of an expensive oracle in one search, shared by its threads and keyed exactly by
 * {@link MapPoint#key()}: equal keys describe the same mapping, so a hit is never another mapping's cost. A point
 * that another thread is evaluating right now is waited for rather than evaluated twice. Unbounded, since an
 * expensive oracle makes few calls (a key is about a kilobyte, so 100,000 calls hold about 100 MB).
 */
final class SharedOutcomeCache {
    private final ConcurrentHashMap<MapPoint.Key, CompletableFuture<Outcome>> map = new ConcurrentHashMap<>();

    /** The outcome of {@code key}, known or on its way from another thread, or null when nobody has it. */
    CompletableFuture<Outcome> get(MapPoint.Key key) {
        return map.get(key);
    }

    /**
     * Reserves {@code key} for the caller, who must then {@link #complete} or {@link #fail} it; returns null when
     * it did, or the outcome another thread reserved it for in the meantime.
     */
    CompletableFuture<Outcome> reserve(MapPoint.Key key) {
        return map.putIfAbsent(key, new CompletableFuture<>());
    }

    /** Publishes the outcome of a key the caller reserved. */
    void complete(MapPoint.Key key, Outcome o) {
        map.get(key).complete(o);
    }

    /** Withdraws a reservation whose evaluation failed, handing the failure to any thread waiting for it. */
    void fail(MapPoint.Key key, Throwable t) {
        CompletableFuture<Outcome> f = map.remove(key);
        if (f != null) {
            f.completeExceptionally(t);
        }
    }

    /** Waits for an outcome and marks it as cached. */
    static Outcome await(CompletableFuture<Outcome> f) {
        try {
            Outcome o = f.get();
            return new Outcome(o.status(), o.level(), o.energyPj(), o.cycles(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The search was interrupted while waiting for another thread's evaluation.", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException re ? re : new IllegalStateException(c.getMessage(), c);
        }
    }

    /** Distinct points evaluated or being evaluated. */
    int size() {
        return map.size();
    }
}
