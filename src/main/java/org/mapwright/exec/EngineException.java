package org.mapwright.exec;

/**
 * An engine could not run a job: a cluster that is unreachable, or tasks that failed there (such as workers that
 * lack the Mapwright jar). The message says what happened and what to check; the command reports it and exits 3.
 */
public final class EngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
