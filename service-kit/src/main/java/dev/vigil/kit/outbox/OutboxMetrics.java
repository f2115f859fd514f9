package dev.vigil.kit.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Exposes the outbox backlog and the age of its oldest event, the two figures that say whether
 * events are reaching Kafka: {@code vigil_outbox_backlog_events} and
 * {@code vigil_outbox_oldest_age_seconds}.
 */
@ApplicationScoped
public class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);
    private static final String QUERY = "SELECT count(*), "
            + "coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM outbox";

    private final AgroalDataSource dataSource;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    OutboxMetrics(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        Gauge.builder("vigil.outbox.backlog.events", backlog, AtomicLong::get)
                .description("Events written to the outbox and not yet published")
                .register(registry);
        Gauge.builder("vigil.outbox.oldest.age.seconds", oldestAgeSeconds, AtomicLong::get)
                .description("Age of the oldest unpublished outbox event")
                .register(registry);
    }

    @Scheduled(every = "15s", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(QUERY);
                ResultSet result = query.executeQuery()) {
            result.next();
            backlog.set(result.getLong(1));
            oldestAgeSeconds.set((long) result.getDouble(2));
        } catch (SQLException e) {
            LOG.debugf("Outbox metrics not refreshed cause=%s", e.getMessage());
        }
    }
}
