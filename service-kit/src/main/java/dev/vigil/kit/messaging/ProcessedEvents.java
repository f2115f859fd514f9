package dev.vigil.kit.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.vigil.kit.config.KitConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * The ids of events this service has applied. Claiming ids in the same transaction as the
 * state change makes a redelivered event a no-op: the claim and the change commit together.
 *
 * <p>Each service's migrations create {@code processed_event(event_id uuid primary key,
 * processed_at timestamptz not null)}.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final Logger LOG = Logger.getLogger(ProcessedEvents.class);
    private static final String CLAIM = "INSERT INTO processed_event (event_id, processed_at) "
            + "SELECT unnest(?::uuid[]), now() ON CONFLICT DO NOTHING RETURNING event_id";
    private static final String PRUNE = "DELETE FROM processed_event WHERE processed_at < ?";

    private final AgroalDataSource dataSource;
    private final KitConfig config;
    private final Clock clock;

    ProcessedEvents(AgroalDataSource dataSource, KitConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    /** Records the ids in the caller's transaction; returns those not applied before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> claim(Collection<UUID> eventIds) {
        Set<UUID> fresh = new HashSet<>();
        if (eventIds.isEmpty()) {
            return fresh;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setArray(1, connection.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet result = claim.executeQuery()) {
                while (result.next()) {
                    fresh.add(result.getObject(1, UUID.class));
                }
            }
            return fresh;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record processed events", e);
        }
    }

    @Scheduled(every = "1h", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneExpired() {
        Instant cutoff = clock.instant().minus(config.dedup().retention());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement prune = connection.prepareStatement(PRUNE)) {
            prune.setObject(1, java.sql.Timestamp.from(cutoff));
            int removed = prune.executeUpdate();
            LOG.debugf("Pruned processed event ids removed=%d", removed);
        } catch (SQLException e) {
            LOG.warnf("Processed event ids not pruned cause=%s", e.getMessage());
        }
    }
}
