package dev.vigil.alert.repository;

/** A database statement failed; the caller's transaction rolls back and is retried. */
public class RepositoryException extends RuntimeException {

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
