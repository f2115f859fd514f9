package dev.vigil.health.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.vigil.health.repository.TargetRepository;
import dev.vigil.health.repository.TargetRepository.Claimed;
import dev.vigil.health.rest.TargetApi;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A check claimed ahead of its tick and handed back at shutdown keeps its tick: the lease ends
 * and the due time returns to the claimed tick; a claim whose lease changed meanwhile is left.
 */
@QuarkusTest
class HandBackTests {

    @Inject
    TargetRepository targets;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldRestoreDueTickAndEndLeaseWhenHandedBack() throws Exception {
        UUID id = UUID.fromString(TargetApi.create(Map.of("name", TargetApi.uniqueName("back"),
                "kind", "HTTP", "intervalSeconds", 60, "timeoutMs", 1000,
                "settings", Map.of("url", "http://127.0.0.1:9/"))));
        // Its first check (due at once) is the service's; after it, only this test claims it,
        // since the tick is far beyond the service's own claim window.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !TargetApi.resultStatuses(id.toString()).isEmpty());
        Instant tick = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        setDue(id, tick);
        Instant now = tick.minusMillis(300);

        Claimed claimed = targets.claimDue(now, tick.plusMillis(200), 1000, 5000).stream()
                .filter(c -> c.target().id().equals(id)).findFirst().orElseThrow();
        Instant dueAfterClaim = due(id);
        int handedBack = targets.handBack(List.of(claimed));
        int handedBackAgain = targets.handBack(List.of(claimed));

        assertThat(claimed.dueAt()).isEqualTo(tick);
        assertThat(dueAfterClaim).isEqualTo(tick.plusSeconds(60));
        assertThat(handedBack).isEqualTo(1);
        assertThat(due(id)).isEqualTo(tick);
        assertThat(lease(id)).isNull();
        assertThat(handedBackAgain).as("a claim whose lease is gone is left alone").isZero();
        TargetApi.delete(id.toString());
    }

    private void setDue(UUID id, Instant due) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE target SET next_due_at = ?, lease_until = NULL WHERE id = ?")) {
            update.setObject(1, OffsetDateTime.ofInstant(due, ZoneOffset.UTC));
            update.setObject(2, id);
            update.executeUpdate();
        }
    }

    private Instant due(UUID id) throws Exception {
        return instant("SELECT next_due_at FROM target WHERE id = ?", id);
    }

    private Instant lease(UUID id) throws Exception {
        return instant("SELECT lease_until FROM target WHERE id = ?", id);
    }

    private Instant instant(String sql, UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                OffsetDateTime value = rows.getObject(1, OffsetDateTime.class);
                return value == null ? null : value.toInstant();
            }
        }
    }
}
