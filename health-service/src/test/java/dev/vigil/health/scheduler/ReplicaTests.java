package dev.vigil.health.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.health.config.HealthConfig;
import dev.vigil.health.model.CheckResult;
import dev.vigil.health.model.TargetKind;
import dev.vigil.health.repository.ResultRepository;
import dev.vigil.health.repository.TargetRepository;
import dev.vigil.health.rest.TargetRequest;
import dev.vigil.health.service.CheckRunner;
import dev.vigil.health.service.ResultWriter;
import dev.vigil.health.service.TargetService;
import dev.vigil.testsupport.HttpReceiver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * Issue 3's replica test, shortened to 200 targets at 5 s for 30 s: the service's own
 * scheduler and a second scheduler instance claim from one database side by side, and every
 * target is checked exactly once per interval.
 */
@QuarkusTest
class ReplicaTests {

    private static final int TARGETS = 200;

    @Inject
    TargetService service;

    @Inject
    TargetRepository targets;

    @Inject
    ResultRepository results;

    @Inject
    CheckRunner runner;

    @Inject
    ResultWriter writer;

    @Inject
    HealthConfig config;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    Vertx vertx;

    @Test
    void shouldCheckEveryTargetOncePerIntervalAcrossTwoSchedulers() {
        SchedulingStats secondStats = new SchedulingStats();
        CheckScheduler second = new CheckScheduler(targets, runner, writer, secondStats, config,
                clock, new SimpleMeterRegistry(), vertx);
        ScheduledExecutorService replica = Executors.newSingleThreadScheduledExecutor();
        try (HttpReceiver receiver = HttpReceiver.start()) {
            String prefix = "replica-" + UUID.randomUUID().toString().substring(0, 8);
            replica.scheduleWithFixedDelay(second::claimAndStart, 0, 200, TimeUnit.MILLISECONDS);
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < TARGETS; i++) {
                ids.add(service.create(request(prefix + "-" + i,
                        receiver.url("/" + prefix + "/" + i))).id());
            }
            long end = System.nanoTime() + Duration.ofSeconds(32).toNanos();

            await().atMost(Duration.ofSeconds(45)).until(() -> System.nanoTime() > end);
            replica.shutdownNow();
            Map<UUID, List<CheckResult>> byTarget = new HashMap<>();
            ids.forEach(id -> byTarget.put(id, results.page(id, null, null, 100, null, null)));
            ids.forEach(service::delete);

            assertThat(secondStats.startedCount()).as("checks the second replica ran")
                    .isPositive();
            byTarget.forEach((id, stored) -> {
                assertThat(stored).as("results of %s", id).hasSizeGreaterThanOrEqualTo(5);
                assertThat(gapsMs(stored)).as("gaps between checks of %s", id)
                        .allMatch(gap -> gap >= 4000 && gap <= 6500);
            });
        } finally {
            replica.shutdownNow();
        }
    }

    private TargetRequest request(String name, String url) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("url", url);
        return new TargetRequest(name, TargetKind.HTTP, 5, 3000, 5000, 10000, false, null, true,
                mapper.valueToTree(settings));
    }

    private static List<Long> gapsMs(List<CheckResult> newestFirst) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < newestFirst.size(); i++) {
            gaps.add(Duration.between(newestFirst.get(i).checkedAt(),
                    newestFirst.get(i - 1).checkedAt()).toMillis());
        }
        return gaps;
    }
}
