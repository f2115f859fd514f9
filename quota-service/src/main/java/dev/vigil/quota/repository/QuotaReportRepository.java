package dev.vigil.quota.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

import dev.vigil.quota.model.PeriodSlot;
import dev.vigil.quota.period.QuotaPeriod;

/** Aggregates the current counters of all users per tier and period, inside Postgres. */
@ApplicationScoped
@Transactional
public class QuotaReportRepository {

    // Users' current counters rated against their tier's limit; utilization is capped at 1
    // and a limit of 0 counts as fully used, as in ThresholdRule.
    private static final String RATED = "WITH rated AS ("
            + "SELECT cur.tier, cur.period, cur.used, t.thresholds, " + limitCase() + " AS lim "
            + "FROM (SELECT c.period, c.used, COALESCE(ut.tier, ?) AS tier "
            + "  FROM usage_counter c "
            + "  JOIN unnest(?::text[], ?::timestamptz[]) AS s(period, period_start) "
            + "    ON c.period = s.period AND c.period_start = s.period_start "
            + "  LEFT JOIN user_tier ut ON ut.user_id = c.user_id) AS cur "
            + "JOIN tier t ON t.name = cur.tier "
            + "WHERE ?::text IS NULL OR cur.tier = ?::text"
            + "), utilized AS (SELECT rated.*, CASE WHEN lim IS NULL THEN NULL "
            + "WHEN lim = 0 THEN 1.0 ELSE LEAST(1.0, used::float8 / lim) END AS utilization "
            + "FROM rated) ";
    private static final String SUMMARY = RATED + "SELECT tier, period, count(*) AS users, "
            + "avg(utilization) AS average, max(utilization) AS maximum "
            + "FROM utilized GROUP BY tier, period";
    private static final String OVER = RATED + "SELECT u.tier, u.period, th AS threshold, "
            + "count(*) FILTER (WHERE u.lim IS NOT NULL "
            + "  AND u.used >= ceil(th::numeric * u.lim)) AS users "
            + "FROM utilized u CROSS JOIN LATERAL unnest(u.thresholds) AS th "
            + "GROUP BY u.tier, u.period, th";

    private final AgroalDataSource dataSource;

    QuotaReportRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One row per tier and period with users in it. */
    public List<SummaryRow> summarize(List<PeriodSlot> slots, String defaultTier, String tier) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SUMMARY)) {
            bind(connection, select, slots, defaultTier, tier);
            List<SummaryRow> summary = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    summary.add(new SummaryRow(rows.getString("tier"),
                            QuotaPeriod.valueOf(rows.getString("period")), rows.getLong("users"),
                            nullableDouble(rows, "average"), nullableDouble(rows, "maximum")));
                }
            }
            return summary;
        } catch (SQLException e) {
            throw new RepositoryException("cannot summarize usage", e);
        }
    }

    /** One row per tier, period and threshold: the users at or above it. */
    public List<OverRow> countOverThresholds(
            List<PeriodSlot> slots,
            String defaultTier,
            String tier) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(OVER)) {
            bind(connection, select, slots, defaultTier, tier);
            List<OverRow> over = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    over.add(new OverRow(rows.getString("tier"),
                            QuotaPeriod.valueOf(rows.getString("period")),
                            rows.getDouble("threshold"), rows.getLong("users")));
                }
            }
            return over;
        } catch (SQLException e) {
            throw new RepositoryException("cannot count users over thresholds", e);
        }
    }

    private static void bind(
            Connection connection,
            PreparedStatement select,
            List<PeriodSlot> slots,
            String defaultTier,
            String tier) throws SQLException {
        select.setString(1, defaultTier);
        select.setArray(2, Jdbc.textArray(connection,
                slots.stream().map(slot -> slot.period().name()).toList()));
        select.setArray(3, Jdbc.textArray(connection,
                slots.stream().map(slot -> slot.start().toString()).toList()));
        select.setString(4, tier);
        select.setString(5, tier);
    }

    private static String limitCase() {
        return Arrays.stream(QuotaPeriod.values())
                .map(p -> "WHEN '" + p.name() + "' THEN t." + p.limitColumn())
                .collect(Collectors.joining(" ", "CASE cur.period ", " END"));
    }

    private static Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    /** Users, average and maximum utilization of one tier in one period. */
    public record SummaryRow(
            String tier,
            QuotaPeriod period,
            long users,
            Double average,
            Double maximum) {
    }

    /** Users of one tier at or above one threshold in one period. */
    public record OverRow(String tier, QuotaPeriod period, double threshold, long users) {
    }
}
