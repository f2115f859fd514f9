package dev.vigil.metrics.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.vigil.common.event.EventMeta;
import dev.vigil.common.event.UsageRecorded;
import dev.vigil.common.topic.DeadLetterHeaders;
import dev.vigil.common.topic.Topics;
import dev.vigil.testsupport.KafkaTestClient;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** {@code vigil.usage} on the real broker: stored once per request id, bad ones dead-lettered. */
@QuarkusTest
class UsageConsumerTests {

    private static final Instant AT = Instant.parse("2024-05-01T10:15:00Z");

    @Test
    void shouldStoreEventsOnceWhenRequestIdIsRedelivered() {
        String service = "kafka-" + UUID.randomUUID();
        String user = "user-" + UUID.randomUUID();
        UsageRecorded first = event("r-" + UUID.randomUUID(), service, 120L, user);
        UsageRecorded second = event("r-" + UUID.randomUUID(), service, 80L, user);
        // The same request reported again under a new event id still counts once.
        UsageRecorded again = event(first.requestId(), service, 120L, user);

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(Topics.USAGE, user, first);
            kafka.send(Topics.USAGE, user, second);
            kafka.send(Topics.USAGE, user, again);
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(total(service)).isEqualTo(2));
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(total(service)).isEqualTo(2));
    }

    @Test
    void shouldDeadLetterUnreadableAndInvalidRecordsAndKeepGoing() {
        String service = "kafka-dlq-" + UUID.randomUUID();
        String key = "dlq-" + UUID.randomUUID();
        UsageRecorded invalid = new UsageRecorded(UUID.randomUUID(), UsageRecorded.TYPE, 1, AT,
                "test", "r-" + UUID.randomUUID(), service, "/a", "GET", 999, 10L, true, null,
                null, key);

        try (KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader dlq = kafka.readerAtEnd(Topics.deadLetter(Topics.USAGE))) {
            kafka.send(Topics.USAGE, key, "{not json".getBytes(StandardCharsets.UTF_8));
            kafka.send(Topics.USAGE, key, invalid);
            kafka.send(Topics.USAGE, key, event("r-" + UUID.randomUUID(), service, 5L, key));

            List<ConsumerRecord<String, byte[]>> letters =
                    dlq.await(r -> key.equals(r.key()), 2, Duration.ofSeconds(60));

            assertThat(letters).hasSize(2);
            assertThat(KafkaTestClient.header(letters.get(0), DeadLetterHeaders.REASON))
                    .contains("JSON");
            assertThat(KafkaTestClient.header(letters.get(1), DeadLetterHeaders.REASON))
                    .contains("status");
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(total(service)).isEqualTo(1));
    }

    @Test
    void shouldDeadLetterAnEventFromBeyondYear9999AndKeepGoing() {
        String service = "kafka-far-" + UUID.randomUUID();
        String key = "far-" + UUID.randomUUID();
        UsageRecorded farFuture = new UsageRecorded(UUID.randomUUID(), UsageRecorded.TYPE, 1,
                Instant.parse("+999999999-12-31T00:00:00Z"), "test", "r-" + UUID.randomUUID(),
                service, "/a", "GET", 200, 10L, true, null, null, key);

        try (KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader dlq = kafka.readerAtEnd(Topics.deadLetter(Topics.USAGE))) {
            kafka.send(Topics.USAGE, key, farFuture);
            kafka.send(Topics.USAGE, key, event("r-" + UUID.randomUUID(), service, 5L, key));

            List<ConsumerRecord<String, byte[]>> letters =
                    dlq.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(60));

            assertThat(letters).hasSize(1);
            assertThat(KafkaTestClient.header(letters.get(0), DeadLetterHeaders.REASON))
                    .contains("occurredAt");
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(total(service)).isEqualTo(1));
    }

    private static UsageRecorded event(String requestId, String service, Long rt, String user) {
        return UsageRecorded.of(EventMeta.now("test", AT), requestId, service, "/orders/7",
                "GET", 200, rt, true, null, null, user);
    }

    private static long total(String service) {
        return given().auth().oauth2(Tokens.viewer())
                .queryParam("service", service)
                .queryParam("from", "2024-05-01T10:00:00Z")
                .queryParam("to", "2024-05-01T11:00:00Z")
                .get("/api/performance")
                .then().statusCode(200)
                .extract().jsonPath().getLong("totalRequests");
    }
}
