package dev.vigil.health.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.ComponentStatus;
import dev.vigil.health.model.Target;
import dev.vigil.health.repository.ResultRepository;
import dev.vigil.health.repository.TargetRepository;
import dev.vigil.health.rest.TargetApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Raw results go after 30 days, hourly rollups after 400, so old availability stays cheap. */
@QuarkusTest
@TestProfile(SettableClockProfile.class)
class RetentionTests {

    @Inject
    SettableClock clock;

    @Inject
    ResultRecorder recorder;

    @Inject
    RetentionJob retention;

    @Inject
    TargetRepository targets;

    @Inject
    ResultRepository results;

    @Test
    void shouldPruneRawResultsAfter30DaysAndRollupsAfter400() {
        Instant now = Instant.parse("2011-06-15T12:00:00Z");
        clock.set(now);
        Map<String, Object> body = new HashMap<>(TargetApi.http(TargetApi.uniqueName("retain"),
                "http://127.0.0.1:9/", 60));
        body.put("enabled", false);
        UUID id = UUID.fromString(TargetApi.create(body));
        Instant ancient = now.minus(Duration.ofDays(401)).truncatedTo(ChronoUnit.HOURS);
        Instant old = now.minus(Duration.ofDays(31)).truncatedTo(ChronoUnit.HOURS);
        Instant recent = now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        List.of(ancient, old, recent).forEach(at -> record(id, at));

        retention.prune();

        assertThat(results.countRaw(id, ancient, now).checks()).isEqualTo(1);
        assertThat(results.countRaw(id, recent, now).checks()).isEqualTo(1);
        assertThat(results.countHourly(id, old, old.plus(Duration.ofHours(1))).checks())
                .as("rollup of a pruned hour is kept").isEqualTo(1);
        assertThat(results.countHourly(id, ancient, ancient.plus(Duration.ofHours(1))).checks())
                .as("rollup older than 400 days is gone").isZero();
        TargetApi.delete(id.toString());
    }

    private void record(UUID id, Instant at) {
        Target target = targets.find(id).orElseThrow();
        recorder.record(List.of(new PendingResult(target, at, at,
                CheckOutcome.success(5, Map.of()), ComponentStatus.HEALTHY)));
    }
}
