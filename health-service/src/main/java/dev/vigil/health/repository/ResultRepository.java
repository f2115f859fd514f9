package dev.vigil.health.repository;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.health.model.CheckResult;
import dev.vigil.health.model.ComponentStatus;
import dev.vigil.health.model.ErrorCategory;

/** Stores raw check results and their hourly rollups. */
@ApplicationScoped
@Transactional
public class ResultRepository {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final io.agroal.api.AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    ResultRepository(io.agroal.api.AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** Checks and up checks in a window. */
    public record Counts(long checks, long upChecks) {

        public Counts plus(Counts other) {
            return new Counts(checks + other.checks, upChecks + other.upChecks);
        }
    }

    /** Counts of one UTC hour. */
    public record HourCounts(Instant hour, long checks, long upChecks) {
    }

    private record HourKey(UUID targetId, Instant hour) {
    }

    /**
     * Inserts results and adds them to their hourly rollups, in the caller's transaction;
     * returns them with their ids. The rows go in through {@code COPY}, which costs the server
     * far less per row than INSERTs but returns nothing, so the ids are drawn first.
     */
    public List<CheckResult> insert(List<CheckResult> results) {
        if (results.isEmpty()) {
            return results;
        }
        String sql = "COPY check_result (id, target_id, checked_at, status, response_time_ms, "
                + "error_category, error, metadata) FROM STDIN";
        try (Connection connection = dataSource.getConnection()) {
            List<CheckResult> stored = withIds(results, nextIds(connection, results.size()));
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(sql, new StringReader(copyRows(stored)));
            addToRollups(connection, stored);
            return stored;
        } catch (SQLException | IOException e) {
            throw new RepositoryException("cannot insert " + results.size() + " results", e);
        }
    }

    /** Ascending ids from the table's own sequence, as its default would have drawn them. */
    private static List<Long> nextIds(Connection connection, int count) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT nextval('check_result_id_seq') FROM generate_series(1, ?) ORDER BY 1")) {
            select.setInt(1, count);
            List<Long> ids = new ArrayList<>(count);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    private static List<CheckResult> withIds(List<CheckResult> results, List<Long> ids) {
        List<CheckResult> stored = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            CheckResult r = results.get(i);
            stored.add(new CheckResult(ids.get(i), r.targetId(), r.checkedAt(), r.status(),
                    r.responseTimeMs(), r.errorCategory(), r.error(), r.metadata()));
        }
        return stored;
    }

    private String copyRows(List<CheckResult> results) {
        StringBuilder rows = new StringBuilder(results.size() * 128);
        for (CheckResult result : results) {
            rows.append(result.id()).append('\t');
            CopyText.field(rows, result.targetId().toString()).append('\t');
            CopyText.field(rows, result.checkedAt().toString()).append('\t');
            CopyText.field(rows, result.status().name()).append('\t');
            CopyText.field(rows, result.responseTimeMs() == null ? null
                    : result.responseTimeMs().toString()).append('\t');
            CopyText.field(rows, result.errorCategory() == null ? null
                    : result.errorCategory().name()).append('\t');
            CopyText.field(rows, result.error()).append('\t');
            CopyText.field(rows, writeJson(result.metadata())).append('\n');
        }
        return rows.toString();
    }

