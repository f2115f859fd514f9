package dev.vigil.alert.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.vigil.alert.model.Alert;
import dev.vigil.alert.model.DeliveryAttempt;
import dev.vigil.alert.model.Transition;
import io.agroal.api.AgroalDataSource;

/**
 * Stores alerts and their transitions. Every state change is a compare-and-set on the state
 * it expects, so of two replicas deciding the same change only one applies it.
 */
@ApplicationScoped
@Transactional
public class AlertRepository {

    private static final String COLUMNS = "id, rule_id, rule_name, subject, state, severity, "
            + "condition_type, observed_value, threshold, message, pending_since, triggered_at, "
            + "resolved_at, acknowledged_at, acknowledged_by, notified_at, suppressed_by, "
            + "last_reminder_at, reminders";
    private static final String OPEN = "state IN ('pending', 'firing', 'acknowledged')";
    private static final String INSERT = "INSERT INTO alert (" + COLUMNS + ", updated_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) "
            + "ON CONFLICT (rule_id, subject) WHERE " + OPEN + " DO NOTHING";
    private static final String UPDATE = "UPDATE alert SET state = ?, observed_value = ?, "
            + "message = ?, triggered_at = ?, resolved_at = ?, acknowledged_at = ?, "
            + "acknowledged_by = ?, notified_at = ?, suppressed_by = ?, last_reminder_at = ?, "
            + "reminders = ?, updated_at = now() WHERE id = ? AND state = ?";
    /** The sweep's compare-and-set: also the notification and reminder it decided from. */
    private static final String SWEPT = UPDATE + " AND reminders = ? "
            + "AND notified_at IS NOT DISTINCT FROM ?::timestamptz";

    private final AgroalDataSource dataSource;

    AlertRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Open alerts (pending, firing, acknowledged) of these subjects. */
    public List<Alert> findOpen(Collection<String> subjects) {
        String sql = "SELECT " + COLUMNS + " FROM alert WHERE " + OPEN
                + " AND subject = ANY(?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, connection.createArrayOf("text", subjects.toArray()));
            return read(select);
        } catch (SQLException e) {
            throw new RepositoryException("cannot read open alerts", e);
        }
    }

    /** Every open alert, for the periodic sweep. */
    public List<Alert> findAllOpen() {
        return list("SELECT " + COLUMNS + " FROM alert WHERE " + OPEN + " ORDER BY id");
    }

    /** The alert, or null. */
    public Alert find(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM alert WHERE id = ?")) {
            select.setObject(1, id);
            List<Alert> alerts = read(select);
            return alerts.isEmpty() ? null : alerts.get(0);
        } catch (SQLException e) {
            throw new RepositoryException("cannot read alert", e);
        }
    }

    /** Filters of an alert list; null fields match everything. */
    public record Filter(String state, UUID ruleId, String subject) {
    }

    /** Newest first, positioned after (pendingSince, id) when given. */
    public List<Alert> page(Filter filter, Instant afterTime, UUID afterId, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM alert WHERE (?::text IS NULL OR state = ?) "
                + "AND (?::uuid IS NULL OR rule_id = ?::uuid) "
                + "AND (?::text IS NULL OR subject = ?) "
                + "AND (?::timestamptz IS NULL OR (pending_since, id) < (?, ?)) "
                + "ORDER BY pending_since DESC, id DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, filter.state());
            select.setString(2, filter.state());
            select.setObject(3, filter.ruleId());
            select.setObject(4, filter.ruleId());
            select.setString(5, filter.subject());
            select.setString(6, filter.subject());
            select.setTimestamp(7, Sql.ts(afterTime));
            select.setTimestamp(8, Sql.ts(afterTime));
            select.setObject(9, afterId);
            select.setInt(10, limit);
            return read(select);
        } catch (SQLException e) {
            throw new RepositoryException("cannot list alerts", e);
        }
    }

    /** Inserts a new open alert; false when the rule and subject already have one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean insertOpen(Alert alert) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int i = 1;
            insert.setObject(i++, alert.id());
            insert.setObject(i++, alert.ruleId());
            insert.setString(i++, alert.ruleName());
            insert.setString(i++, alert.subject());
            insert.setString(i++, alert.state());
            insert.setString(i++, alert.severity());
            insert.setString(i++, alert.conditionType());
            insert.setObject(i++, alert.observedValue());
            insert.setObject(i++, alert.threshold());
            insert.setString(i++, alert.message());
            insert.setTimestamp(i++, Sql.ts(alert.pendingSince()));
            insert.setTimestamp(i++, Sql.ts(alert.triggeredAt()));
            insert.setTimestamp(i++, Sql.ts(alert.resolvedAt()));
            insert.setTimestamp(i++, Sql.ts(alert.acknowledgedAt()));
            insert.setString(i++, alert.acknowledgedBy());
            insert.setTimestamp(i++, Sql.ts(alert.notifiedAt()));
            insert.setString(i++, alert.suppressedBy());
            insert.setTimestamp(i++, Sql.ts(alert.lastReminderAt()));
            insert.setInt(i, alert.reminders());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RepositoryException("cannot insert alert", e);
        }
    }

    /** Writes the alert's mutable fields if it is still in {@code expectedState}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean update(Alert alert, String expectedState) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(UPDATE)) {
            bindUpdate(update, alert, expectedState);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RepositoryException("cannot update alert", e);
        }
    }

    /**
     * Writes the alert's mutable fields if it is still as {@code seen} (state, notification,
     * reminder count): of two replicas sweeping the same alert at once, only one reminds.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean updateIfUnchanged(Alert alert, Alert seen) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(SWEPT)) {
            int next = bindUpdate(update, alert, seen.state());
            update.setInt(next, seen.reminders());
            update.setTimestamp(next + 1, Sql.ts(seen.notifiedAt()));
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RepositoryException("cannot update alert", e);
        }
    }

    /** Binds UPDATE's parameters; returns the index of the next one. */
    private static int bindUpdate(PreparedStatement update, Alert alert, String expectedState)
            throws SQLException {
        int i = 1;
        update.setString(i++, alert.state());
        update.setObject(i++, alert.observedValue());
        update.setString(i++, alert.message());
        update.setTimestamp(i++, Sql.ts(alert.triggeredAt()));
        update.setTimestamp(i++, Sql.ts(alert.resolvedAt()));
        update.setTimestamp(i++, Sql.ts(alert.acknowledgedAt()));
        update.setString(i++, alert.acknowledgedBy());
        update.setTimestamp(i++, Sql.ts(alert.notifiedAt()));
        update.setString(i++, alert.suppressedBy());
        update.setTimestamp(i++, Sql.ts(alert.lastReminderAt()));
        update.setInt(i++, alert.reminders());
        update.setObject(i++, alert.id());
        update.setString(i++, expectedState);
        return i;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void addTransition(UUID alertId, String from, String to, Instant at,
            boolean suppressed, String note) {
        String sql = "INSERT INTO alert_transition (alert_id, from_state, to_state, at, "
                + "suppressed, note) VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, alertId);
            insert.setString(2, from);
            insert.setString(3, to);
            insert.setTimestamp(4, Sql.ts(at));
            insert.setBoolean(5, suppressed);
            insert.setString(6, note);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot record transition", e);
        }
    }

    /** When the rule last notified a trigger on the subject; null if never. */
    public Instant lastNotifiedAt(UUID ruleId, String subject) {
        String sql = "SELECT max(notified_at) FROM alert WHERE rule_id = ? AND subject = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, ruleId);
            select.setString(2, subject);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                java.sql.Timestamp value = row.getTimestamp(1);
                return value == null ? null : value.toInstant();
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot read last notification", e);
        }
    }

    public List<Transition> transitions(UUID alertId) {
        String sql = "SELECT from_state, to_state, at, suppressed, note FROM alert_transition "
                + "WHERE alert_id = ? ORDER BY id";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, alertId);
            List<Transition> transitions = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    transitions.add(new Transition(row.getString("from_state"),
                            row.getString("to_state"), Sql.instant(row, "at"),
                            row.getBoolean("suppressed"), row.getString("note")));
                }
            }
            return transitions;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read transitions", e);
        }
    }

    public List<DeliveryAttempt> attempts(UUID alertId) {
        String sql = "SELECT channel_id, channel_name, kind, attempt, at, outcome, status_code, "
                + "error, duration_ms FROM delivery_attempt WHERE alert_id = ? ORDER BY id";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, alertId);
            List<DeliveryAttempt> attempts = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    attempts.add(new DeliveryAttempt(row.getObject("channel_id", UUID.class),
                            row.getString("channel_name"), row.getString("kind"),
                            row.getInt("attempt"), Sql.instant(row, "at"),
                            row.getString("outcome"), Sql.nullableInt(row, "status_code"),
                            row.getString("error"), row.getLong("duration_ms")));
                }
            }
            return attempts;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read delivery attempts", e);
        }
    }

    private List<Alert> list(String sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            return read(select);
        } catch (SQLException e) {
            throw new RepositoryException("cannot read alerts", e);
        }
    }

    private static List<Alert> read(PreparedStatement select) throws SQLException {
        List<Alert> alerts = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                alerts.add(new Alert(row.getObject("id", UUID.class),
                        row.getObject("rule_id", UUID.class), row.getString("rule_name"),
                        row.getString("subject"), row.getString("state"),
                        row.getString("severity"), row.getString("condition_type"),
                        Sql.nullableDouble(row, "observed_value"),
                        Sql.nullableDouble(row, "threshold"), row.getString("message"),
                        Sql.instant(row, "pending_since"), Sql.instant(row, "triggered_at"),
                        Sql.instant(row, "resolved_at"), Sql.instant(row, "acknowledged_at"),
                        row.getString("acknowledged_by"), Sql.instant(row, "notified_at"),
                        row.getString("suppressed_by"), Sql.instant(row, "last_reminder_at"),
                        row.getInt("reminders")));
            }
        }
        return alerts;
    }
}
