package dev.vigil.metrics.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.vigil.metrics.model.Outcome;
import dev.vigil.metrics.model.RequestRecord;
import dev.vigil.metrics.stats.Sample;
import dev.vigil.metrics.stats.StatsFilter;
import dev.vigil.metrics.stats.WindowPlan.Range;
import io.agroal.api.AgroalDataSource;

/** Raw request rows: stored once per request id, read for exact statistics, pruned by age. */
@ApplicationScoped
public class RequestRecordRepository {

    // One statement per batch: the arrays travel as 12 parameters instead of 12·n.
    private static final String INSERT = """
            INSERT INTO request_record (request_id, occurred_at, service, route, endpoint, \
            method, status, response_time_ms, outcome, error_type, error_message, user_id, \
            ingested_at)
            SELECT r.*, ?::timestamptz FROM unnest(?::text[], ?::text[]::timestamptz[], \
            ?::text[], ?::text[], ?::text[], ?::text[], ?::smallint[], ?::bigint[], \
            ?::smallint[], ?::text[], ?::text[], ?::text[]) AS r
            ON CONFLICT (request_id) DO NOTHING
            RETURNING request_id""";
    private static final String SELECT = """
            SELECT occurred_at, service, route, outcome, response_time_ms, error_type
            FROM request_record
            WHERE occurred_at >= ? AND occurred_at < ?
              AND (?::text IS NULL OR service = ?)
              AND (?::text IS NULL OR route = ?)
              AND (?::text IS NULL OR user_id = ?)""";
    private static final String PRUNE = "DELETE FROM request_record WHERE ingested_at < ?";

    private final AgroalDataSource dataSource;

    RequestRecordRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the records whose id is new; returns those ids. Duplicates are left alone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> insertNew(List<RequestRecord> records, Instant ingestedAt) {
        Set<String> inserted = new HashSet<>();
        if (records.isEmpty()) {
            return inserted;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bindRecords(connection, insert, records, ingestedAt);
            try (ResultSet result = insert.executeQuery()) {
                while (result.next()) {
                    inserted.add(result.getString(1));
                }
            }
            return inserted;
        } catch (SQLException e) {
            throw new StorageException("cannot store request records", e);
        }
    }

    /** The samples in [from, to) that match the filter. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Sample> findSamples(Range range, StatsFilter filter) {
        List<Sample> samples = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setTimestamp(1, Timestamp.from(range.from()));
            select.setTimestamp(2, Timestamp.from(range.to()));
            bindFilter(select, 3, filter.service());
            bindFilter(select, 5, filter.route());
            bindFilter(select, 7, filter.userId());
            select.setFetchSize(10_000);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    samples.add(sampleOf(result));
                }
            }
            return samples;
        } catch (SQLException e) {
            throw new StorageException("cannot read request records", e);
        }
    }

    /** Deletes rows that arrived before the cutoff; returns how many. */
    @Transactional
    public int deleteArrivedBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement prune = connection.prepareStatement(PRUNE)) {
            prune.setTimestamp(1, Timestamp.from(cutoff));
            return prune.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot prune request records", e);
        }
    }

    private static void bindRecords(
            Connection connection,
            PreparedStatement insert,
            List<RequestRecord> records,
            Instant ingestedAt) throws SQLException {
        int n = records.size();
        String[] ids = new String[n];
        String[] occurred = new String[n];
        String[] services = new String[n];
        String[] routes = new String[n];
        String[] endpoints = new String[n];
        String[] methods = new String[n];
        Short[] statuses = new Short[n];
        Long[] times = new Long[n];
        Short[] outcomes = new Short[n];
        String[] errorTypes = new String[n];
        String[] errorMessages = new String[n];
        String[] users = new String[n];
        for (int i = 0; i < n; i++) {
            RequestRecord r = records.get(i);
            ids[i] = r.requestId();
            occurred[i] = r.occurredAt().toString();
            services[i] = r.service();
            routes[i] = r.route();
            endpoints[i] = r.endpoint();
            methods[i] = r.method();
            statuses[i] = (short) r.status();
            times[i] = r.responseTimeMs();
            outcomes[i] = r.outcome().code();
            errorTypes[i] = r.errorType();
            errorMessages[i] = r.errorMessage();
            users[i] = r.userId();
        }
        insert.setTimestamp(1, Timestamp.from(ingestedAt));
        Object[][] columns = {ids, occurred, services, routes, endpoints, methods};
        int index = 2;
        for (Object[] column : columns) {
            insert.setArray(index++, array(connection, "text", column));
        }
        insert.setArray(index++, array(connection, "int2", statuses));
        insert.setArray(index++, array(connection, "int8", times));
        insert.setArray(index++, array(connection, "int2", outcomes));
        insert.setArray(index++, array(connection, "text", errorTypes));
        insert.setArray(index++, array(connection, "text", errorMessages));
        insert.setArray(index, array(connection, "text", users));
    }

    private static Array array(Connection connection, String type, Object[] values)
            throws SQLException {
        return connection.createArrayOf(type, values);
    }

    private static void bindFilter(PreparedStatement statement, int index, String value)
            throws SQLException {
        statement.setString(index, value);
        statement.setString(index + 1, value);
    }

    private static Sample sampleOf(ResultSet result) throws SQLException {
        long time = result.getLong(5);
        Long responseTime = result.wasNull() ? null : time;
        return new Sample(result.getTimestamp(1).toInstant(), result.getString(2),
                result.getString(3), Outcome.ofCode(result.getShort(4)), responseTime,
                result.getString(6));
    }
}
