package dev.vigil.quota.repository;

/** A database call failed; callers treat it as transient and the kit maps it to a 500. */
public class RepositoryException extends RuntimeException {

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
