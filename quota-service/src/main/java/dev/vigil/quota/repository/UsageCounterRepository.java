package dev.vigil.quota.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

import dev.vigil.quota.model.Counter;
import dev.vigil.quota.model.PeriodSlot;
import dev.vigil.quota.period.QuotaPeriod;

/**
 * Per-user, per-period request counts: reads, threshold marks and pruning. The counting
 * itself is in {@link ConsumeRepository} and {@link UsageBatchRepository}.
 */
@ApplicationScoped
@Transactional
public class UsageCounterRepository {

    private static final String MARK_NOTIFIED = "UPDATE usage_counter SET notified = ? "
            + "WHERE user_id = ? AND period = ? AND period_start = ?";

    private static final String FIND_USED = "SELECT c.period, c.used FROM usage_counter c "
            + "JOIN unnest(?::text[], ?::timestamptz[]) AS s(period, period_start) "
            + "ON c.period = s.period AND c.period_start = s.period_start WHERE c.user_id = ?";

    // In period order, the order consume_quota locks them in, so the two cannot deadlock.
    private static final String LOCK_NOTIFIED = "SELECT c.period, c.notified "
            + "FROM unnest(?::text[], ?::timestamptz[]) WITH ORDINALITY "
            + "AS s(period, period_start, position) "
            + "JOIN usage_counter c ON c.user_id = ? AND c.period = s.period "
            + "AND c.period_start = s.period_start ORDER BY s.position FOR UPDATE OF c";

    private static final String PRUNE = "DELETE FROM usage_counter "
            + "WHERE period = ? AND period_start < ?";

    private final AgroalDataSource dataSource;

    UsageCounterRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the thresholds announced so far for each counter. */
    public void markNotified(Collection<Counter> counters) {
        if (counters.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(MARK_NOTIFIED)) {
            for (Counter counter : counters) {
                update.setArray(1, Jdbc.doubleArray(connection, counter.notified()));
                update.setString(2, counter.userId());
                update.setString(3, counter.period().name());
                update.setObject(4, Jdbc.timestamp(counter.periodStart()));
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new RepositoryException("cannot mark thresholds as announced", e);
        }
    }

    /** The user's count in each slot; a period without a row is absent from the map. */
    public Map<QuotaPeriod, Long> findUsed(String userId, List<PeriodSlot> slots) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(FIND_USED)) {
            select.setArray(1, Jdbc.textArray(connection, periodNames(slots)));
            select.setArray(2, Jdbc.textArray(connection, starts(slots)));
            select.setString(3, userId);
            Map<QuotaPeriod, Long> used = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    used.put(QuotaPeriod.valueOf(rows.getString("period")), rows.getLong("used"));
                }
            }
            return used;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read usage of user " + userId, e);
        }
    }

    /**
     * Locks the user's counters of these slots until the transaction ends and answers the
     * thresholds each has announced; a counter pruned meanwhile is absent from the map.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<QuotaPeriod, List<Double>> lockNotified(String userId, List<Counter> slots) {
        List<Counter> ordered = slots.stream()
                .sorted(Comparator.comparing(Counter::period))
                .toList();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(LOCK_NOTIFIED)) {
            select.setArray(1, Jdbc.textArray(connection,
                    ordered.stream().map(counter -> counter.period().name()).toList()));
            select.setArray(2, Jdbc.textArray(connection,
                    ordered.stream().map(counter -> counter.periodStart().toString()).toList()));
            select.setString(3, userId);
            Map<QuotaPeriod, List<Double>> notified = new EnumMap<>(QuotaPeriod.class);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    notified.put(QuotaPeriod.valueOf(rows.getString("period")),
                            Jdbc.doubles(rows, "notified"));
                }
            }
            return notified;
        } catch (SQLException e) {
            throw new RepositoryException("cannot lock counters of user " + userId, e);
        }
    }

    /** Deletes the counters of one period kind that started before {@code before}. */
    public int deleteCountersOlderThan(QuotaPeriod period, Instant before) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(PRUNE)) {
            delete.setString(1, period.name());
            delete.setObject(2, Jdbc.timestamp(before));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot prune " + period + " counters", e);
        }
    }

    private static List<String> periodNames(List<PeriodSlot> slots) {
        return slots.stream().map(slot -> slot.period().name()).toList();
    }

    private static List<String> starts(List<PeriodSlot> slots) {
        return slots.stream().map(slot -> slot.start().toString()).toList();
    }
}
