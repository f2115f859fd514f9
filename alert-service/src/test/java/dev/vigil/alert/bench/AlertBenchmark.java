package dev.vigil.alert.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.vigil.alert.service.HealthEvaluator;
import dev.vigil.alert.support.AlertEvents;
import dev.vigil.alert.support.AlertTestResource;
import dev.vigil.alert.support.TestChannels;
import dev.vigil.alert.support.TestRules;
import dev.vigil.common.event.HealthCheckCompleted;
import dev.vigil.common.topic.Topics;
import dev.vigil.testsupport.HttpReceiver;
import dev.vigil.testsupport.HttpReceiver.Reply;
import dev.vigil.testsupport.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Benchmarks: failing check on Kafka → webhook POST latency with consecutive_failures 1, and
 * evaluation throughput in HealthCheckCompleted events per second. Run on demand:
 * {@code mvn -o -Pbench -pl alert-service test -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtest=AlertBenchmark}. The machine's load average is printed with the figures, since
 * other work on a shared host moves them.
 */
@Tag("benchmark")
@QuarkusTest
@WithTestResource(AlertTestResource.class)
class AlertBenchmark {

    private static final int WARM_UP = 20;
    private static final int LATENCY_SAMPLES = 300;
    private static final int THROUGHPUT_EVENTS = 100_000;
    private static final int BATCH = 500;
    private static final int TARGETS = 2_000;

    @Inject
    HealthEvaluator evaluator;

    @Test
    void shouldMeasureCheckToWebhookLatencyAndEvaluationThroughput() throws Exception {
        String latency = measureLatency();
        String throughput = measureThroughput();
        String report = "alert-service benchmark " + Instant.now() + "\n" + latency + "\n"
                + throughput + "\n" + "load average (1, 5, 15 min): " + loadAverage() + "\n";
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "alert-evaluation.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertThat(out).exists();
    }

    private String measureLatency() throws InterruptedException {
        String group = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
        Histogram histogram = new Histogram(60_000_000L, 3);
        try (HttpReceiver hook = HttpReceiver.start();
                KafkaTestClient kafka = KafkaTestClient.connect()) {
            hook.respondWith(request -> {
                arrival(arrivals, subjectOf(request.body())).complete(System.nanoTime());
                return new Reply(200, "ok");
            });
            // Warm-up targets are in the rule's scope too: their POSTs arrive, so the warm-up
            // exercises the same path instead of waiting out each arrival timeout.
            List<String> targets = new ArrayList<>();
            for (int i = 0; i < WARM_UP + LATENCY_SAMPLES; i++) {
                targets.add(i < WARM_UP ? group + "-warm-" + i : group + "-" + i);
            }
            TestRules.create(Map.of("name", group, "condition",
                    Map.of("type", "consecutive_failures", "threshold", 1), "severity", "high",
                    "channels", List.of(TestChannels.webhook(hook.url("/bench"))),
                    "scope", Map.of("targetIds", targets)));
            for (int i = 0; i < WARM_UP + LATENCY_SAMPLES; i++) {
                String target = targets.get(i);
                long sent = System.nanoTime();
                kafka.send(Topics.HEALTH_CHECKS, target, AlertEvents.check(target, "UNHEALTHY"));
                long arrived = awaitArrival(arrivals, "target:" + target);
                if (i >= WARM_UP && arrived > 0) {
                    histogram.recordValue((arrived - sent) / 1_000);
                }
            }
        }
        return String.format("check->webhook latency (consecutive_failures 1, n=%d): "
                + "p50=%.1f ms p99=%.1f ms max=%.1f ms", histogram.getTotalCount(),
                histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
    }

    /**
     * Blocks until the subject's first POST arrived; -1 after 20 s. A blocking wait, not a
     * spin: on a 2-core host a spinning waiter takes a core from the service it measures.
     */
    private static long awaitArrival(Map<String, CompletableFuture<Long>> arrivals,
            String subject) throws InterruptedException {
        try {
            return arrival(arrivals, subject).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    private static CompletableFuture<Long> arrival(
            Map<String, CompletableFuture<Long>> arrivals, String subject) {
        return arrivals.computeIfAbsent(subject, key -> new CompletableFuture<>());
    }

    private String measureThroughput() {
        String group = "tp-" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now();
        List<HealthCheckCompleted> batch = new ArrayList<>(BATCH);
        long began = System.nanoTime();
        for (int i = 0; i < THROUGHPUT_EVENTS; i++) {
            String target = group + "-" + (i % TARGETS);
            String status = i % 7 == 0 ? "UNHEALTHY" : "HEALTHY";
            batch.add(AlertEvents.check(target, status, start.plusMillis(i)));
            if (batch.size() == BATCH) {
                evaluator.apply(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        return String.format("evaluation throughput: %d HealthCheckCompleted in %.2f s = "
                + "%.0f events/s (batches of %d, %d targets, all rules enabled)",
                THROUGHPUT_EVENTS, seconds, THROUGHPUT_EVENTS / seconds, BATCH, TARGETS);
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        if (!Files.exists(loadavg)) {
            return "unknown";
        }
        String[] fields = Files.readString(loadavg).trim().split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static String subjectOf(String body) {
        int start = body.indexOf("\"subject\":\"") + 11;
        return start < 11 ? "" : body.substring(start, body.indexOf('"', start));
    }
}
