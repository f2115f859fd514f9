package dev.vigil.alert.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.vigil.alert.model.Notification;
import io.agroal.api.AgroalDataSource;

/**
 * The queue of notifications and the record of their attempts. A notification waits while an
 * earlier one of the same alert and channel is pending, so a receiver never sees the resolved
 * message before the triggered one. Delivery timing uses the
 * database clock: retries are operational time, not the domain time rules are evaluated in.
 */
@ApplicationScoped
@Transactional
public class NotificationRepository {

    private static final String ENQUEUE = "INSERT INTO notification (alert_id, channel_id, kind,"
            + " idempotency_key, payload) VALUES (?, ?, ?, ?, ?::jsonb) "
            + "ON CONFLICT (idempotency_key) DO NOTHING";
    private static final String CLAIM = "UPDATE notification SET attempts = attempts + 1, "
            + "lease_until = now() + ?::interval WHERE id IN (SELECT n.id FROM notification n "
            + "WHERE n.state = 'pending' AND n.next_attempt_at <= now() "
            + "AND (n.lease_until IS NULL OR n.lease_until < now()) "
            + "AND NOT EXISTS (SELECT 1 FROM notification e WHERE e.alert_id = n.alert_id "
            + "AND e.channel_id IS NOT DISTINCT FROM n.channel_id AND e.id < n.id "
            + "AND e.state = 'pending') ORDER BY n.id LIMIT ? FOR UPDATE OF n SKIP LOCKED) "
            + "RETURNING id, alert_id, channel_id, kind, idempotency_key, payload, attempts";
    private static final String ATTEMPT = "INSERT INTO delivery_attempt (notification_id, "
            + "alert_id, channel_id, channel_name, kind, attempt, at, outcome, status_code, "
            + "error, duration_ms) VALUES (?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?)";

    private final AgroalDataSource dataSource;

    NotificationRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Queues a notification in the caller's transaction; a repeated key is a no-op. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(UUID alertId, UUID channelId, String kind, String key, String payload) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(ENQUEUE)) {
            insert.setObject(1, alertId);
            insert.setObject(2, channelId);
            insert.setString(3, kind);
            insert.setString(4, key);
            insert.setString(5, payload);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot queue notification", e);
        }
    }

    /** Leases up to {@code limit} due notifications to this replica. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Notification> claimDue(int limit, Duration lease) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setString(1, lease.toMillis() + " milliseconds");
            claim.setInt(2, limit);
            List<Notification> due = new ArrayList<>();
            try (ResultSet row = claim.executeQuery()) {
                while (row.next()) {
                    due.add(new Notification(row.getLong("id"),
                            row.getObject("alert_id", UUID.class),
                            row.getObject("channel_id", UUID.class), row.getString("kind"),
                            row.getString("idempotency_key"), row.getString("payload"),
                            row.getInt("attempts")));
                }
            }
            return due;
        } catch (SQLException e) {
            throw new RepositoryException("cannot claim notifications", e);
        }
    }

    /** Outcome of one attempt as it is recorded. */
    public record AttemptRecord(String channelName, String outcome, Integer statusCode,
            String error, long durationMs) {
    }

    /** Records the attempt and either closes the notification or schedules the next try. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void complete(Notification notification, AttemptRecord attempt, String newState,
            Duration retryIn) {
        recordAttempt(notification, attempt);
        String sql = "UPDATE notification SET state = ?, lease_until = NULL, "
                + "next_attempt_at = now() + ?::interval WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, newState);
            update.setString(2, retryIn.toMillis() + " milliseconds");
            update.setLong(3, notification.id());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot update notification", e);
        }
    }

    private void recordAttempt(Notification notification, AttemptRecord attempt) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(ATTEMPT)) {
            insert.setLong(1, notification.id());
            insert.setObject(2, notification.alertId());
            insert.setObject(3, notification.channelId());
            insert.setString(4, attempt.channelName());
            insert.setString(5, notification.kind());
            insert.setInt(6, notification.attempts());
            insert.setString(7, attempt.outcome());
            insert.setObject(8, attempt.statusCode());
            insert.setString(9, attempt.error());
            insert.setLong(10, attempt.durationMs());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot record delivery attempt", e);
        }
    }
}
