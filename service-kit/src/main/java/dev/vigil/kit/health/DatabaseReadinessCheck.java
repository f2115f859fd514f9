package dev.vigil.kit.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.vigil.kit.config.KitConfig;
import io.agroal.api.AgroalDataSource;

/** Ready only while the service's Postgres answers a validation query within the timeout. */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    static final String NAME = "postgres";

    private final AgroalDataSource dataSource;
    private final CachedCheck check;
    private final int timeoutSeconds;

    DatabaseReadinessCheck(AgroalDataSource dataSource, KitConfig config) {
        this.dataSource = dataSource;
        this.timeoutSeconds = (int) Math.max(1, config.readiness().timeout().toSeconds());
        this.check = new CachedCheck(NAME, config.readiness().timeout(),
                config.readiness().cacheFor());
    }

    @Override
    public HealthCheckResponse call() {
        return check.call(this::probe);
    }

    /**
     * A real query rather than {@code isValid}: a broken connection then throws, and the pool's
     * exception sorter discards it, so readiness recovers as soon as Postgres is back.
     */
    private HealthCheckResponse probe() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.execute("SELECT 1");
            return HealthCheckResponse.up(NAME);
        } catch (SQLException e) {
            return HealthCheckResponse.named(NAME).down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
