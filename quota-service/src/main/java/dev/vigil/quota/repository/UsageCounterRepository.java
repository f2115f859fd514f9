package dev.vigil.quota.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

import dev.vigil.quota.model.Counter;
import dev.vigil.quota.model.Increment;
import dev.vigil.quota.model.PeriodSlot;
import dev.vigil.quota.period.QuotaPeriod;

/**
 * Per-user, per-period request counts. Every change is one upsert whose row locks serialize
 * concurrent callers, on one replica or many, so the check and the add are atomic.
 */
@ApplicationScoped
@Transactional
public class UsageCounterRepository {

    private static final String RETURNING = " RETURNING c.user_id, c.period, c.period_start, "
            + "c.used, c.quota_limit, c.notified";

    // The slots come in enum order, so concurrent calls lock one user's rows in one order.
    // A row whose WHERE fails is left unchanged and not returned: the caller sees which
    // periods refused.
    private static final String ADD_WITHIN_LIMITS = "INSERT INTO usage_counter AS c "
            + "(user_id, period, period_start, used, quota_limit) "
            + "SELECT ?, s.period, s.period_start, ?, s.quota_limit "
            + "FROM unnest(?::text[], ?::timestamptz[], ?::int8[]) WITH ORDINALITY "
            + "AS s(period, period_start, quota_limit, ord) "
            + "WHERE s.quota_limit IS NULL OR s.quota_limit >= ? "
            + "ORDER BY s.ord "
            + "ON CONFLICT (user_id, period, period_start) DO UPDATE "
            + "SET used = c.used + EXCLUDED.used, quota_limit = EXCLUDED.quota_limit "
            + "WHERE EXCLUDED.quota_limit IS NULL "
            + "OR c.used + EXCLUDED.used <= EXCLUDED.quota_limit"
            + RETURNING;

    private static final String ADD_ALL = "INSERT INTO usage_counter AS c "
            + "(user_id, period, period_start, used, quota_limit) "
            + "SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::int8[], ?::int8[]) "
            + "ON CONFLICT (user_id, period, period_start) DO UPDATE "
            + "SET used = c.used + EXCLUDED.used, quota_limit = EXCLUDED.quota_limit"
            + RETURNING;

    private static final String SUBTRACT = "UPDATE usage_counter c SET used = c.used - ? "
            + "FROM unnest(?::text[], ?::timestamptz[]) AS s(period, period_start) "
            + "WHERE c.user_id = ? AND c.period = s.period AND c.period_start = s.period_start";

    private static final String MARK_NOTIFIED = "UPDATE usage_counter SET notified = ? "
            + "WHERE user_id = ? AND period = ? AND period_start = ?";

    private static final String FIND_USED = "SELECT c.period, c.used FROM usage_counter c "
            + "JOIN unnest(?::text[], ?::timestamptz[]) AS s(period, period_start) "
            + "ON c.period = s.period AND c.period_start = s.period_start WHERE c.user_id = ?";

    private static final String PRUNE = "DELETE FROM usage_counter "
            + "WHERE period = ? AND period_start < ?";

    private final AgroalDataSource dataSource;

    UsageCounterRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Adds {@code amount} to each slot whose limit still allows it; returns the counters it
     * changed. Fewer counters than slots means a limit refused and the caller must undo.
     */
    public List<Counter> addWithinLimits(String userId, List<PeriodSlot> slots, long amount) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(ADD_WITHIN_LIMITS)) {
            upsert.setString(1, userId);
            upsert.setLong(2, amount);
            upsert.setArray(3, Jdbc.textArray(connection, periodNames(slots)));
            upsert.setArray(4, Jdbc.textArray(connection, starts(slots)));
            upsert.setArray(5, Jdbc.longArray(connection,
                    slots.stream().map(PeriodSlot::limit).toList()));
            upsert.setLong(6, amount);
            return readCounters(upsert);
        } catch (SQLException e) {
            throw new RepositoryException("cannot count usage of user " + userId, e);
        }
    }

    /** Takes {@code amount} back from counters this transaction added to. */
    public void subtract(String userId, List<Counter> counters, long amount) {
        if (counters.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(SUBTRACT)) {
            update.setLong(1, amount);
            update.setArray(2, Jdbc.textArray(connection,
                    counters.stream().map(counter -> counter.period().name()).toList()));
            update.setArray(3, Jdbc.textArray(connection,
                    counters.stream().map(counter -> counter.periodStart().toString()).toList()));
            update.setString(4, userId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot undo usage of user " + userId, e);
        }
    }

    /**
     * Adds every increment without a limit check (the requests were already served); the
     * increments must be unique per counter and sorted, so concurrent batches lock in order.
     */
    public List<Counter> addAll(List<Increment> increments) {
        if (increments.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(ADD_ALL)) {
            upsert.setArray(1, Jdbc.textArray(connection,
                    increments.stream().map(Increment::userId).toList()));
            upsert.setArray(2, Jdbc.textArray(connection,
                    increments.stream().map(increment -> increment.period().name()).toList()));
            upsert.setArray(3, Jdbc.textArray(connection,
                    increments.stream().map(i -> i.periodStart().toString()).toList()));
            upsert.setArray(4, Jdbc.longArray(connection,
                    increments.stream().map(Increment::amount).toList()));
            upsert.setArray(5, Jdbc.longArray(connection,
                    increments.stream().map(Increment::limit).toList()));
            return readCounters(upsert);
        } catch (SQLException e) {
            throw new RepositoryException("cannot count " + increments.size() + " increments", e);
        }
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

    private static List<Counter> readCounters(PreparedStatement statement) throws SQLException {
        List<Counter> counters = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                counters.add(new Counter(
                        rows.getString("user_id"),
                        QuotaPeriod.valueOf(rows.getString("period")),
                        Jdbc.instant(rows, "period_start"),
                        rows.getLong("used"),
                        Jdbc.nullableLong(rows, "quota_limit"),
                        Jdbc.doubles(rows, "notified")));
            }
        }
        return counters;
    }
}
