package dev.vigil.quota.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

import dev.vigil.quota.model.Counter;
import dev.vigil.quota.model.Tier;
import dev.vigil.quota.period.QuotaPeriod;

/**
 * Counts a batch of served requests in one statement: claims the request ids, adds the fresh
 * ones to one counter row per user, period and period start, and sends back only the
 * counters that may have reached a threshold not yet announced. Nothing per request comes
 * back to the JVM.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class UsageBatchRepository {

    // Tiers are looked up by index per counter row, not joined from a CTE: the planner cannot
    // estimate a CTE over array parameters and would compare every row with every row.
    // Counter rows are locked in one order (user in byte order, period kind, start) by every
    // batch, and /consume locks one user's rows in the same period order: no deadlocks.
    // The EXISTS is a cheap superset of ThresholdRule (used >= ceil(t x L) implies used >= t x L
    // - 1); the service applies the exact rule to the few rows it lets through.
    private static final String COUNT = """
            WITH ev AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[])
                    AS e(user_id, request_id, occurred_at)
            ), claimed AS (
                INSERT INTO counted_request (user_id, request_id, allowed, counted_at)
                SELECT ev.user_id, ev.request_id, true, ? FROM ev
                ON CONFLICT DO NOTHING
                RETURNING user_id, request_id
            ), fresh AS (
                SELECT ev.user_id, ev.occurred_at FROM ev
                JOIN claimed ON claimed.user_id = ev.user_id
                    AND claimed.request_id = ev.request_id
            ), finest AS (
                SELECT f.user_id, date_trunc(?, f.occurred_at, 'UTC') AS start, count(*) AS n
                FROM fresh f
                GROUP BY 1, 2
            ), slots AS (
                SELECT f.user_id, p.period, p.ord,
                       date_trunc(p.unit, f.start, 'UTC') AS period_start, sum(f.n) AS amount
                FROM finest f
                CROSS JOIN unnest(?::text[], ?::text[]) WITH ORDINALITY AS p(period, unit, ord)
                GROUP BY f.user_id, p.period, p.ord, date_trunc(p.unit, f.start, 'UTC')
            ), counted AS (
                INSERT INTO usage_counter AS c (user_id, period, period_start, used, quota_limit)
                SELECT s.user_id, s.period, s.period_start, s.amount, tier_limit(t, s.period)
                FROM slots s
                LEFT JOIN user_tier ut ON ut.user_id = s.user_id
                LEFT JOIN tier t ON t.name = COALESCE(ut.tier, ?)
                ORDER BY s.user_id COLLATE "C", s.ord, s.period_start
                ON CONFLICT ON CONSTRAINT usage_counter_pkey DO UPDATE
                SET used = c.used + EXCLUDED.used, quota_limit = EXCLUDED.quota_limit
                RETURNING c.user_id, c.period, c.period_start, c.used, c.quota_limit, c.notified
            ), candidates AS (
                SELECT c.*, t.name AS tier_name, t.thresholds
                FROM counted c
                LEFT JOIN user_tier ut ON ut.user_id = c.user_id
                JOIN tier t ON t.name = COALESCE(ut.tier, ?)
                WHERE c.quota_limit IS NOT NULL AND EXISTS (
                    SELECT 1 FROM unnest(t.thresholds) AS th(ratio)
                    WHERE NOT th.ratio = ANY (c.notified)
                      AND c.used >= th.ratio * c.quota_limit - 1)
            )
            SELECT (SELECT count(*) FROM fresh) AS fresh, a.*
            FROM (SELECT 1) AS one LEFT JOIN candidates a ON true
            """;

    /**
     * The shortest period: every other one is a union of its slots, so requests are first
     * summed per user and slot of it, then those few sums per period.
     */
    private static final QuotaPeriod FINEST = QuotaPeriod.values()[0];

    private final AgroalDataSource dataSource;

    UsageBatchRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Counts the requests not counted before, each in the periods of its {@code occurredAt},
     * under the user's tier (or {@code defaultTier}). The three lists are parallel, and the
     * (user, request) pairs must be unique.
     */
    public BatchResult count(
            List<String> userIds,
            List<String> requestIds,
            List<Instant> occurredAts,
            Instant now,
            String defaultTier) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(COUNT)) {
            count.setArray(1, Jdbc.textArray(connection, userIds));
            count.setArray(2, Jdbc.textArray(connection, requestIds));
            count.setArray(3, Jdbc.textArray(connection,
                    occurredAts.stream().map(Instant::toString).toList()));
            count.setObject(4, Jdbc.timestamp(now));
            count.setString(5, FINEST.sqlUnit());
            count.setArray(6, Jdbc.textArray(connection,
                    List.of(QuotaPeriod.values()).stream().map(QuotaPeriod::name).toList()));
            count.setArray(7, Jdbc.textArray(connection,
                    List.of(QuotaPeriod.values()).stream().map(QuotaPeriod::sqlUnit).toList()));
            count.setString(8, defaultTier);
            count.setString(9, defaultTier);
            try (ResultSet rows = count.executeQuery()) {
                return read(rows);
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot count " + userIds.size() + " requests", e);
        }
    }

    private static BatchResult read(ResultSet rows) throws SQLException {
        int fresh = 0;
        List<Counter> candidates = new ArrayList<>();
        Map<String, Tier> tiers = new HashMap<>();
        while (rows.next()) {
            fresh = rows.getInt("fresh");
            if (rows.getString("user_id") == null) {
                continue;
            }
            Counter counter = new Counter(rows.getString("user_id"),
                    QuotaPeriod.valueOf(rows.getString("period")),
                    Jdbc.instant(rows, "period_start"),
                    rows.getLong("used"),
                    Jdbc.nullableLong(rows, "quota_limit"),
                    Jdbc.doubles(rows, "notified"));
            candidates.add(counter);
            tiers.put(counter.userId(), new Tier(rows.getString("tier_name"), null, null, null,
                    Jdbc.doubles(rows, "thresholds")));
        }
        return new BatchResult(fresh, candidates, tiers);
    }

    /**
     * What a batch counted.
     *
     * @param fresh requests counted (not seen before)
     * @param candidates counters that may have reached a threshold not yet announced
     * @param tierByUser the tier (name and thresholds) of each candidate's user
     */
    public record BatchResult(int fresh, List<Counter> candidates, Map<String, Tier> tierByUser) {
    }
}
