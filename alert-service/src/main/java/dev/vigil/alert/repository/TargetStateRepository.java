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
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.vigil.alert.model.TargetState;
import dev.vigil.common.event.HealthCheckCompleted;
import io.agroal.api.AgroalDataSource;

/** Failure streaks and recent results of targets, the state health rules evaluate. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class TargetStateRepository {

    private static final String COLUMNS = "target_id, target_name, critical, last_status, "
            + "consecutive_failures, last_checked_at, last_event_id";
    private static final String FIND = "SELECT " + COLUMNS + " FROM target_state "
            + "WHERE target_id = ANY(?)";
    /**
     * One statement for a whole batch. The guard keeps a replica that applies an older batch
     * (two replicas briefly sharing a partition during a rebalance) from moving a state back.
     */
    private static final String UPSERT = "INSERT INTO target_state (" + COLUMNS + ") "
            + "SELECT * FROM unnest(?::text[], ?::text[], ?::boolean[], ?::text[], ?::int[], "
            + "?::timestamptz[], ?::uuid[]) "
            + "ON CONFLICT (target_id) DO UPDATE SET "
            + "target_name = EXCLUDED.target_name, critical = EXCLUDED.critical, "
            + "last_status = EXCLUDED.last_status, "
            + "consecutive_failures = EXCLUDED.consecutive_failures, "
            + "last_checked_at = EXCLUDED.last_checked_at, "
            + "last_event_id = EXCLUDED.last_event_id "
            + "WHERE target_state.last_checked_at <= EXCLUDED.last_checked_at";
    private static final String SAMPLES = "INSERT INTO check_sample (target_id, checked_at, "
            + "status, response_time_ms) SELECT * FROM unnest(?::text[], ?::timestamptz[], "
            + "?::text[], ?::bigint[]) ON CONFLICT (target_id, checked_at) DO NOTHING";
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

    /** A stored state and the id of the result that last changed it (null before V4). */
    public record Stored(TargetState state, UUID eventId) {
    }

    /** The stored states of these targets; absent targets have none yet. */
    public Map<String, Stored> find(Collection<String> targetIds) {
        Map<String, Stored> states = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(FIND)) {
            select.setArray(1, connection.createArrayOf("text", targetIds.toArray()));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    TargetState state = read(row);
                    states.put(state.targetId(), new Stored(state,
                            row.getObject("last_event_id", UUID.class)));
                }
            }
            return states;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read target states", e);
        }
    }

    /** The latest state of every target, for rules over all components. */
    public List<TargetState> all() {
        String sql = "SELECT " + COLUMNS + " FROM target_state";
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

    /** Writes these states in one statement, none moving a stored state back in time. */
    public void saveAll(Collection<Stored> states) {
        if (states.isEmpty()) {
            return;
        }
        int size = states.size();
        String[] ids = new String[size];
        String[] names = new String[size];
        Boolean[] critical = new Boolean[size];
        String[] statuses = new String[size];
        Integer[] streaks = new Integer[size];
        String[] checkedAt = new String[size];
        UUID[] eventIds = new UUID[size];
        int i = 0;
        for (Stored stored : states) {
            TargetState state = stored.state();
            ids[i] = state.targetId();
            names[i] = state.targetName();
            critical[i] = state.critical();
            statuses[i] = state.lastStatus();
            streaks[i] = state.consecutiveFailures();
            checkedAt[i] = state.lastCheckedAt().toString();
            eventIds[i++] = stored.eventId();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setArray(1, connection.createArrayOf("text", ids));
            upsert.setArray(2, connection.createArrayOf("text", names));
            upsert.setArray(3, connection.createArrayOf("bool", critical));
            upsert.setArray(4, connection.createArrayOf("text", statuses));
            upsert.setArray(5, connection.createArrayOf("int4", streaks));
            upsert.setArray(6, connection.createArrayOf("text", checkedAt));
            upsert.setArray(7, connection.createArrayOf("uuid", eventIds));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot save target states", e);
        }
    }

    /** Stores the results as window samples in one statement; a repeated one is a no-op. */
    public void addSamples(Collection<HealthCheckCompleted> results) {
        int size = results.size();
        String[] ids = new String[size];
        String[] checkedAt = new String[size];
        String[] statuses = new String[size];
        String[] responseTimes = new String[size];
        int i = 0;
        for (HealthCheckCompleted result : results) {
            ids[i] = result.targetId();
            checkedAt[i] = result.checkedAt().toString();
            statuses[i] = result.status();
            Long responseTime = result.responseTimeMs();
            responseTimes[i++] = responseTime == null ? null : responseTime.toString();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(SAMPLES)) {
            insert.setArray(1, connection.createArrayOf("text", ids));
            insert.setArray(2, connection.createArrayOf("text", checkedAt));
            insert.setArray(3, connection.createArrayOf("text", statuses));
            insert.setArray(4, connection.createArrayOf("text", responseTimes));
            insert.executeUpdate();
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
