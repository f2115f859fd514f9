package dev.vigil.alert.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.vigil.alert.model.Silence;
import io.agroal.api.AgroalDataSource;

/** Stores silences and answers whether one covers an alert at an instant. */
@ApplicationScoped
@Transactional
public class SilenceRepository {

    private static final String COLUMNS =
            "id, rule_id, subject, tag, starts_at, ends_at, comment, created_by, created_at";
    private static final String MATCH = "SELECT 1 FROM silence WHERE starts_at <= ? "
            + "AND ends_at > ? AND (rule_id IS NULL OR rule_id = ?) "
            + "AND (subject IS NULL OR subject = ?) AND (tag IS NULL OR tag = ANY(?)) LIMIT 1";

    private final AgroalDataSource dataSource;

    SilenceRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether a silence active at {@code at} matches the rule, subject and rule tags. */
    public boolean silenced(UUID ruleId, String subject, Collection<String> tags, Instant at) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(MATCH)) {
            select.setTimestamp(1, Sql.ts(at));
            select.setTimestamp(2, Sql.ts(at));
            select.setObject(3, ruleId);
            select.setString(4, subject);
            select.setArray(5, connection.createArrayOf("text", tags.toArray()));
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot match silences", e);
        }
    }

    public void insert(Silence silence) {
        String sql = "INSERT INTO silence (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, silence.id());
            insert.setObject(2, silence.ruleId());
            insert.setString(3, silence.subject());
            insert.setString(4, silence.tag());
            insert.setTimestamp(5, Sql.ts(silence.startsAt()));
            insert.setTimestamp(6, Sql.ts(silence.endsAt()));
            insert.setString(7, silence.comment());
            insert.setString(8, silence.createdBy());
            insert.setTimestamp(9, Sql.ts(silence.createdAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot insert silence", e);
        }
    }

    public Silence find(UUID id) {
        List<Silence> found = query("SELECT " + COLUMNS + " FROM silence WHERE id = ?", id);
        return found.isEmpty() ? null : found.get(0);
    }

    public List<Silence> all() {
        return query("SELECT " + COLUMNS + " FROM silence ORDER BY starts_at DESC, id", null);
    }

    public boolean delete(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM silence WHERE id = ?")) {
            delete.setObject(1, id);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RepositoryException("cannot delete silence", e);
        }
    }

    private List<Silence> query(String sql, UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            if (id != null) {
                select.setObject(1, id);
            }
            List<Silence> silences = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    silences.add(new Silence(row.getObject("id", UUID.class),
                            row.getObject("rule_id", UUID.class), row.getString("subject"),
                            row.getString("tag"), Sql.instant(row, "starts_at"),
                            Sql.instant(row, "ends_at"), row.getString("comment"),
                            row.getString("created_by"), Sql.instant(row, "created_at")));
                }
            }
            return silences;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read silences", e);
        }
    }
}
