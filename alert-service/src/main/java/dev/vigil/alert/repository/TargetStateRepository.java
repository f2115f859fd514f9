package dev.vigil.alert.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.vigil.alert.model.TargetState;
import dev.vigil.common.event.HealthCheckCompleted;
import io.agroal.api.AgroalDataSource;

/** Failure streaks and recent results of targets, the state health rules evaluate. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class TargetStateRepository {

    private static final String LOCK = "SELECT target_id, target_name, critical, last_status, "
            + "consecutive_failures, last_checked_at FROM target_state "
            + "WHERE target_id = ANY(?) ORDER BY target_id FOR UPDATE";
    private static final String UPSERT = "INSERT INTO target_state (target_id, target_name, "
            + "critical, last_status, consecutive_failures, last_checked_at) "
            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (target_id) DO UPDATE SET "
            + "target_name = EXCLUDED.target_name, critical = EXCLUDED.critical, "
            + "last_status = EXCLUDED.last_status, "
            + "consecutive_failures = EXCLUDED.consecutive_failures, "
            + "last_checked_at = EXCLUDED.last_checked_at";
    private static final String SAMPLE = "INSERT INTO check_sample (target_id, checked_at, "
            + "status, response_time_ms) VALUES (?, ?, ?, ?)";
    private static final String WINDOW = "SELECT count(*) AS checks, "
            + "count(*) FILTER (WHERE status IN ('HEALTHY', 'DEGRADED')) AS up, "
            + "avg(response_time_ms) AS avg_rt FROM check_sample "
            + "WHERE target_id = ? AND checked_at >= ? AND checked_at < ?";

    private final AgroalDataSource dataSource;

    TargetStateRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Checks and availability of one target over {@code [from, to)}. */
    public record WindowStats(long checks, long up, Double averageResponseTimeMs) {
    }

    /**
     * The stored states of these targets, locked until the transaction ends, so two replicas
     * that briefly share a partition during a rebalance apply results one after the other.
     */
    public Map<String, TargetState> lock(Collection<String> targetIds) {
        Map<String, TargetState> states = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(LOCK)) {
            select.setArray(1, connection.createArrayOf("text", targetIds.toArray()));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    TargetState state = read(row);
                    states.put(state.targetId(), state);
                }
            }
            return states;
        } catch (SQLException e) {
            throw new RepositoryException("cannot lock target states", e);
        }
    }

    /** The latest state of every target, for rules over all components. */
    public List<TargetState> all() {
        String sql = "SELECT target_id, target_name, critical, last_status, "
                + "consecutive_failures, last_checked_at FROM target_state";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet row = select.executeQuery()) {
            List<TargetState> states = new java.util.ArrayList<>();
            while (row.next()) {
                states.add(read(row));
            }
            return states;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read target states", e);
        }
    }

    public void saveAll(Collection<TargetState> states) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (TargetState state : states) {
                upsert.setString(1, state.targetId());
                upsert.setString(2, state.targetName());
                upsert.setBoolean(3, state.critical());
                upsert.setString(4, state.lastStatus());
                upsert.setInt(5, state.consecutiveFailures());
                upsert.setTimestamp(6, Sql.ts(state.lastCheckedAt()));
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw new RepositoryException("cannot save target states", e);
        }
    }

    public void addSamples(Collection<HealthCheckCompleted> results) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(SAMPLE)) {
            for (HealthCheckCompleted result : results) {
                insert.setString(1, result.targetId());
                insert.setTimestamp(2, Sql.ts(result.checkedAt()));
                insert.setString(3, result.status());
                insert.setObject(4, result.responseTimeMs());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new RepositoryException("cannot store check samples", e);
        }
    }

    public WindowStats window(String targetId, Instant from, Instant to) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(WINDOW)) {
            select.setString(1, targetId);
            select.setTimestamp(2, Sql.ts(from));
            select.setTimestamp(3, Sql.ts(to));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new WindowStats(row.getLong("checks"), row.getLong("up"),
                        Sql.nullableDouble(row, "avg_rt"));
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot read check window", e);
        }
    }

    /** Drops samples older than the cutoff; returns how many. */
    @Transactional
    public int pruneSamples(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM check_sample WHERE checked_at < ?")) {
            delete.setTimestamp(1, Sql.ts(cutoff));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot prune check samples", e);
        }
    }

    private static TargetState read(ResultSet row) throws SQLException {
        return new TargetState(row.getString("target_id"), row.getString("target_name"),
                row.getBoolean("critical"), row.getString("last_status"),
                row.getInt("consecutive_failures"), Sql.instant(row, "last_checked_at"));
    }
}
