package dev.vigil.alert.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.alert.model.Channel;
import io.agroal.api.AgroalDataSource;

/** Stores notification channels with their secrets. */
@ApplicationScoped
@Transactional
public class ChannelRepository {

    private static final String COLUMNS =
            "id, name, type, url, headers, email_to, created_at, updated_at";
    private static final String NAME_KEY = "channel_name_key";
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    ChannelRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public Channel find(UUID id) {
        List<Channel> found = query("SELECT " + COLUMNS + " FROM channel WHERE id = ?", id);
        return found.isEmpty() ? null : found.get(0);
    }

    public List<Channel> all() {
        return query("SELECT " + COLUMNS + " FROM channel ORDER BY name", null);
    }

    public void insert(Channel channel) {
        String sql = "INSERT INTO channel (" + COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, channel.id());
            insert.setString(2, channel.name());
            insert.setString(3, channel.type());
            insert.setString(4, channel.url());
            insert.setString(5, write(channel.headers()));
            insert.setString(6, channel.emailTo());
            insert.setTimestamp(7, Sql.ts(channel.createdAt()));
            insert.setTimestamp(8, Sql.ts(channel.updatedAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw translate(e, "cannot insert channel");
        }
    }

    public boolean update(Channel channel) {
        String sql = "UPDATE channel SET name = ?, type = ?, url = ?, headers = ?::jsonb, "
                + "email_to = ?, updated_at = ? WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, channel.name());
            update.setString(2, channel.type());
            update.setString(3, channel.url());
            update.setString(4, write(channel.headers()));
            update.setString(5, channel.emailTo());
            update.setTimestamp(6, Sql.ts(channel.updatedAt()));
            update.setObject(7, channel.id());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw translate(e, "cannot update channel");
        }
    }

    public boolean delete(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM channel WHERE id = ?")) {
            delete.setObject(1, id);
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new RepositoryException("cannot delete channel", e);
        }
    }

    private List<Channel> query(String sql, UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            if (id != null) {
                select.setObject(1, id);
            }
            List<Channel> channels = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    channels.add(new Channel(row.getObject("id", UUID.class),
                            row.getString("name"), row.getString("type"), row.getString("url"),
                            read(row.getString("headers")), row.getString("email_to"),
                            Sql.instant(row, "created_at"), Sql.instant(row, "updated_at")));
                }
            }
            return channels;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read channels", e);
        }
    }

    private static RuntimeException translate(SQLException e, String message) {
        if (Sql.violatesUnique(e, NAME_KEY)) {
            return new NameTakenException("channel");
        }
        return new RepositoryException(message, e);
    }

    private Map<String, String> read(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored channel headers are unreadable", e);
        }
    }

    private String write(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers == null ? Map.of() : headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("channel headers cannot be written", e);
        }
    }
}
