package org.mapwright.serve;

import java.util.Locale;

/** The stable codes of error responses ({@code error.code}), and the HTTP status each is sent with. */
public enum ErrorCode {
    /** The request is not JSON. */
    BAD_JSON(400),
    /** The request is JSON but not a request of this schema: a field missing, of the wrong type, or unknown. */
    BAD_REQUEST(400),
    /** The request is larger than the service accepts. */
    TOO_LARGE(413),
    /** The {@code op} is none the service knows. */
    UNKNOWN_OP(400),
    /** A named network, layer, accelerator, mapping or constraints does not exist. */
    NOT_FOUND(404),
    /** The DSL or the options are wrong: the message locates the error. */
    BAD_INPUT(422),
    /** A layer has no legal mapping on the accelerator, or the search found none within its budget. */
    NO_MAPPING(422),
    /** The request was cancelled by a {@code cancel} request. */
    CANCELLED(409),
    /** The service has as many requests waiting as it accepts; send this one again later. */
    BUSY(503),
    /** A bug: the message says what failed. */
    INTERNAL(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The code as it appears in responses, such as {@code bad_json}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The HTTP status of a response with this error. */
    public int httpStatus() {
        return httpStatus;
    }
}
