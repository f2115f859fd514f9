package dev.vigil.health.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** Counts the outbox rows not yet published, for the shutdown flush. */
@ApplicationScoped
public class OutboxBacklog {

    private final AgroalDataSource dataSource;

    OutboxBacklog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Events waiting in this service's outbox. */
    public long count() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM outbox");
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new RepositoryException("cannot count outbox rows", e);
        }
    }
}
