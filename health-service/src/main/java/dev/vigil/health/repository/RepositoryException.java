package dev.vigil.health.repository;

/** A database statement failed for a reason other than the caller's input. */
public class RepositoryException extends RuntimeException {

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
