package dev.vigil.health.check.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.vigil.health.check.CheckSettings;
import dev.vigil.kit.problem.Violation;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Settings of a POSTGRES check.
 *
 * @param url {@code postgresql://host:port/db} or the same with a {@code jdbc:} prefix
 * @param passwordRef the name of a password in {@code vigil.health.secrets}; never stored here
 * @param query a read-only query; absent means {@code SELECT 1}
 */
public record PostgresSettings(String url, String user, String passwordRef, String query)
        implements CheckSettings {

    @Override
    public String query() {
        return query == null ? "SELECT 1" : query;
    }

    /** The connection options the URL stands for. */
    public PgConnectOptions connectOptions() {
        String uri = url.startsWith("jdbc:") ? url.substring(5) : url;
        int params = uri.indexOf('?');
        return PgConnectOptions.fromUri(params < 0 ? uri : uri.substring(0, params));
    }

    @Override
    public List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        if (url == null || url.isBlank()) {
            violations.add(new Violation("settings.url", "is required"));
        } else {
            try {
                connectOptions();
            } catch (RuntimeException e) {
                violations.add(new Violation("settings.url",
                        "must be postgresql://host:port/database"));
            }
        }
        String lower = query().trim().toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("select") || lower.startsWith("with")) || lower.contains(";")) {
            violations.add(new Violation("settings.query", "must be one read-only SELECT"));
        }
        return violations;
    }

    @Override
    public List<Destination> destinations() {
        return List.of(new Destination("settings.url", connectOptions().getHost()));
    }
}
