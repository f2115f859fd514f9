package dev.vigil.metrics.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vigil.common.event.EventMeta;
import dev.vigil.common.event.UsageRecorded;
import dev.vigil.metrics.service.UsageIngestor;
import dev.vigil.testsupport.KafkaTestClient;
import dev.vigil.testsupport.PostgresProxyResource;
import dev.vigil.testsupport.PostgresProxyResource.InjectPostgresProxy;
import dev.vigil.testsupport.TcpProxy;
import dev.vigil.testsupport.Tokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The consumer with several small batches in flight on the real broker and database: records
 * sent twice (a producer's retry, in another order and partition) count once in raw rows and
 * in the pre-aggregates, and a database outage delays batches without losing any.
 */
@QuarkusTest
@TestProfile(ConcurrentBatchesTests.SmallBatches.class)
@WithTestResource(value = PostgresProxyResource.class,
        initArgs = @ResourceArg(name = "schema", value = "metrics"))
class ConcurrentBatchesTests {

    private static final String TOPIC = "metrics-concurrent-batches-test";
    private static final Instant AT = Instant.parse("2024-05-01T10:15:00Z");

    /**
     * A topic of its own cut into batches of 50, stored three at a time; answers come from the
     * pre-aggregates, where a record counted twice would show.
     */
    public static final class SmallBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.incoming.usage.topic", TOPIC,
                    "mp.messaging.incoming.usage.group.id", "metrics-concurrent-batches",
                    "mp.messaging.incoming.usage.max.poll.records", "50",
                    "mp.messaging.incoming.usage.fetch.min.bytes", "1",
                    "vigil.metrics.consumer-concurrency", "3",
                    "vigil.metrics.exact-max-records", "0");
        }
    }

    @InjectPostgresProxy
    TcpProxy proxy;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void reconnect() {
        proxy.mode(TcpProxy.Mode.FORWARD);
    }

    @Test
    void shouldCountEachRequestOnceWhenItsCopiesAreInConcurrentBatches() {
        String service = "concurrent-" + UUID.randomUUID();
        int requests = 400;

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            for (int i = 0; i < requests; i++) {
                kafka.send(TOPIC, "k" + (i % 30), event(service, i));
            }
            // The copies come in reverse order and under other keys, so other partitions.
            for (int i = requests - 1; i >= 0; i--) {
                kafka.send(TOPIC, "c" + (i % 30), event(service, i));
            }
        }

        awaitTotals(service, requests, Duration.ofSeconds(60));
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertTotals(service, requests));
    }

    @Test
    void shouldStoreEveryBatchOnceWhenPostgresComesBack() {
        String service = "outage-" + UUID.randomUUID();
        int requests = 300;
        double failedBefore = failedWrites();
        proxy.mode(TcpProxy.Mode.REFUSE);

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            for (int i = 0; i < requests; i++) {
                kafka.send(TOPIC, "k" + (i % 30), event(service, i));
            }
        }
        // Postgres comes back only once batches of these records have failed to be stored.
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> failedWrites() > failedBefore);
        proxy.mode(TcpProxy.Mode.FORWARD);

        awaitTotals(service, requests, Duration.ofSeconds(90));
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertTotals(service, requests));
    }

    private double failedWrites() {
        Counter failed = registry.find(UsageIngestor.FAILED_WRITES).counter();
        return failed == null ? 0 : failed.count();
    }

    /** Request i of the service: response time i + 1 ms, one request a second. */
    private static UsageRecorded event(String service, int i) {
        return UsageRecorded.of(EventMeta.now("test", AT.plusSeconds(i)), service + "-r" + i,
                service, "/orders/" + i, "GET", 200, (long) i + 1, true, null, null, "u1");
    }

    private static void awaitTotals(String service, int requests, Duration atMost) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertTotals(service, requests));
    }

    /** Pre-aggregates (no user filter) and raw rows (user filter) both hold each request once. */
    private static void assertTotals(String service, int requests) {
        JsonPath aggregated = summary(service, null);
        JsonPath raw = summary(service, "u1");

        assertThat(aggregated.getBoolean("exact")).isFalse();
        assertThat(aggregated.getLong("totalRequests")).isEqualTo(requests);
        assertThat(aggregated.getDouble("averageResponseTimeMs"))
                .isEqualTo((requests + 1) / 2.0);
        assertThat(aggregated.getDouble("maxResponseTimeMs")).isEqualTo(requests);
        assertThat(raw.getLong("totalRequests")).isEqualTo(requests);
    }

    private static JsonPath summary(String service, String userId) {
        var request = given().auth().oauth2(Tokens.viewer())
                .queryParam("service", service)
                .queryParam("from", "2024-05-01T10:00:00Z")
                .queryParam("to", "2024-05-01T11:00:00Z");
        if (userId != null) {
            request = request.queryParam("userId", userId);
        }
        return request.get("/api/performance")
                .then().statusCode(200)
                .extract().jsonPath();
    }
}
