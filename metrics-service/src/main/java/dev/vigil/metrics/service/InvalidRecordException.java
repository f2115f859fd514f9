package dev.vigil.metrics.service;

/** A reported request that cannot be stored, naming the field and why. */
public class InvalidRecordException extends RuntimeException {

    private final String field;
    private final String reason;

    public InvalidRecordException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
