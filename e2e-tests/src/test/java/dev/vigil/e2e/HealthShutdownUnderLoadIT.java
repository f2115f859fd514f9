package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.vigil.common.event.HealthCheckCompleted;
import dev.vigil.common.serde.EventCodec;
import dev.vigil.common.topic.Topics;
import dev.vigil.testsupport.HttpReceiver;
import dev.vigil.testsupport.HttpReceiver.Reply;
import dev.vigil.testsupport.KafkaTestClient;

/**
 * SIGTERM to a packaged health-service while checks are running (issue 7): the process exits
 * within 30 s, and every check the target server saw is stored exactly once and published
 * exactly once on {@code vigil.health.checks}; no lease is left behind, so checks claimed but
 * not started were handed back.
 */
class HealthShutdownUnderLoadIT {

    private static final String DATABASE = "vigil_e2e_health_shutdown";
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
    private static final int TARGETS = 300;
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(30);

    private final Map<String, Integer> indexOfTarget = new ConcurrentHashMap<>();

    @Test
    void shouldStoreAndPublishEveryStartedCheckOnceWhenTerminatedUnderLoad() throws Exception {
        FreshDatabase.recreate(DATABASE);
        try (HttpReceiver receiver = HttpReceiver.start();
                KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader reader = kafka.readerAtEnd(Topics.HEALTH_CHECKS);
                ServiceProcess service = ServiceProcess.start("health-service", properties())) {
            // Odd targets answer in 300-800 ms, so checks are always in flight.
            receiver.respondWith(request -> new Reply(200, "ok", delayOf(request.path())));
            registerAll(service, receiver);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> receiver.requests().size() >= 3 * TARGETS);

            Instant terminatedAt = Instant.now();
            int exit = service.terminate(EXIT_LIMIT);
            Duration exitTook = Duration.between(terminatedAt, Instant.now());

            assertThat(exit).as("exit code after SIGTERM (-1: still running after %s)",
                    EXIT_LIMIT).isNotEqualTo(-1);
            assertThat(exitTook).isLessThan(EXIT_LIMIT);
            Map<Integer, Long> seen = receiver.requests().stream()
                    .collect(Collectors.groupingBy(r -> indexOf(r.path()),
                            Collectors.counting()));
            List<StoredCheck> stored = storedChecks();
            reader.await(this::ours, stored.size(), Duration.ofSeconds(30));
            List<HealthCheckCompleted> published = reader.settle(this::ours,
                    Duration.ofSeconds(3)).stream().map(HealthShutdownUnderLoadIT::decode)
                    .toList();

            List<String> storedKeys = stored.stream().map(StoredCheck::key).toList();
            assertThat(storedKeys).as("stored results by target and time")
                    .doesNotHaveDuplicates();
            assertThat(countBy(stored, s -> indexOfTarget.get(s.targetId().toString())))
                    .as("results stored per target index vs requests the target saw")
                    .isEqualTo(seen);
            assertThat(published.stream().map(HealthCheckCompleted::eventId))
                    .as("published event ids").doesNotHaveDuplicates();
            assertThat(published.stream().map(e -> e.targetId() + "@" + e.checkedAt()))
                    .as("published events by target and time").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(storedKeys);
            assertThat(queryLong("SELECT count(*) FROM health.outbox")).as("outbox left")
                    .isZero();
            assertThat(queryLong("SELECT count(*) FROM health.target WHERE lease_until "
                    + "IS NOT NULL")).as("leases left").isZero();
            assertThat(Files.readString(service.log())).contains("Shutdown drained")
                    .contains("abandoned=0 unstored=0 unpublished=0");
        }
    }

    /** A stored result: its target and when the check started. */
    private record StoredCheck(UUID targetId, Instant checkedAt) {

        /** Events carry the check time in milliseconds, so the key does too. */
        String key() {
            return targetId + "@" + checkedAt.truncatedTo(ChronoUnit.MILLIS);
        }
    }

    private boolean ours(ConsumerRecord<String, byte[]> record) {
        return indexOfTarget.containsKey(record.key());
    }

    private static Duration delayOf(String path) {
        int index = indexOf(path);
        return index % 2 == 0 ? Duration.ZERO
                : Duration.ofMillis(300 + (long) (Math.random() * 500));
    }

    private static int indexOf(String path) {
        return Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
    }

    private static <T> Map<Integer, Long> countBy(List<T> items, Function<T, Integer> key) {
        return items.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    /** Registers the targets from a few threads; one by one is slow on a busy machine. */
    private void registerAll(ServiceProcess service, HttpReceiver receiver) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < TARGETS; i++) {
                int index = i;
                ids.add(pool.submit(() -> register(service, receiver, index)));
            }
            for (int i = 0; i < TARGETS; i++) {
                indexOfTarget.put(ids.get(i).get(2, TimeUnit.MINUTES), i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String register(ServiceProcess service, HttpReceiver receiver, int index) {
        Map<String, Object> body = Map.of(
                "name", "shutdown-" + index,
                "kind", "HTTP",
                "intervalSeconds", 5,
                "timeoutMs", 3000,
                "degradedAfterMs", 1000,
                "unhealthyAfterMs", 2500,
                "settings", Map.of("url", receiver.url("/t/" + index)));
        return TargetApi.create(service, body);
    }

    private static HealthCheckCompleted decode(ConsumerRecord<String, byte[]> record) {
        return EventCodec.decode(record.value(), HealthCheckCompleted.class);
    }

    private static List<StoredCheck> storedChecks() throws SQLException {
        List<StoredCheck> checks = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
                PreparedStatement query = connection.prepareStatement(
                        "SELECT target_id, checked_at FROM health.check_result");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                checks.add(new StoredCheck(rows.getObject(1, UUID.class),
                        rows.getTimestamp(2).toInstant()));
            }
        }
        return checks;
    }

    private static long queryLong(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Map<String, String> properties() {
        Map<String, String> properties = SuiteProperties.common(DATABASE);
        // The targets are a loopback server, which checks may reach only when allowed.
        properties.put("vigil.health.allow-list", "127.0.0.0/8");
        // The start (Flyway) must not fail on a busy shared machine; this test is about the stop.
        properties.put("quarkus.datasource.jdbc.acquisition-timeout", "15S");
        return properties;
    }
}
