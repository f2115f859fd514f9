package dev.vigil.alert.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.vigil.alert.model.RuleStatus;
import io.agroal.api.AgroalDataSource;

/** The last evaluation of each rule and subject, so an UNKNOWN rule is visible. */
@ApplicationScoped
@Transactional
public class RuleStatusRepository {

    private static final String UPSERT = "INSERT INTO rule_status (rule_id, subject, status, "
            + "observed_value, evaluated_at) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (rule_id, subject) DO UPDATE SET status = EXCLUDED.status, "
            + "observed_value = EXCLUDED.observed_value, evaluated_at = EXCLUDED.evaluated_at";

    private final AgroalDataSource dataSource;

    RuleStatusRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void save(UUID ruleId, String subject, String status, Double observed, Instant at) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setObject(1, ruleId);
            upsert.setString(2, subject);
            upsert.setString(3, status);
            upsert.setObject(4, observed);
            upsert.setTimestamp(5, Sql.ts(at));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot save rule status", e);
        }
    }

    public List<RuleStatus> of(UUID ruleId) {
        String sql = "SELECT subject, status, observed_value, evaluated_at FROM rule_status "
                + "WHERE rule_id = ? ORDER BY subject";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, ruleId);
            List<RuleStatus> statuses = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    statuses.add(new RuleStatus(row.getString("subject"), row.getString("status"),
                            Sql.nullableDouble(row, "observed_value"),
                            Sql.instant(row, "evaluated_at")));
                }
            }
            return statuses;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read rule status", e);
        }
    }
}
