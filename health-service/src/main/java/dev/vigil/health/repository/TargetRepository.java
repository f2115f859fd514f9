package dev.vigil.health.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.health.model.ComponentStatus;
import dev.vigil.health.model.Target;
import dev.vigil.health.model.TargetKind;
import dev.vigil.kit.problem.ProblemException;
import io.agroal.api.AgroalDataSource;

/** Stores targets and the scheduling and state columns of each. */
@ApplicationScoped
@Transactional
public class TargetRepository {

    private static final String COLUMNS = "id, name, kind, interval_seconds, timeout_ms, "
            + "degraded_after_ms, unhealthy_after_ms, critical, enabled, tags, settings, "
            + "created_at, updated_at, state, last_checked_at, last_status, last_response_ms, "
            + "last_error";

    /** The tick after {@code ?} on the target's grid of due times. */
    private static final String NEXT_TICK = "next_due_at + make_interval(secs => "
            + "interval_seconds * (floor(extract(epoch from (?::timestamptz - next_due_at)) "
            + "/ interval_seconds) + 1))";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    TargetRepository(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** A target claimed for one check, with the tick it was due at and its lease. */
    public record Claimed(Target target, Instant dueAt, Instant leaseUntil) {
    }

    /** The damped state of a target locked for update, with what the event needs. */
    public record Locked(UUID id, String name, TargetKind kind, boolean critical,
            ComponentStatus state, int failStreak, int okStreak) {
    }

    /** The columns one stored result changes. */
    public record AfterCheck(UUID id, ComponentStatus state, int failStreak, int okStreak,
            Instant checkedAt, ComponentStatus status, Long responseTimeMs, String error,
            Instant completedAt) {
    }

    public void insert(Target target, Instant nextDueAt) {
        String sql = "INSERT INTO target (" + COLUMNS.replace(", state, last_checked_at, "
                + "last_status, last_response_ms, last_error", "") + ", next_due_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, target.id());
            bindDefinition(connection, insert, 2, target);
            Sql.setInstant(insert, 12, target.createdAt());
            Sql.setInstant(insert, 13, target.updatedAt());
            Sql.setInstant(insert, 14, nextDueAt);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw translate(e, "cannot insert target " + target.id());
        }
    }

