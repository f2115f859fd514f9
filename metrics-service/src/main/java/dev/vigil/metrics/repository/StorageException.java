package dev.vigil.metrics.repository;

import java.sql.SQLException;

/**
 * The database refused a statement. {@link #transient_()} tells whether trying again may work
 * (connection lost, deadlock, server busy) or the data itself is refused.
 */
public class StorageException extends RuntimeException {

    private final boolean transientFailure;

    public StorageException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
        this.transientFailure = isTransient(cause.getSQLState());
    }

    public boolean transient_() {
        return transientFailure;
    }

    /** True when a database error with a passing cause is somewhere in the chain. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StorageException storage) {
                return storage.transient_();
            }
            if (t instanceof SQLException sql) {
                return isTransient(sql.getSQLState());
            }
        }
        return false;
    }

    /**
     * Connection (08), transaction rollback such as deadlock (40), resources (53), lock wait
     * (55P03), operator intervention (57) and system errors (58) pass; a pool timeout carries
     * no state and is also a passing condition.
     */
    public static boolean isTransient(String state) {
        if (state == null) {
            return true;
        }
        return state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.equals("55P03") || state.startsWith("57") || state.startsWith("58");
    }
}
