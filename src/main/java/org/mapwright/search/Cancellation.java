package org.mapwright.search;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A request to stop a search early, from another thread. A caller runs work under a token ({@link #call}); every
 * search that work starts on that thread ({@link SearchDriver#run}) takes the token with it to its worker threads,
 * checks it where it checks its time budget, stops, and throws {@link SearchCancelledException} instead of
 * returning a result. Work run under no token is never cancelled and behaves exactly as before.
 *
 * <pre>{@code
 * Cancellation token = Cancellation.create();
 * executor.submit(() -> token.call(() -> mapwright.map(network, arch, options)));
 * token.cancel(); // the map call throws SearchCancelledException soon after
 * }</pre>
 */
public final class Cancellation {
    /** A token that is never cancelled: what a thread runs under unless told otherwise. */
    public static final Cancellation NONE = new Cancellation(false);

    private static final ThreadLocal<Cancellation> CURRENT = ThreadLocal.withInitial(() -> NONE);

    private final boolean cancellable;
    private volatile boolean cancelled;

    private Cancellation(boolean cancellable) {
        this.cancellable = cancellable;
    }

    /** A new token, not cancelled. */
    public static Cancellation create() {
        return new Cancellation(true);
    }

    /** The token the calling thread runs under ({@link #NONE} outside {@link #call}). */
    public static Cancellation current() {
        return CURRENT.get();
    }

    /** Asks every search under this token to stop; safe from any thread, and idempotent. */
    public void cancel() {
        if (!cancellable) {
            throw new UnsupportedOperationException("Cancellation.NONE cannot be cancelled; make a token with "
                    + "Cancellation.create().");
        }
        cancelled = true;
    }

    /** Whether {@link #cancel} was called. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Throws {@link SearchCancelledException} if this token was cancelled. */
    public void check() {
        if (cancelled) {
            throw new SearchCancelledException();
        }
    }

    /**
     * Runs {@code work} on the calling thread with this token as its current one, and restores the previous token
     * afterwards. A token cancelled before the call stops the work before it starts.
     */
    public <T> T call(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        check();
        Cancellation previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            CURRENT.set(previous);
        }
    }
}
