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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.alert.condition.ConditionType;
import dev.vigil.alert.model.Rule;
import dev.vigil.alert.model.RuleDefinition;
import io.agroal.api.AgroalDataSource;

/** Stores alert rules; the definition is kept as the JSON the API accepted. */
@ApplicationScoped
@Transactional
public class RuleRepository {

    private static final String COLUMNS = "id, definition, created_at, updated_at";
    private static final String NAME_KEY = "rule_name_key";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    RuleRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Enabled rules whose data comes from the given family. */
    public List<Rule> findEnabled(ConditionType.Family family) {
        List<Rule> rules = query("SELECT " + COLUMNS + " FROM rule WHERE enabled ORDER BY id",
                null);
        return rules.stream().filter(rule -> rule.type().family() == family).toList();
    }

    /**
     * A digest of every rule as stored: it changes with any insert, update or delete, so a
     * cache of parsed rules compares it instead of reading and parsing the rules again.
     */
    public String fingerprint() {
        String sql = "SELECT count(*) || ':' || coalesce(md5(string_agg(id::text || enabled::text "
                + "|| definition::text, ',' ORDER BY id)), '') FROM rule";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new RepositoryException("cannot read rule fingerprint", e);
        }
    }

    /** The rule, or null. */
    public Rule find(UUID id) {
        List<Rule> rules = query("SELECT " + COLUMNS + " FROM rule WHERE id = ?", id);
        return rules.isEmpty() ? null : rules.get(0);
    }

    /** One page of rules ordered by id, after the given id. */
    public List<Rule> page(UUID after, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM rule WHERE (?::uuid IS NULL OR id > ?::uuid) "
                + "ORDER BY id LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, after);
            select.setObject(2, after);
            select.setInt(3, limit);
            return read(select);
        } catch (SQLException e) {
            throw new RepositoryException("cannot list rules", e);
        }
    }

    public void insert(Rule rule) {
        String sql = "INSERT INTO rule (id, name, condition_type, enabled, definition, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, rule.id());
            bindDefinition(insert, 2, rule);
            insert.setTimestamp(6, Sql.ts(rule.createdAt()));
            insert.setTimestamp(7, Sql.ts(rule.updatedAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw translate(e, "cannot insert rule");
        }
    }

    /** Replaces the definition; false when the rule does not exist. */
    public boolean update(Rule rule) {
        String sql = "UPDATE rule SET name = ?, condition_type = ?, enabled = ?, "
                + "definition = ?::jsonb, updated_at = ? WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            bindDefinition(update, 1, rule);
            update.setTimestamp(5, Sql.ts(rule.updatedAt()));
            update.setObject(6, rule.id());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw translate(e, "cannot update rule");
        }
    }

    public boolean delete(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM rule WHERE id = ?")) {
            delete.setObject(1, id);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RepositoryException("cannot delete rule", e);
        }
    }

    /** The names of the rules that notify the channel, in name order. */
    public List<String> namesUsingChannel(UUID channelId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT name FROM rule WHERE jsonb_exists(definition->'channels', ?) "
                                + "ORDER BY name")) {
            select.setString(1, channelId.toString());
            List<String> names = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read the rules of channel " + channelId, e);
        }
    }

    private static RuntimeException translate(SQLException e, String message) {
        if (Sql.violatesUnique(e, NAME_KEY)) {
            return new NameTakenException("rule");
        }
        return new RepositoryException(message, e);
    }

    private void bindDefinition(PreparedStatement statement, int first, Rule rule)
            throws SQLException {
        RuleDefinition definition = rule.definition();
        statement.setString(first, definition.name());
        statement.setString(first + 1, definition.condition().type());
        statement.setBoolean(first + 2, definition.enabled());
        statement.setString(first + 3, write(definition));
    }

    private List<Rule> query(String sql, UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            if (id != null) {
                select.setObject(1, id);
            }
            return read(select);
        } catch (SQLException e) {
            throw new RepositoryException("cannot read rules", e);
        }
    }

    private List<Rule> read(PreparedStatement select) throws SQLException {
        List<Rule> rules = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                Instant created = Sql.instant(row, "created_at");
                Instant updated = Sql.instant(row, "updated_at");
                rules.add(new Rule(row.getObject("id", UUID.class),
                        parse(row.getString("definition")), created, updated));
            }
        }
        return rules;
    }

    private RuleDefinition parse(String text) {
        try {
            return json.readValue(text, RuleDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule definition is unreadable", e);
        }
    }

    private String write(RuleDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rule definition cannot be written", e);
        }
    }
}