    /** Replaces a definition; the target is checked again from {@code nextDueAt}. */
    public boolean update(Target target, Instant nextDueAt) {
        String sql = "UPDATE target SET name = ?, kind = ?, interval_seconds = ?, timeout_ms = ?, "
                + "degraded_after_ms = ?, unhealthy_after_ms = ?, critical = ?, enabled = ?, "
                + "tags = ?, settings = ?::jsonb, updated_at = ?, next_due_at = ? WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            bindDefinition(connection, update, 1, target);
            Sql.setInstant(update, 11, target.updatedAt());
            Sql.setInstant(update, 12, nextDueAt);
            update.setObject(13, target.id());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw translate(e, "cannot update target " + target.id());
        }
    }

    public boolean delete(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM target WHERE id = ?")) {
            delete.setObject(1, id);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RepositoryException("cannot delete target " + id, e);
        }
    }

    public Optional<Target> find(UUID id) {
        List<Target> found = query("SELECT " + COLUMNS + " FROM target WHERE id = ?",
                List.of(id));
        return found.stream().findFirst();
    }

    /** One page ordered by name, after {@code afterName}, filtered by tag and name part. */
    public List<Target> list(int limit, String afterName, String tag, String nameContains) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM target WHERE true");
        List<Object> params = new ArrayList<>();
        if (afterName != null) {
            sql.append(" AND name > ?");
            params.add(afterName);
        }
        if (tag != null) {
            sql.append(" AND tags @> ARRAY[?]::text[]");
            params.add(tag);
        }
        if (nameContains != null) {
            sql.append(" AND name ILIKE ?");
            params.add(Sql.likeContains(nameContains));
        }
        sql.append(" ORDER BY name LIMIT ?");
        params.add(limit);
        return query(sql.toString(), params);
    }

    /** Every enabled target, for the overall status. */
    public List<Target> findEnabled() {
        return query("SELECT " + COLUMNS + " FROM target WHERE enabled ORDER BY name", List.of());
    }

    /**
     * Claims up to {@code limit} targets due by {@code horizon} that no replica is checking:
     * each gets a lease and its next due tick after the horizon. {@code SKIP LOCKED} lets
     * replicas claim side by side without waiting for or taking each other's rows, so every
     * due tick is claimed once (BR-03). The lease runs from the horizon, since a check claimed
     * ahead starts at its due tick.
     */
    public List<Claimed> claimDue(Instant now, Instant horizon, int limit, long leaseGraceMs) {
        String sql = "WITH due AS (SELECT id, next_due_at AS due_at FROM target "
                + "WHERE enabled AND next_due_at <= ? AND (lease_until IS NULL OR lease_until < ?) "
                + "ORDER BY next_due_at LIMIT ? FOR UPDATE SKIP LOCKED) "
                + "UPDATE target t SET lease_until = ?::timestamptz + make_interval(secs => "
                + "(t.timeout_ms + ?) / 1000.0), next_due_at = " + NEXT_TICK.replace(
                        "next_due_at", "t.next_due_at").replace("interval_seconds",
                        "t.interval_seconds")
                + " FROM due WHERE t.id = due.id RETURNING due.due_at, t.lease_until, "
                + COLUMNS.replaceAll("(^|, )", "$1t.");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement(sql)) {
            Sql.setInstant(claim, 1, horizon);
            Sql.setInstant(claim, 2, now);
            claim.setInt(3, limit);
            Sql.setInstant(claim, 4, horizon);
            claim.setLong(5, leaseGraceMs);
            Sql.setInstant(claim, 6, horizon);
            List<Claimed> claimed = new ArrayList<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new Claimed(map(rows), Sql.getInstant(rows, "due_at"),
                            Sql.getInstant(rows, "lease_until")));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new RepositoryException("cannot claim due targets", e);
        }
    }

    /**
     * Gives claimed targets back unchecked: the lease ends and the due time returns to the
     * claimed tick, so another replica (or this one after a restart) runs that tick. A target
     * whose lease changed meanwhile (expired and claimed elsewhere) is left alone.
     */
    public int handBack(List<Claimed> claimed) {
        if (claimed.isEmpty()) {
            return 0;
        }
        String sql = "UPDATE target t SET lease_until = NULL, next_due_at = v.due_at "
                + "FROM unnest(?::uuid[], ?::text[]::timestamptz[], ?::text[]::timestamptz[]) "
                + "AS v(id, due_at, lease_until) "
                + "WHERE t.id = v.id AND t.lease_until = v.lease_until";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setArray(1, connection.createArrayOf("uuid",
                    claimed.stream().map(c -> c.target().id()).toArray()));
            update.setArray(2, connection.createArrayOf("text",
                    claimed.stream().map(c -> c.dueAt().toString()).toArray()));
            update.setArray(3, connection.createArrayOf("text",
                    claimed.stream().map(c -> c.leaseUntil().toString()).toArray()));
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot hand back " + claimed.size() + " targets", e);
        }
    }

    /** Leases one target for a check run now; empty when it is being checked already. */
    public Optional<Target> lease(UUID id, Instant now, long leaseGraceMs) {
        String sql = "UPDATE target SET lease_until = ?::timestamptz + make_interval(secs => "
                + "(timeout_ms + ?) / 1000.0) WHERE id = ? "
                + "AND (lease_until IS NULL OR lease_until < ?) RETURNING " + COLUMNS;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lease = connection.prepareStatement(sql)) {
            Sql.setInstant(lease, 1, now);
            lease.setLong(2, leaseGraceMs);
            lease.setObject(3, id);
            Sql.setInstant(lease, 4, now);
            try (ResultSet rows = lease.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot lease target " + id, e);
        }
    }

    /** Locks the targets of a batch of results, in id order so writers never deadlock. */
    public Map<UUID, Locked> lockForResults(List<UUID> ids) {
        String sql = "SELECT id, name, kind, critical, state, fail_streak, ok_streak FROM target "
                + "WHERE id = ANY(?) ORDER BY id FOR UPDATE";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement(sql)) {
            lock.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            Map<UUID, Locked> locked = new LinkedHashMap<>();
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject("id", UUID.class);
                    locked.put(id, new Locked(id, rows.getString("name"),
                            TargetKind.valueOf(rows.getString("kind")),
                            rows.getBoolean("critical"), status(rows.getString("state")),
                            rows.getInt("fail_streak"), rows.getInt("ok_streak")));
                }
            }
            return locked;
        } catch (SQLException e) {
            throw new RepositoryException("cannot lock " + ids.size() + " targets", e);
        }
    }

    /**
     * Stores the new state of checked targets, ends their leases and moves a due time that
     * passed while the check ran to the next tick: skipped ticks are not queued (BR-03). One
     * statement for the whole batch; at most one update per target.
     */
    public void updateAfterChecks(List<AfterCheck> updates) {
        if (updates.isEmpty()) {
            return;
        }
        String sql = "UPDATE target t SET state = v.state, fail_streak = v.fail_streak, "
                + "ok_streak = v.ok_streak, last_checked_at = v.checked_at, "
                + "last_status = v.status, last_response_ms = v.response_ms, "
                + "last_error = v.error, lease_until = NULL, next_due_at = CASE "
                + "WHEN t.next_due_at <= v.completed_at THEN t.next_due_at + make_interval("
                + "secs => t.interval_seconds * (floor(extract(epoch from (v.completed_at "
                + "- t.next_due_at)) / t.interval_seconds) + 1)) ELSE t.next_due_at END "
                + "FROM unnest(?::uuid[], ?::text[], ?::int[], ?::int[], "
                + "?::text[]::timestamptz[], ?::text[], ?::text[]::bigint[], ?::text[], "
                + "?::text[]::timestamptz[]) AS v(id, state, fail_streak, ok_streak, checked_at, "
                + "status, response_ms, error, completed_at) WHERE t.id = v.id";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setArray(1, array(connection, "uuid", updates, AfterCheck::id));
            update.setArray(2, array(connection, "text", updates, a -> a.state().name()));
            update.setArray(3, array(connection, "int4", updates, AfterCheck::failStreak));
            update.setArray(4, array(connection, "int4", updates, AfterCheck::okStreak));
            update.setArray(5, array(connection, "text", updates, a -> a.checkedAt().toString()));
            update.setArray(6, array(connection, "text", updates, a -> a.status().name()));
            update.setArray(7, array(connection, "text", updates, a -> a.responseTimeMs() == null
                    ? null : a.responseTimeMs().toString()));
            update.setArray(8, array(connection, "text", updates, AfterCheck::error));
            update.setArray(9, array(connection, "text", updates,
                    a -> a.completedAt().toString()));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot update " + updates.size() + " targets", e);
        }
    }

    private static <T> Array array(Connection connection, String type, List<T> rows,
            Function<T, Object> column) throws SQLException {
        Object[] values = new Object[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        return connection.createArrayOf(type, values);
    }

    private void bindDefinition(Connection connection, PreparedStatement statement, int first,
            Target target) throws SQLException {
        int i = first;
        statement.setString(i++, target.name());
        statement.setString(i++, target.kind().name());
        statement.setInt(i++, target.intervalSeconds());
        statement.setInt(i++, target.timeoutMs());
        statement.setInt(i++, target.degradedAfterMs());
        statement.setInt(i++, target.unhealthyAfterMs());
        statement.setBoolean(i++, target.critical());
        statement.setBoolean(i++, target.enabled());
        statement.setArray(i++, connection.createArrayOf("text", target.tags().toArray()));
        statement.setString(i, target.settings().toString());
    }

    private List<Target> query(String sql, List<Object> params) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                select.setObject(i + 1, params.get(i));
            }
            List<Target> targets = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    targets.add(map(rows));
                }
            }
            return targets;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read targets", e);
        }
    }

    private Target map(ResultSet rows) throws SQLException {
        Array tags = rows.getArray("tags");
        return new Target(
                rows.getObject("id", UUID.class),
                rows.getString("name"),
                TargetKind.valueOf(rows.getString("kind")),
                rows.getInt("interval_seconds"),
                rows.getInt("timeout_ms"),
                rows.getInt("degraded_after_ms"),
                rows.getInt("unhealthy_after_ms"),
                rows.getBoolean("critical"),
                rows.getBoolean("enabled"),
                tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
                readJson(rows.getString("settings")),
                Sql.getInstant(rows, "created_at"),
                Sql.getInstant(rows, "updated_at"),
                status(rows.getString("state")),
                Sql.getInstant(rows, "last_checked_at"),
                status(rows.getString("last_status")),
                Sql.getLong(rows, "last_response_ms"),
                rows.getString("last_error"));
    }

    private com.fasterxml.jackson.databind.JsonNode readJson(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings are not JSON", e);
        }
    }

    private static ComponentStatus status(String value) {
        return value == null ? null : ComponentStatus.valueOf(value);
    }

    private static RuntimeException translate(SQLException e, String message) {
        if ("23505".equals(e.getSQLState())) {
            return ProblemException.conflict("name", "is already used by another target");
        }
        return new RepositoryException(message, e);
    }
}
