package dev.vigil.metrics.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.vigil.metrics.model.Outcome;
import dev.vigil.metrics.model.RequestRecord;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Raw rows through the binary COPY on the real Postgres: every column back as it was sent. */
@QuarkusTest
class RequestRecordRepositoryTests {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    @Inject
    RequestRecordRepository records;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldReadBackEveryColumnUnchangedWhenValuesAreAtTheirLimits() throws SQLException {
        String id = "repo-" + UUID.randomUUID();
        RequestRecord full = new RequestRecord(id + "-full",
                Instant.parse("1969-12-31T23:59:59.999Z"), "shop é😀", "/r/{id}",
                "/r/1?q=\t\n\\N", "PATCH", 599, 86_400_000L, Outcome.FAILED, "Time\tout\\E",
                "line one\r\nline\ttwo \\N, \u2028 €", "dom\\user\nx");
        RequestRecord empty = new RequestRecord(id + "-empty",
                Instant.parse("0001-01-01T00:00:00Z"), "shop", "/", "/", "GET", 0, null,
                Outcome.SUCCESS, null, null, null);
        RequestRecord latest = new RequestRecord(id + "-latest",
                Instant.parse("9999-12-31T23:59:59.999Z"), "shop", "/", "", "GET", 404, 0L,
                Outcome.CLIENT_ERROR, null, "", " ");

        List<String> inserted = insertNew(List.of(full, empty, latest));

        assertThat(inserted).containsExactlyInAnyOrder(full.requestId(), empty.requestId(),
                latest.requestId());
        assertThat(read(full.requestId())).isEqualTo(full);
        assertThat(read(empty.requestId())).isEqualTo(empty);
        assertThat(read(latest.requestId())).isEqualTo(latest);
    }

    @Test
    void shouldReturnOnlyNewIdsWhenSomeAreStoredAlready() {
        String id = "repo-" + UUID.randomUUID();
        RequestRecord first = record(id + "-1");
        RequestRecord second = record(id + "-2");
        insertNew(List.of(first));

        List<String> inserted = insertNew(List.of(second, first));

        assertThat(inserted).containsExactly(second.requestId());
    }

    private List<String> insertNew(List<RequestRecord> batch) {
        return QuarkusTransaction.requiringNew().call(() -> records.insertNew(batch, NOW));
    }

    private static RequestRecord record(String requestId) {
        return new RequestRecord(requestId, NOW, "shop", "/", "/", "GET", 200, 5L,
                Outcome.SUCCESS, null, null, null);
    }

    private RequestRecord read(String requestId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT request_id, "
                        + "occurred_at, service, route, endpoint, method, status, "
                        + "response_time_ms, outcome, error_type, error_message, user_id "
                        + "FROM request_record WHERE request_id = ?")) {
            select.setString(1, requestId);
            try (ResultSet r = select.executeQuery()) {
                assertThat(r.next()).as("row %s", requestId).isTrue();
                long time = r.getLong(8);
                Long responseTime = r.wasNull() ? null : time;
                return new RequestRecord(r.getString(1),
                        r.getObject(2, OffsetDateTime.class).toInstant(), r.getString(3),
                        r.getString(4), r.getString(5), r.getString(6), r.getInt(7),
                        responseTime, Outcome.ofCode(r.getShort(9)), r.getString(10),
                        r.getString(11), r.getString(12));
            }
        }
    }
}
