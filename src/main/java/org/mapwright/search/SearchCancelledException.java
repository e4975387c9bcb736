package org.mapwright.search;

/**
 * A search stopped because its {@link Cancellation} token was cancelled; it has no result, and nothing was kept
 * of it.
 */
public final class SearchCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SearchCancelledException() {
        super("The search was cancelled before it finished; run it again to get its result.");
    }
}
