package org.mapwright.search;

/**
 * A cost oracle could not evaluate a mapping: an external tool is missing, crashed, hung or printed what cannot be
 * read. The message is a full sentence that says what happened and what to do; the search stops with it.
 */
public final class OracleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OracleException(String message) {
        super(message);
    }

    public OracleException(String message, Throwable cause) {
        super(message, cause);
    }
}
