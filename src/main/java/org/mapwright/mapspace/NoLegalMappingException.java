package org.mapwright.mapspace;

/**
 * The constraints, bounds and hardware together admit no mapping at all. The message names the binding constraint
 * and says what to relax.
 */
public final class NoLegalMappingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoLegalMappingException(String message) {
        super(message);
    }
}
