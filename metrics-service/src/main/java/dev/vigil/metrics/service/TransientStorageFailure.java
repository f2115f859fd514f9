package dev.vigil.metrics.service;


/** A store that failed for a passing reason (connection, deadlock) and is worth retrying. */
public class TransientStorageFailure extends RuntimeException {

    public TransientStorageFailure(RuntimeException cause) {
        super(cause.getMessage(), cause);
    }
}
