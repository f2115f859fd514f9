package dev.vigil.health.check.postgres;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.health.check.Checker;
import dev.vigil.health.check.Destinations;
import dev.vigil.health.config.HealthConfig;
import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.TargetKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;

/**
 * Connects with the Vert.x Postgres client and runs the query in a read-only session; the
 * password comes from {@code vigil.health.secrets}, never from the target. Read-only stops
 * writes, not reads: what the query may see is up to the role's privileges.
 */
@ApplicationScoped
public class PostgresChecker implements Checker<PostgresSettings> {

    private final Vertx vertx;
    private final Destinations destinations;
    private final HealthConfig config;

    PostgresChecker(Vertx vertx, Destinations destinations, HealthConfig config) {
        this.vertx = vertx;
        this.destinations = destinations;
        this.config = config;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.POSTGRES;
    }

    @Override
    public Class<PostgresSettings> settingsType() {
        return PostgresSettings.class;
    }

    @Override
    public Future<CheckOutcome> check(PostgresSettings settings, int timeoutMs) {
        long start = System.nanoTime();
        PgConnectOptions options = connectOptions(settings, timeoutMs);

        return destinations.approve(options.getHost())
                .compose(address -> PgConnection.connect(vertx,
                        options.setHost(address.getHostAddress())))
                .transform(connected -> connected.succeeded()
                        ? query(connected.result(), settings, timeoutMs, start)
                        : Future.succeededFuture(PostgresFailures.ofConnect(connected.cause())));
    }

    private PgConnectOptions connectOptions(PostgresSettings settings, int timeoutMs) {
        PgConnectOptions options = settings.connectOptions().setConnectTimeout(timeoutMs);
        if (settings.user() != null) {
            options.setUser(settings.user());
        }
        if (settings.passwordRef() != null) {
            options.setPassword(config.secrets().getOrDefault(settings.passwordRef(), ""));
        }
        return options;
    }

    /**
     * Runs the query read-only and with the check's timeout as {@code statement_timeout}, so
     * the server itself stops a query that overruns instead of running on unobserved.
     */
    private static Future<CheckOutcome> query(PgConnection connection,
            PostgresSettings settings, int timeoutMs, long start) {
        String session = "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY; "
                + "SET statement_timeout = " + timeoutMs;
        return connection.query(session).execute()
                .compose(set -> connection.query(settings.query()).execute())
                .map(rows -> CheckOutcome.success(millisSince(start),
                        Map.of("rows", rows.rowCount())))
                .otherwise(error -> PostgresFailures.ofQuery(error, millisSince(start)))
                .eventually(() -> connection.close());
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
