package dev.vigil.metrics.model;

/**
 * How a request ended. A request failed when its status is 5xx or it carries an error; a 4xx
 * is the client's error, counted apart and not a failure of the service.
 */
public enum Outcome {
    SUCCESS,
    CLIENT_ERROR,
    FAILED;

    /** The outcome of a request with this status, success flag and error type. */
    public static Outcome of(int status, Boolean success, String errorType) {
        boolean hasError = errorType != null && !errorType.isBlank();
        if (status >= 500 || hasError) {
            return FAILED;
        }
        if (status >= 400) {
            return CLIENT_ERROR;
        }
        // A reporter may flag a failure that produced no 5xx, e.g. a timeout logged as 0.
        return Boolean.FALSE.equals(success) ? FAILED : SUCCESS;
    }

    /** The label used in the database and on metrics. */
    public short code() {
        return (short) ordinal();
    }

    public static Outcome ofCode(int code) {
        return values()[code];
    }

    /** The Prometheus label value. */
    public String label() {
        return switch (this) {
            case SUCCESS -> "success";
            case CLIENT_ERROR -> "client_error";
            case FAILED -> "failed";
        };
    }
}
