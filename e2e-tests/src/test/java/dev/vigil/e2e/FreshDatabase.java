package dev.vigil.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of its own for one end-to-end run, so the services under test see no targets,
 * rules or alerts left by other tests.
 */
final class FreshDatabase {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private FreshDatabase() {
    }

    /** Drops and creates the database; returns its name. */
    static String recreate(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        }
        return name;
    }
}
