package dev.vigil.alert.channel;

/**
 * A delivery attempt failed; the message is safe to log and store (no secrets).
 *
 * @see Secrets#redact
 */
public class DeliveryException extends RuntimeException {

    private final Integer statusCode;

    public DeliveryException(String message, Integer statusCode) {
        super(message);
        this.statusCode = statusCode;
    }

    public Integer statusCode() {
        return statusCode;
    }
}
