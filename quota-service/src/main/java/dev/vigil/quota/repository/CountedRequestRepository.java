package dev.vigil.quota.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

/**
 * Retention of the request ids counted per user. The ids are claimed by {@link
 * ConsumeRepository} and {@link UsageBatchRepository} with an insert on the primary key, so
 * of two concurrent claims one waits for the other and then loses.
 */
@ApplicationScoped
@Transactional
public class CountedRequestRepository {

    private static final String PRUNE = "DELETE FROM counted_request WHERE counted_at < ?";

    private final AgroalDataSource dataSource;

    CountedRequestRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
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
