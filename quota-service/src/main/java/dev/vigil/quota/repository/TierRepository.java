package dev.vigil.quota.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

import dev.vigil.quota.model.Tier;

/** Stores tiers and which users belong to which tier. */
@ApplicationScoped
@Transactional
public class TierRepository {

    private static final String COLUMNS = "name, requests_per_minute, requests_per_day, "
            + "requests_per_month, thresholds";
    private static final String PAGE = "SELECT " + COLUMNS + " FROM tier WHERE name > ? "
            + "ORDER BY name LIMIT ?";
    private static final String FIND = "SELECT " + COLUMNS + " FROM tier WHERE name = ?";
    private static final String FIND_ALL = "SELECT " + COLUMNS + " FROM tier";
    private static final String OF_USER = "SELECT " + COLUMNS + " FROM tier WHERE name = "
            + "COALESCE((SELECT tier FROM user_tier WHERE user_id = ?), ?)";
    private static final String INSERT = "INSERT INTO tier (" + COLUMNS + ", updated_at) "
            + "VALUES (?, ?, ?, ?, ?, now()) ON CONFLICT (name) DO NOTHING";
    private static final String UPDATE = "UPDATE tier SET requests_per_minute = ?, "
            + "requests_per_day = ?, requests_per_month = ?, thresholds = ?, updated_at = now() "
            + "WHERE name = ?";
    private static final String DELETE = "DELETE FROM tier WHERE name = ?";
    private static final String IN_USE = "SELECT EXISTS (SELECT 1 FROM user_tier WHERE tier = ?)";
    private static final String ASSIGN = "INSERT INTO user_tier (user_id, tier, updated_at) "
            + "VALUES (?, ?, now()) ON CONFLICT (user_id) DO UPDATE SET tier = EXCLUDED.tier, "
            + "updated_at = EXCLUDED.updated_at";

    private final AgroalDataSource dataSource;

    TierRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Tiers by name after {@code afterName} (null for the first page). */
    public List<Tier> findPage(String afterName, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(PAGE)) {
            select.setString(1, afterName == null ? "" : afterName);
            select.setInt(2, limit);
            return readTiers(select);
        } catch (SQLException e) {
            throw new RepositoryException("cannot list tiers", e);
        }
    }

    /** Every tier by name. */
    public Map<String, Tier> findAll() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(FIND_ALL)) {
            Map<String, Tier> tiers = new HashMap<>();
            readTiers(select).forEach(tier -> tiers.put(tier.name(), tier));
            return tiers;
        } catch (SQLException e) {
            throw new RepositoryException("cannot list tiers", e);
        }
    }

    /** The tier, or null. */
    public Tier find(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(FIND)) {
            select.setString(1, name);
            List<Tier> tiers = readTiers(select);
            return tiers.isEmpty() ? null : tiers.get(0);
        } catch (SQLException e) {
            throw new RepositoryException("cannot read tier " + name, e);
        }
    }

    /** The user's tier, or {@code defaultTier} for a user nobody assigned; null if neither. */
    public Tier findTierOfUser(String userId, String defaultTier) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(OF_USER)) {
            select.setString(1, userId);
            select.setString(2, defaultTier);
            List<Tier> tiers = readTiers(select);
            return tiers.isEmpty() ? null : tiers.get(0);
        } catch (SQLException e) {
            throw new RepositoryException("cannot read the tier of user " + userId, e);
        }
    }

    /** Stores a new tier; false when one of that name exists. */
    public boolean insert(Tier tier) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, tier.name());
            bindLimits(connection, insert, tier, 2);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RepositoryException("cannot create tier " + tier.name(), e);
        }
    }

    /** Replaces a tier's limits and thresholds; false when there is no such tier. */
    public boolean update(Tier tier) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(UPDATE)) {
            bindLimits(connection, update, tier, 1);
            update.setString(5, tier.name());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RepositoryException("cannot update tier " + tier.name(), e);
        }
    }

    /** Deletes a tier; false when there is no such tier. */
    public boolean delete(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, name);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RepositoryException("cannot delete tier " + name, e);
        }
    }

    /** Whether any user is assigned to the tier. */
    public boolean isAssigned(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(IN_USE)) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot check the users of tier " + name, e);
        }
    }

    /** Puts the user on the tier, keeping the usage already counted. */
    public void assign(String userId, String tierName) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement assign = connection.prepareStatement(ASSIGN)) {
            assign.setString(1, userId);
            assign.setString(2, tierName);
            assign.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot assign user " + userId, e);
        }
    }

    private static void bindLimits(
            Connection connection,
            PreparedStatement statement,
            Tier tier,
            int first) throws SQLException {
        statement.setObject(first, tier.requestsPerMinute(), java.sql.Types.BIGINT);
        statement.setObject(first + 1, tier.requestsPerDay(), java.sql.Types.BIGINT);
        statement.setObject(first + 2, tier.requestsPerMonth(), java.sql.Types.BIGINT);
        statement.setArray(first + 3, Jdbc.doubleArray(connection, tier.thresholds()));
    }

    private static List<Tier> readTiers(PreparedStatement select) throws SQLException {
        List<Tier> tiers = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                tiers.add(new Tier(
                        rows.getString("name"),
                        Jdbc.nullableLong(rows, "requests_per_minute"),
                        Jdbc.nullableLong(rows, "requests_per_day"),
                        Jdbc.nullableLong(rows, "requests_per_month"),
                        Jdbc.doubles(rows, "thresholds")));
            }
        }
        return tiers;
    }
}
