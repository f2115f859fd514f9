package dev.vigil.health.check.postgres;

import java.util.Map;

import dev.vigil.health.check.Failures;
import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.ErrorCategory;
import io.vertx.pgclient.PgException;

/**
 * The failed outcome of a POSTGRES check. Errors the server sent are told by SQLSTATE only:
 * viewers read the stored error, and a server message can quote what the query read.
 */
final class PostgresFailures {

    /** What Postgres sends when a statement outlives {@code statement_timeout}. */
    private static final String QUERY_CANCELED = "57014";

    private PostgresFailures() {
    }

    /** No connection: refused, blocked, unresolved, timed out or turned away by the server. */
    static CheckOutcome ofConnect(Throwable error) {
        if (error instanceof PgException server) {
            return CheckOutcome.failure(ErrorCategory.CONNECT,
                    "connect failure: " + SqlStates.describe(server.getSqlState()), null,
                    Map.of());
        }
        return Failures.of(error, null, Map.of());
    }

    /**
     * Connected, but the query failed. An error from the server is STATUS (it answered, with
     * an error), or TIMEOUT when it cancelled the query at the check's timeout.
     */
    static CheckOutcome ofQuery(Throwable error, long responseTimeMs) {
        if (!(error instanceof PgException server)) {
            return Failures.of(error, null, Map.of());
        }
        ErrorCategory category = QUERY_CANCELED.equals(server.getSqlState())
                ? ErrorCategory.TIMEOUT
                : ErrorCategory.STATUS;
        return CheckOutcome.failure(category,
                "query failed: " + SqlStates.describe(server.getSqlState()), responseTimeMs,
                Map.of());
    }
}
