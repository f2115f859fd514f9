package dev.vigil.quota.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

import dev.vigil.quota.model.Decision;
import dev.vigil.quota.model.RequestKey;

/**
 * The request ids already counted per user, from either path. Claiming an id is an insert on
 * its primary key, so of two concurrent claims one waits for the other and then loses.
 */
@ApplicationScoped
@Transactional
public class CountedRequestRepository {

    private static final String CLAIM = "INSERT INTO counted_request "
            + "(user_id, request_id, counted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String CLAIM_ALL = "INSERT INTO counted_request "
            + "(user_id, request_id, allowed, counted_at) "
            + "SELECT r.user_id, r.request_id, true, ? "
            + "FROM unnest(?::text[], ?::text[]) AS r(user_id, request_id) "
            + "ON CONFLICT DO NOTHING RETURNING user_id, request_id";
    private static final String FIND = "SELECT allowed, remaining, resets_at "
            + "FROM counted_request WHERE user_id = ? AND request_id = ?";
    private static final String DECIDE = "UPDATE counted_request "
            + "SET allowed = ?, remaining = ?, resets_at = ? WHERE user_id = ? AND request_id = ?";
    private static final String PRUNE = "DELETE FROM counted_request WHERE counted_at < ?";

    private final AgroalDataSource dataSource;

    CountedRequestRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Claims the request for this transaction; false when it was seen before. */
    public boolean claim(RequestKey key, Instant now) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(CLAIM)) {
            insert.setString(1, key.userId());
            insert.setString(2, key.requestId());
            insert.setObject(3, Jdbc.timestamp(now));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RepositoryException("cannot claim request " + key.requestId(), e);
        }
    }

    /** Claims every request as counted; returns those not seen before. Keys must be unique. */
    public Set<RequestKey> claimAll(List<RequestKey> keys, Instant now) {
        Set<RequestKey> fresh = new HashSet<>();
        if (keys.isEmpty()) {
            return fresh;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(CLAIM_ALL)) {
            insert.setObject(1, Jdbc.timestamp(now));
            insert.setArray(2, Jdbc.textArray(connection,
                    keys.stream().map(RequestKey::userId).toList()));
            insert.setArray(3, Jdbc.textArray(connection,
                    keys.stream().map(RequestKey::requestId).toList()));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    fresh.add(new RequestKey(rows.getString(1), rows.getString(2)));
                }
            }
            return fresh;
        } catch (SQLException e) {
            throw new RepositoryException("cannot claim " + keys.size() + " requests", e);
        }
    }

    /**
     * The stored decision of a request seen before; {@code remaining} and {@code resetsAt} are
     * null when it was counted from a UsageRecorded event.
     */
    public Decision findDecision(RequestKey key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(FIND)) {
            select.setString(1, key.userId());
            select.setString(2, key.requestId());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return new Decision(row.getBoolean("allowed"),
                        Jdbc.nullableLong(row, "remaining"), Jdbc.instant(row, "resets_at"));
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot read request " + key.requestId(), e);
        }
    }

    /** Stores the decision on the claimed request. */
    public void recordDecision(RequestKey key, Decision decision) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(DECIDE)) {
            update.setBoolean(1, decision.allowed());
            update.setObject(2, decision.remaining(), java.sql.Types.BIGINT);
            update.setObject(3, Jdbc.timestamp(decision.resetsAt()));
            update.setString(4, key.userId());
            update.setString(5, key.requestId());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot store decision of " + key.requestId(), e);
        }
    }

    /** Forgets request ids counted before {@code before}. */
    public int deleteCountedBefore(Instant before) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(PRUNE)) {
            delete.setObject(1, Jdbc.timestamp(before));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot prune counted requests", e);
        }
    }
}
