package dev.vigil.health.check.postgres;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.health.check.Checker;
import dev.vigil.health.check.Destinations;
import dev.vigil.health.check.Failures;
import dev.vigil.health.config.HealthConfig;
import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.TargetKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;

/**
 * Connects with the Vert.x Postgres client and runs the query in a read-only session; the
 * password comes from {@code vigil.health.secrets}, never from the target.
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
        PgConnectOptions options = settings.connectOptions().setConnectTimeout(timeoutMs);
        if (settings.user() != null) {
            options.setUser(settings.user());
        }
        if (settings.passwordRef() != null) {
            options.setPassword(config.secrets().getOrDefault(settings.passwordRef(), ""));
        }
        return destinations.approve(options.getHost())
                .compose(address -> PgConnection.connect(vertx,
                        options.setHost(address.getHostAddress())))
                .compose(connection -> query(connection, settings)
                        .eventually(() -> connection.close()))
                .map(rows -> CheckOutcome.success((System.nanoTime() - start) / 1_000_000,
                        Map.of("rows", rows)))
                .otherwise(error -> Failures.of(error, null, Map.of()));
    }

    private static Future<Integer> query(PgConnection connection, PostgresSettings settings) {
        return connection.query("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY").execute()
                .compose(set -> connection.query(settings.query()).execute())
                .map(rows -> rows.rowCount());
    }
}