    /** One page of a target's results, newest first, in {@code [from, to)}. */
    public List<CheckResult> page(UUID targetId, Instant from, Instant to, int limit,
            Instant beforeAt, Long beforeId) {
        StringBuilder sql = new StringBuilder("SELECT id, target_id, checked_at, status, "
                + "response_time_ms, error_category, error, metadata FROM check_result "
                + "WHERE target_id = ?");
        List<Object> params = new ArrayList<>(List.of(targetId));
        if (from != null) {
            sql.append(" AND checked_at >= ?");
            params.add(from);
        }
        if (to != null) {
            sql.append(" AND checked_at < ?");
            params.add(to);
        }
        if (beforeAt != null) {
            sql.append(" AND (checked_at, id) < (?, ?)");
            params.add(beforeAt);
            params.add(beforeId);
        }
        sql.append(" ORDER BY checked_at DESC, id DESC LIMIT ?");
        params.add(limit);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql.toString())) {
            bind(select, params);
            List<CheckResult> results = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    results.add(map(rows));
                }
            }
            return results;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read results of " + targetId, e);
        }
    }

    /** Raw counts of one target in {@code [from, to)}. */
    public Counts countRaw(UUID targetId, Instant from, Instant to) {
        return counts("SELECT count(*), count(*) FILTER (WHERE status IN ('HEALTHY', 'DEGRADED')) "
                + "FROM check_result WHERE target_id = ? AND checked_at >= ? AND checked_at < ?",
                List.of(targetId, from, to));
    }

    /** Rolled-up counts of one target for the hours in {@code [fromHour, toHour)}. */
    public Counts countHourly(UUID targetId, Instant fromHour, Instant toHour) {
        return counts("SELECT coalesce(sum(checks), 0), coalesce(sum(up_checks), 0) "
                + "FROM result_hourly WHERE target_id = ? AND hour >= ? AND hour < ?",
                List.of(targetId, fromHour, toHour));
    }

    /** Counts of all targets per hour in {@code [fromHour, toHour)}; empty hours are absent. */
    public List<HourCounts> hourlyTotals(Instant fromHour, Instant toHour) {
        String sql = "SELECT hour, sum(checks), sum(up_checks) FROM result_hourly "
                + "WHERE hour >= ? AND hour < ? GROUP BY hour ORDER BY hour";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, List.of(fromHour, toHour));
            List<HourCounts> hours = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    hours.add(new HourCounts(Sql.getInstant(rows, "hour"), rows.getLong(2),
                            rows.getLong(3)));
                }
            }
            return hours;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read hourly totals", e);
        }
    }

    /** Deletes up to {@code limit} raw results older than {@code before}; returns the count. */
    public int deleteResultsOlderThan(Instant before, int limit) {
        return delete("DELETE FROM check_result WHERE id IN (SELECT id FROM check_result "
                + "WHERE checked_at < ? LIMIT ?)", before, limit);
    }

    /** Deletes up to {@code limit} rollups older than {@code before}; returns the count. */
    public int deleteRollupsOlderThan(Instant before, int limit) {
        return delete("DELETE FROM result_hourly WHERE (target_id, hour) IN (SELECT target_id, "
                + "hour FROM result_hourly WHERE hour < ? LIMIT ?)", before, limit);
    }

    private void addToRollups(Connection connection, List<CheckResult> results)
            throws SQLException {
        // Summed per key first and written in key order, so concurrent writers never deadlock.
        Map<HourKey, long[]> sums = new TreeMap<>(Comparator
                .comparing((HourKey key) -> key.targetId().toString())
                .thenComparing(HourKey::hour));
        for (CheckResult result : results) {
            long[] sum = sums.computeIfAbsent(new HourKey(result.targetId(),
                    result.checkedAt().truncatedTo(ChronoUnit.HOURS)), key -> new long[2]);
            sum[0]++;
            sum[1] += result.status().isUp() ? 1 : 0;
        }
        String sql = "INSERT INTO result_hourly (target_id, hour, checks, up_checks) "
                + "SELECT * FROM unnest(?::uuid[], ?::text[]::timestamptz[], ?::int[], ?::int[]) "
                + "ON CONFLICT (target_id, hour) DO UPDATE SET "
                + "checks = result_hourly.checks + EXCLUDED.checks, "
                + "up_checks = result_hourly.up_checks + EXCLUDED.up_checks";
        int size = sums.size();
        Object[] ids = new Object[size];
        Object[] hours = new Object[size];
        Object[] checks = new Object[size];
        Object[] ups = new Object[size];
        int i = 0;
        for (Map.Entry<HourKey, long[]> entry : sums.entrySet()) {
            ids[i] = entry.getKey().targetId();
            hours[i] = entry.getKey().hour().toString();
            checks[i] = (int) entry.getValue()[0];
            ups[i++] = (int) entry.getValue()[1];
        }
        try (PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setArray(1, connection.createArrayOf("uuid", ids));
            upsert.setArray(2, connection.createArrayOf("text", hours));
            upsert.setArray(3, connection.createArrayOf("int4", checks));
            upsert.setArray(4, connection.createArrayOf("int4", ups));
            upsert.executeUpdate();
        }
    }

    private Counts counts(String sql, List<Object> params) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, params);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return new Counts(rows.getLong(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot count results", e);
        }
    }

    private int delete(String sql, Instant before, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(sql)) {
            Sql.setInstant(delete, 1, before);
            delete.setInt(2, limit);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot prune", e);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> params)
            throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object param = params.get(i);
            if (param instanceof Instant instant) {
                Sql.setInstant(statement, i + 1, instant);
            } else {
                statement.setObject(i + 1, param);
            }
        }
    }

    private CheckResult map(ResultSet rows) throws SQLException {
        String category = rows.getString("error_category");
        return new CheckResult(
                rows.getLong("id"),
                rows.getObject("target_id", UUID.class),
                Sql.getInstant(rows, "checked_at"),
                ComponentStatus.valueOf(rows.getString("status")),
                Sql.getLong(rows, "response_time_ms"),
                category == null ? null : ErrorCategory.valueOf(category),
                rows.getString("error"),
                readJson(rows.getString("metadata")));
    }

    private String writeJson(Map<String, Object> metadata) {
        try {
            return mapper.writeValueAsString(metadata == null ? Map.of() : metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata not serialisable", e);
        }
    }

    private Map<String, Object> readJson(String json) {
        try {
            return mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored metadata is not JSON", e);
        }
    }
}
