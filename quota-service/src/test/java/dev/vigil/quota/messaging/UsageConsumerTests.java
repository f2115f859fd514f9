package dev.vigil.quota.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.common.event.UsageRecorded;
import dev.vigil.common.serde.EventCodec;
import dev.vigil.common.topic.DeadLetterHeaders;
import dev.vigil.common.topic.Topics;
import dev.vigil.quota.support.QuotaApi;
import dev.vigil.quota.support.TestClock;
import dev.vigil.quota.support.UsageBacklog;
import dev.vigil.quota.support.ThresholdEvents;
import dev.vigil.quota.support.UsageEvents;
import dev.vigil.testsupport.KafkaTestClient;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** Counting from vigil.usage on the real broker: batches, duplicates, dead letters. */
@QuarkusTest
class UsageConsumerTests {

    private static final Instant NOON = Instant.parse("2024-06-10T12:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void waitForBacklog() {
        UsageBacklog.drain();
    }

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    @Test
    void shouldCountEventsInThePeriodTheyOccurred() {
        clock.set(NOON);
        String user = QuotaApi.unique("user");

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            for (int i = 0; i < 3; i++) {
                kafka.send(Topics.USAGE, user, UsageEvents.served(user, "r" + i, NOON));
            }
            kafka.send(Topics.USAGE, user,
                    UsageEvents.served(user, "yesterday", NOON.minus(Duration.ofDays(1))));

            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(QuotaApi.used(user, "DAY")).isEqualTo(3));
            assertThat(QuotaApi.used(user, "MONTH")).isEqualTo(4);
        }
    }

    @Test
    void shouldCountDuplicatedEventOnce() {
        clock.set(NOON);
        String user = QuotaApi.unique("user");
        UsageRecorded event = UsageEvents.served(user, "dup", NOON);

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(Topics.USAGE, user, event);
            kafka.send(Topics.USAGE, user, event);
            kafka.send(Topics.USAGE, user, UsageEvents.served(user, "dup", NOON));
            // Same key, same partition: once the sentinel is counted the duplicates were read.
            kafka.send(Topics.USAGE, user, UsageEvents.served(user, "sentinel", NOON));

            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(QuotaApi.used(user, "DAY")).isEqualTo(2));
        }
    }

    @Test
    void shouldCountRequestOnceWhenSeenByConsumeAndEvent() {
        clock.set(NOON);
        String user = QuotaApi.userWithDailyQuota(100);
        QuotaApi.consume(user, "both", 1).then().statusCode(200);

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(Topics.USAGE, user, UsageEvents.served(user, "both", NOON));
            kafka.send(Topics.USAGE, user, UsageEvents.served(user, "event-first", NOON));
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(QuotaApi.used(user, "DAY")).isEqualTo(2));

            QuotaApi.consume(user, "event-first", 1).then().statusCode(200);

            assertThat(QuotaApi.used(user, "DAY")).as("consume after the event").isEqualTo(2);
        }
    }

    @Test
    void shouldCountEventWithoutUserForNobody() throws Exception {
        clock.set(NOON);
        String user = QuotaApi.unique("user");
        String anonymousRequest = QuotaApi.unique("anon");

        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(Topics.USAGE, user, UsageEvents.served(null, anonymousRequest, NOON));
            kafka.send(Topics.USAGE, user, UsageEvents.served(user, "sentinel", NOON));

            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(QuotaApi.used(user, "DAY")).isEqualTo(1));
            assertThat(countedRows(anonymousRequest)).isZero();
        }
    }

    @Test
    void shouldDeadLetterEventNoServiceCanStoreAndKeepCounting() {
        String user = QuotaApi.unique("user");
        UsageRecorded farFuture = UsageEvents.served(user, "far",
                Instant.parse("+999999999-12-31T00:00:00Z"));

        assertDeadLetteredWhileCountingGoesOn(user, EventCodec.encode(farFuture), "occurredAt");
    }

    @Test
    void shouldDeadLetterUnreadableRecordAndKeepCounting() {
        String user = QuotaApi.unique("user");

        assertDeadLetteredWhileCountingGoesOn(user, "{not json".getBytes(), "not valid JSON");
    }

    /** Sends the bad record and a good one after it: the first is a letter, the second counts. */
    private void assertDeadLetteredWhileCountingGoesOn(String user, byte[] bad, String reason) {
        clock.set(NOON);

        try (KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader dlq = kafka.readerAtEnd(Topics.deadLetter(Topics.USAGE))) {
            kafka.send(Topics.USAGE, user, bad);
            kafka.send(Topics.USAGE, user, UsageEvents.served(user, "after-bad", NOON));

            List<ConsumerRecord<String, byte[]>> letters =
                    dlq.await(r -> user.equals(r.key()), 1, WAIT);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(QuotaApi.used(user, "DAY")).isEqualTo(1));

            assertThat(letters).hasSize(1);
            assertThat(KafkaTestClient.header(letters.get(0), DeadLetterHeaders.REASON))
                    .contains(reason);
        }
    }

    @Test
    void shouldAnnounceThresholdsOnceWhenBatchJumpsPastThem() {
        clock.set(NOON);
        String user = QuotaApi.userWithDailyQuota(5);

        try (KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader reader = kafka.readerAtEnd(Topics.QUOTA_THRESHOLDS)) {
            for (int i = 0; i < 6; i++) {
                kafka.send(Topics.USAGE, user, UsageEvents.served(user, "b" + i, NOON));
            }
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(QuotaApi.used(user, "DAY")).isEqualTo(6));

            assertThat(ThresholdEvents.of(reader, user, 2))
                    .extracting(event -> event.threshold())
                    .containsExactly(0.8, 1.0);
        }
    }

    private long countedRows(String requestId) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM counted_request WHERE request_id = ?")) {
            select.setString(1, requestId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
