package dev.vigil.metrics.service;

import dev.vigil.kit.problem.ProblemException;

/**
 * A store that failed for a passing reason (connection, deadlock) and is worth retrying; an
 * API caller who still gets it after the retries sees a 503 and may send the batch again.
 */
public class TransientStorageFailure extends ProblemException {

    public TransientStorageFailure(RuntimeException cause) {
        super(503, "storage-unavailable", "Storage unavailable",
                "the database is unavailable; the records were not stored, retry later");
        initCause(cause);
    }
}
