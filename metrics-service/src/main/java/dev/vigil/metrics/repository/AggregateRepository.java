package dev.vigil.metrics.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.metrics.stats.Aggregate;
import dev.vigil.metrics.stats.Granularity;
import dev.vigil.metrics.stats.LatencyBuckets;
import dev.vigil.metrics.stats.Rollup;
import dev.vigil.metrics.stats.Segment;
import dev.vigil.metrics.stats.Sketches;
import dev.vigil.metrics.stats.StatsFilter;
import io.agroal.api.AgroalDataSource;

/**
 * Minute, hour and day pre-aggregates, per route and rolled up ({@link Rollup}). Counters
 * are added in SQL; sketches cannot be, so rows that already existed come back locked by the
 * upsert and get their merged sketch in a second statement of the same transaction.
 */
@ApplicationScoped
public class AggregateRepository {

    private static final String COLUMNS = "granularity, bucket_start, service, route, total, "
            + "successful, failed, client_errors, timed, rt_sum, rt_min, rt_max, rt_under_100, "
            + "rt_under_500, rt_under_1000, rt_under_2000, rt_under_5000, rt_5000_up, "
            + "error_types, sketch";
    private static final String UPSERT = "INSERT INTO request_aggregate AS a (" + COLUMNS
            + ", updated_at) SELECT v.g, v.b::timestamptz, v.s, v.r, v.t, v.ok, v.f, v.c, v.tm,"
            + " v.sm, v.mn, v.mx, v.b0, v.b1, v.b2, v.b3, v.b4, v.b5, v.e::jsonb, v.sk,"
            + " ?::timestamptz FROM unnest(?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[],"
            + " ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[],"
            + " ?::text[], ?::bytea[]) WITH ORDINALITY"
            + " AS v(g, b, s, r, t, ok, f, c, tm, sm, mn, mx, b0, b1, b2, b3, b4, b5, e, sk, n)"
            + " ORDER BY v.n"
            + " ON CONFLICT (granularity, bucket_start, service, route) DO UPDATE SET"
            + " total = a.total + excluded.total,"
            + " successful = a.successful + excluded.successful,"
            + " failed = a.failed + excluded.failed,"
            + " client_errors = a.client_errors + excluded.client_errors,"
            + " timed = a.timed + excluded.timed,"
            + " rt_sum = a.rt_sum + excluded.rt_sum,"
            + " rt_min = LEAST(a.rt_min, excluded.rt_min),"
            + " rt_max = GREATEST(a.rt_max, excluded.rt_max),"
            + " rt_under_100 = a.rt_under_100 + excluded.rt_under_100,"
            + " rt_under_500 = a.rt_under_500 + excluded.rt_under_500,"
            + " rt_under_1000 = a.rt_under_1000 + excluded.rt_under_1000,"
            + " rt_under_2000 = a.rt_under_2000 + excluded.rt_under_2000,"
            + " rt_under_5000 = a.rt_under_5000 + excluded.rt_under_5000,"
            + " rt_5000_up = a.rt_5000_up + excluded.rt_5000_up,"
            + " error_types = CASE WHEN excluded.error_types = '{}'::jsonb THEN a.error_types"
            + " ELSE (SELECT jsonb_object_agg(k, n) FROM (SELECT k, sum(x::bigint) AS n FROM"
            + " (SELECT * FROM jsonb_each_text(a.error_types) UNION ALL"
            + " SELECT * FROM jsonb_each_text(excluded.error_types)) e(k, x) GROUP BY k) m) END,"
            + " updated_at = excluded.updated_at"
            + " RETURNING granularity, bucket_start, service, route, (xmax = 0) AS inserted,"
            + " sketch";
    // The granularity array is char(1)[] like the column: compared as text, the key index
    // would not be used and every batch would scan the whole table.
    private static final String UPDATE_SKETCHES = "UPDATE request_aggregate a SET sketch = v.sk"
            + " FROM unnest(?::char(1)[], ?::text[], ?::text[], ?::text[], ?::bytea[])"
            + " AS v(g, b, s, r, sk) WHERE a.granularity = v.g"
            + " AND a.bucket_start = v.b::timestamptz AND a.service = v.s AND a.route = v.r";
    private static final String FILTER = " AND (?::text IS NULL OR service = ?)"
            + " AND (?::text IS NULL OR route = ?)";
    private static final String PRUNE = "DELETE FROM request_aggregate WHERE updated_at < ?";
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    AggregateRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds the deltas (ordered by key) to the stored pre-aggregates. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(List<Aggregate> deltas, Instant updatedAt) {
        if (deltas.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            List<Aggregate> merged = upsert(connection, deltas, updatedAt);
            if (!merged.isEmpty()) {
                updateSketches(connection, merged);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot store pre-aggregates", e);
        }
    }

    /** Requests counted in the segments, to decide between exact and sketch answers. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long countRequests(List<Segment> segments, StatsFilter filter, Rollup rollup) {
        if (segments.isEmpty()) {
            return 0;
        }
        String sql = "SELECT coalesce(sum(total), 0) FROM request_aggregate WHERE "
                + where(segments) + FILTER + " AND " + rollup.condition();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            bindQuery(select, segments, filter);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot count pre-aggregates", e);
        }
    }

    /** The pre-aggregates of the segments that match the filter, at the roll-up level. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Aggregate> find(List<Segment> segments, StatsFilter filter, Rollup rollup) {
        List<Aggregate> found = new ArrayList<>();
        if (segments.isEmpty()) {
            return found;
        }
        String sql = "SELECT " + COLUMNS + " FROM request_aggregate WHERE " + where(segments)
                + FILTER + " AND " + rollup.condition();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            bindQuery(select, segments, filter);
            select.setFetchSize(5_000);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    found.add(aggregateOf(result));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StorageException("cannot read pre-aggregates", e);
        }
    }

    /** Deletes pre-aggregates last changed before the cutoff; returns how many. */
    @Transactional
    public int deleteUpdatedBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement prune = connection.prepareStatement(PRUNE)) {
            prune.setTimestamp(1, Timestamp.from(cutoff));
            return prune.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot prune pre-aggregates", e);
        }
    }

    private List<Aggregate> upsert(Connection connection, List<Aggregate> deltas, Instant at)
            throws SQLException {
        Map<String, Aggregate> byKey = new HashMap<>();
        deltas.forEach(delta -> byKey.put(key(delta.granularity().code(), delta.bucketStart(),
                delta.service(), delta.route()), delta));
        List<Aggregate> merged = new ArrayList<>();
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            bindDeltas(connection, upsert, deltas, at);
            try (ResultSet result = upsert.executeQuery()) {
                while (result.next()) {
                    Aggregate delta = byKey.get(key(result.getString(1),
                            result.getTimestamp(2).toInstant(), result.getString(3),
                            result.getString(4)));
                    if (!result.getBoolean(5) && delta.timed() > 0) {
                        merged.add(withMergedSketch(delta, result.getBytes(6)));
                    }
                }
            }
        }
        return merged;
    }

    private static Aggregate withMergedSketch(Aggregate delta, byte[] stored) {
        DDSketch sketch = Sketches.empty();
        Sketches.mergeInto(sketch, stored);
        Sketches.mergeInto(sketch, delta.sketch());
        return new Aggregate(delta.granularity(), delta.bucketStart(), delta.service(),
                delta.route(), 0, 0, 0, 0, 0, 0, null, null, delta.buckets(), Map.of(),
                Sketches.encode(sketch));
    }

    private static void updateSketches(Connection connection, List<Aggregate> merged)
            throws SQLException {
        int n = merged.size();
        String[] granularities = new String[n];
        String[] buckets = new String[n];
        String[] services = new String[n];
        String[] routes = new String[n];
        byte[][] sketches = new byte[n][];
        for (int i = 0; i < n; i++) {
            Aggregate a = merged.get(i);
            granularities[i] = a.granularity().code();
            buckets[i] = a.bucketStart().toString();
            services[i] = a.service();
            routes[i] = a.route();
            sketches[i] = a.sketch();
        }
        try (PreparedStatement update = connection.prepareStatement(UPDATE_SKETCHES)) {
            update.setArray(1, connection.createArrayOf("text", granularities));
            update.setArray(2, connection.createArrayOf("text", buckets));
            update.setArray(3, connection.createArrayOf("text", services));
            update.setArray(4, connection.createArrayOf("text", routes));
            update.setArray(5, connection.createArrayOf("bytea", sketches));
            update.executeUpdate();
        }
    }

    private void bindDeltas(
            Connection connection,
            PreparedStatement upsert,
            List<Aggregate> deltas,
            Instant at) throws SQLException {
        int n = deltas.size();
        String[][] texts = new String[5][n];
        Long[][] numbers = new Long[8 + LatencyBuckets.COUNT][n];
        byte[][] sketches = new byte[n][];
        for (int i = 0; i < n; i++) {
            Aggregate a = deltas.get(i);
            texts[0][i] = a.granularity().code();
            texts[1][i] = a.bucketStart().toString();
            texts[2][i] = a.service();
            texts[3][i] = a.route();
            texts[4][i] = toJson(a.errorTypes());
            Long[] values = {a.total(), a.successful(), a.failed(), a.clientErrors(), a.timed(),
                a.rtSum(), a.rtMin(), a.rtMax()};
            for (int c = 0; c < values.length; c++) {
                numbers[c][i] = values[c];
            }
            for (int b = 0; b < LatencyBuckets.COUNT; b++) {
                numbers[8 + b][i] = a.buckets()[b];
            }
            sketches[i] = a.sketch();
        }
        int index = 1;
        upsert.setTimestamp(index++, Timestamp.from(at));
        for (int c = 0; c < 4; c++) {
            upsert.setArray(index++, connection.createArrayOf("text", texts[c]));
        }
        for (Long[] column : numbers) {
            upsert.setArray(index++, connection.createArrayOf("int8", column));
        }
        upsert.setArray(index++, connection.createArrayOf("text", texts[4]));
        upsert.setArray(index, connection.createArrayOf("bytea", sketches));
    }

    private static String where(List<Segment> segments) {
        StringBuilder where = new StringBuilder("(");
        for (int i = 0; i < segments.size(); i++) {
            if (i > 0) {
                where.append(" OR ");
            }
            where.append("(granularity = ? AND bucket_start >= ? AND bucket_start < ?)");
        }
        return where.append(")").toString();
    }

    private static void bindQuery(
            PreparedStatement select,
            List<Segment> segments,
            StatsFilter filter) throws SQLException {
        int index = 1;
        for (Segment segment : segments) {
            select.setString(index++, segment.granularity().code());
            select.setTimestamp(index++, Timestamp.from(segment.from()));
            select.setTimestamp(index++, Timestamp.from(segment.to()));
        }
        select.setString(index++, filter.service());
        select.setString(index++, filter.service());
        select.setString(index++, filter.route());
        select.setString(index, filter.route());
    }

    private Aggregate aggregateOf(ResultSet r) throws SQLException {
        long[] buckets = new long[LatencyBuckets.COUNT];
        for (int b = 0; b < buckets.length; b++) {
            buckets[b] = r.getLong(13 + b);
        }
        return new Aggregate(Granularity.ofCode(r.getString(1)), r.getTimestamp(2).toInstant(),
                r.getString(3), r.getString(4), r.getLong(5), r.getLong(6), r.getLong(7),
                r.getLong(8), r.getLong(9), r.getLong(10), nullableLong(r, 11),
                nullableLong(r, 12), buckets, fromJson(r.getString(19)), r.getBytes(20));
    }

    private static Long nullableLong(ResultSet result, int index) throws SQLException {
        long value = result.getLong(index);
        return result.wasNull() ? null : value;
    }

    private String toJson(Map<String, Long> counts) {
        try {
            return json.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write error type counts", e);
        }
    }

    private Map<String, Long> fromJson(String text) {
        if (text == null || "{}".equals(text)) {
            return new TreeMap<>();
        }
        try {
            return json.readValue(text, COUNTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read error type counts", e);
        }
    }

    private static String key(String granularity, Instant bucket, String service, String route) {
        return granularity + '|' + bucket + '|' + service + '|' + route;
    }
}
