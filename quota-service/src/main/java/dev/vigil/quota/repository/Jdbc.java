package dev.vigil.quota.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Conversions between Java values and the JDBC types the repositories bind and read. */
final class Jdbc {

    private Jdbc() {
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    static List<Double> doubles(ResultSet row, String column) throws SQLException {
        Array array = row.getArray(column);
        if (array == null) {
            return List.of();
        }
        return Arrays.asList((Double[]) array.getArray());
    }

    static Array doubleArray(Connection connection, Collection<Double> values)
            throws SQLException {
        return connection.createArrayOf("float8", values.toArray());
    }

    static Array textArray(Connection connection, Collection<String> values)
            throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    static Array longArray(Connection connection, Collection<Long> values) throws SQLException {
        return connection.createArrayOf("int8", values.toArray());
    }
}
