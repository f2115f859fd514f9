package dev.vigil.alert.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Small conversions between JDBC values and Java ones, and the SQL errors repositories turn
 * into answers; shared by the repositories.
 */
final class Sql {

    private static final String UNIQUE_VIOLATION = "23505";

    private Sql() {
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** Whether the statement failed on the named unique constraint. */
    static boolean violatesUnique(SQLException e, String constraint) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || !(e instanceof PSQLException psql)) {
            return false;
        }
        ServerErrorMessage server = psql.getServerErrorMessage();
        return server != null && constraint.equals(server.getConstraint());
    }

    static Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    static Integer nullableInt(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }
}
