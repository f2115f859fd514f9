package dev.vigil.kit.outbox;

/** The outbox table could not be written or read; the surrounding transaction rolls back. */
public class OutboxException extends RuntimeException {

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
