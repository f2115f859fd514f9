package dev.vigil.metrics.repository;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.metrics.model.Outcome;
import dev.vigil.metrics.model.RequestRecord;
import dev.vigil.metrics.stats.RawSummary;
import dev.vigil.metrics.stats.Sample;
import dev.vigil.metrics.stats.StatsFilter;
import dev.vigil.metrics.stats.WindowPlan.Range;
import io.agroal.api.AgroalDataSource;

/** Raw request rows: stored once per request id, read for exact statistics, pruned by age. */
@ApplicationScoped
public class RequestRecordRepository {

    // Rows are streamed with COPY into a session-local staging table, then moved in one
    // statement that skips ids already stored; the staging rows vanish at commit.
    private static final String STAGE = """
            CREATE TEMP TABLE IF NOT EXISTS request_record_stage (request_id TEXT, \
            occurred_at TIMESTAMPTZ, service TEXT, route TEXT, endpoint TEXT, method TEXT, \
            status SMALLINT, response_time_ms BIGINT, outcome SMALLINT, error_type TEXT, \
            error_message TEXT, user_id TEXT) ON COMMIT DELETE ROWS""";
    private static final String COPY = "COPY request_record_stage FROM STDIN (FORMAT binary)";
    private static final int STAGE_COLUMNS = 12;
    // Rows are inserted in request id order, so two batches that share ids (a redelivery
    // processed next to the first delivery) lock them in the same order and cannot deadlock.
    private static final String INSERT = """
            INSERT INTO request_record (request_id, occurred_at, service, route, endpoint, \
            method, status, response_time_ms, outcome, error_type, error_message, user_id, \
            ingested_at)
            SELECT s.*, ?::timestamptz FROM request_record_stage s
            ORDER BY s.request_id
            ON CONFLICT (request_id) DO NOTHING
            RETURNING request_id""";
    private static final String WHERE = """
            WHERE occurred_at >= ? AND occurred_at < ?
              AND (?::text IS NULL OR service = ?)
              AND (?::text IS NULL OR route = ?)
              AND (?::text IS NULL OR user_id = ?)""";
    // One sort into an array; ranks in integer arithmetic, as Percentiles does: nearest rank
    // ceil(p·n/100), and the two middle ranks (equal when n is odd) for the true median.
    private static final String SUMMARY = """
            WITH w AS MATERIALIZED (
              SELECT occurred_at, outcome, response_time_ms AS t, error_type
              FROM request_record
            """ + WHERE + """
            ),
            p AS (SELECT a[(n + 1) / 2] AS lo, a[(n + 2) / 2] AS hi,
                         a[(95 * n + 99) / 100] AS p95, a[(99 * n + 99) / 100] AS p99
                  FROM (SELECT array_agg(t ORDER BY t) AS a, count(*) AS n
                        FROM w WHERE t IS NOT NULL) sorted),
            e AS (SELECT jsonb_object_agg(error_type, c)::text AS types FROM
                  (SELECT error_type, count(*) AS c FROM w WHERE error_type IS NOT NULL
                   GROUP BY error_type) x),
            c AS (SELECT count(*) AS total,
                         count(*) FILTER (WHERE outcome = 0) AS ok,
                         count(*) FILTER (WHERE outcome = 1) AS client,
                         count(*) FILTER (WHERE outcome = 2) AS failed,
                         count(t) AS timed, coalesce(sum(t), 0) AS rt_sum,
                         min(t) AS rt_min, max(t) AS rt_max,
                         count(*) FILTER (WHERE occurred_at >= ? AND occurred_at < ?) AS inside
                  FROM w)
            SELECT c.*, p.lo, p.hi, p.p95, p.p99, e.types FROM c, p, e""";
    private static final String SELECT = """
            SELECT occurred_at, service, route, outcome, response_time_ms, error_type
            FROM request_record
            """ + WHERE;
    private static final String PRUNE = "DELETE FROM request_record WHERE ingested_at < ?";

    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    RequestRecordRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the records whose id is new; returns those ids, in no particular order.
     * Duplicates are left alone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> insertNew(List<RequestRecord> records, Instant ingestedAt) {
        List<String> inserted = new ArrayList<>(records.size());
        if (records.isEmpty()) {
            return inserted;
        }
        try (Connection connection = dataSource.getConnection()) {
            try (Statement stage = connection.createStatement()) {
                stage.execute(STAGE);
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn(COPY, copyRows(records));
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setTimestamp(1, Timestamp.from(ingestedAt));
                try (ResultSet result = insert.executeQuery()) {
                    while (result.next()) {
                        inserted.add(result.getString(1));
                    }
                }
            }
            return inserted;
        } catch (SQLException e) {
            throw new StorageException("cannot store request records", e);
        } catch (IOException e) {
            // The rows come from memory, so a failed COPY stream is a lost connection.
            throw new StorageException("cannot store request records",
                    new SQLException(e.getMessage(), "08006", e));
        }
    }

    /**
     * Exact figures of [from, to) computed in the database, and how many of the rows lie in
     * {@code aligned} (null: none).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RawSummary summarize(Range range, Range aligned, StatsFilter filter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SUMMARY)) {
            select.setTimestamp(1, Timestamp.from(range.from()));
            select.setTimestamp(2, Timestamp.from(range.to()));
            bindFilter(select, 3, filter.service());
            bindFilter(select, 5, filter.route());
            bindFilter(select, 7, filter.userId());
            Range inside = aligned == null ? new Range(range.from(), range.from()) : aligned;
            select.setTimestamp(9, Timestamp.from(inside.from()));
            select.setTimestamp(10, Timestamp.from(inside.to()));
            try (ResultSet r = select.executeQuery()) {
                r.next();
                return summaryOf(r);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot summarize request records", e);
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

    /** The records in the staging table's column order and types. */
    private static InputStream copyRows(List<RequestRecord> records) {
        CopyRows rows = new CopyRows(records.size(), 200);
        for (RequestRecord r : records) {
            rows.row(STAGE_COLUMNS).text(r.requestId()).timestamp(r.occurredAt())
                    .text(r.service()).text(r.route()).text(r.endpoint()).text(r.method())
                    .smallint(r.status()).bigint(r.responseTimeMs())
                    .smallint(r.outcome().code()).text(r.errorType()).text(r.errorMessage())
                    .text(r.userId());
        }
        return rows.stream();
    }

    private RawSummary summaryOf(ResultSet r) throws SQLException {
        long timed = r.getLong("timed");
        Double median = null;
        if (timed > 0) {
            median = (r.getLong("lo") + r.getLong("hi")) / 2.0;
        }
        return new RawSummary(r.getLong("total"), r.getLong("ok"), r.getLong("failed"),
                r.getLong("client"), timed, r.getLong("rt_sum"), nullableLong(r, "rt_min"),
                nullableLong(r, "rt_max"), median, nullableDouble(r, "p95"),
                nullableDouble(r, "p99"), errorTypes(r.getString("types")), r.getLong("inside"));
    }

    private Map<String, Long> errorTypes(String text) {
        if (text == null) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(json.readValue(text, COUNTS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read error type counts", e);
        }
    }

    private static Long nullableLong(ResultSet result, String column) throws SQLException {
        long value = result.getLong(column);
        return result.wasNull() ? null : value;
    }

    private static Double nullableDouble(ResultSet result, String column) throws SQLException {
        long value = result.getLong(column);
        return result.wasNull() ? null : (double) value;
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
