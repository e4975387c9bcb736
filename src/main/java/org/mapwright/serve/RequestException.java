package org.mapwright.serve;

import java.util.Objects;

/** A request the service refuses, with the code and the message of its error response. */
final class RequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    RequestException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    ErrorCode code() {
        return code;
    }
}
