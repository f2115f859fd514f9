package dev.vigil.quota.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.common.event.QuotaThresholdCrossed;
import dev.vigil.common.topic.Topics;
import dev.vigil.quota.support.QuotaApi;
import dev.vigil.quota.support.TestClock;
import dev.vigil.quota.support.ThresholdEvents;
import dev.vigil.testsupport.KafkaTestClient;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** /consume enforcement, thresholds (BR-20) and period boundaries (BR-22) end to end. */
@QuarkusTest
class QuotaConsumeTests {

    private static final Instant NOON = Instant.parse("2024-06-10T12:00:00Z");

    @Inject
    TestClock clock;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    @Test
    void shouldWarnOnceAndExhaustOnceWhenWalkingBr20() {
        clock.set(NOON);
        String user = QuotaApi.userWithDailyQuota(1000);
        long[] increments = {700, 95, 10, 1, 150, 44};
        long[] usages = {700, 795, 805, 806, 956, 1000};

        try (KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader reader = kafka.readerAtEnd(Topics.QUOTA_THRESHOLDS)) {
            for (int i = 0; i < increments.length; i++) {
                QuotaApi.consume(user, "r" + i, increments[i]).then().statusCode(200)
                        .body("remaining", equalTo((int) (1000 - usages[i])));
                assertThat(QuotaApi.used(user, "DAY")).as("usage after +%d", increments[i])
                        .isEqualTo(usages[i]);
            }
            Response refused = QuotaApi.consume(user, "r-last", 1);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.contentType()).startsWith("application/json");
            assertThat(refused.header("Retry-After")).isEqualTo(String.valueOf(12 * 3600));
            assertThat(refused.jsonPath().getBoolean("allowed")).isFalse();
            assertThat(refused.jsonPath().getString("resetsAt"))
                    .isEqualTo("2024-06-11T00:00:00.000Z");
            assertThat(QuotaApi.used(user, "DAY")).as("usage after refused +1").isEqualTo(1000);
            assertThat(ThresholdEvents.summary(ThresholdEvents.of(reader, user, 2)))
                    .containsExactly("DAY:0.8@805", "DAY:1.0@1000");
        }
    }

    @Test
    void shouldAnnounceBothThresholdsOnceWhenOneIncrementJumpsToLimit() {
        clock.set(NOON);
        String user = QuotaApi.userWithDailyQuota(1000);

        try (KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader reader = kafka.readerAtEnd(Topics.QUOTA_THRESHOLDS)) {
            QuotaApi.consume(user, "jump", 1000).then().statusCode(200).body("remaining",
                    equalTo(0));

            List<QuotaThresholdCrossed> events = ThresholdEvents.of(reader, user, 2);

            assertThat(ThresholdEvents.summary(events))
                    .containsExactly("DAY:0.8@1000", "DAY:1.0@1000");
            assertThat(events.get(0).limit()).isEqualTo(1000);
            assertThat(events.get(0).periodStart()).isEqualTo("2024-06-10T00:00:00Z");
        }
    }

    @Test
    void shouldAnnounceEachThresholdOnceWhenConcurrentCallsCrossIt() throws Exception {
        clock.set(NOON);
        String user = QuotaApi.userWithDailyQuota(100);
        ExecutorService callers = Executors.newFixedThreadPool(16);

        try (KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader reader = kafka.readerAtEnd(Topics.QUOTA_THRESHOLDS)) {
            // 60 calls of 2 at once: 50 fit, and many of them see a threshold reached.
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String requestId = "burst-" + i;
                statuses.add(callers.submit(() -> {
                    start.await();
                    return QuotaApi.consume(user, requestId, 2).statusCode();
                }));
            }
            start.countDown();
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get(60, TimeUnit.SECONDS));
            }

            assertThat(answered).filteredOn(status -> status == 200).hasSize(50);
            assertThat(answered).filteredOn(status -> status == 429).hasSize(10);
            assertThat(QuotaApi.used(user, "DAY")).isEqualTo(100);
            assertThat(ThresholdEvents.of(reader, user, 2))
                    .extracting(QuotaThresholdCrossed::threshold)
                    .containsExactlyInAnyOrder(0.8, 1.0);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void shouldWarnAtCeilingForTinyQuotas() {
        clock.set(NOON);
        String five = QuotaApi.userWithDailyQuota(5);
        String three = QuotaApi.userWithDailyQuota(3);

        try (KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader reader = kafka.readerAtEnd(Topics.QUOTA_THRESHOLDS)) {
            for (int i = 0; i < 5; i++) {
                QuotaApi.consume(five, "f" + i, 1).then().statusCode(200);
            }
            for (int i = 0; i < 3; i++) {
                QuotaApi.consume(three, "t" + i, 1).then().statusCode(200);
            }
            QuotaApi.consume(three, "t-over", 1).then().statusCode(429);

            assertThat(ThresholdEvents.summary(ThresholdEvents.of(reader, five, 2)))
                    .as("quota 5").containsExactly("DAY:0.8@4", "DAY:1.0@5");
            assertThat(ThresholdEvents.summary(ThresholdEvents.of(reader, three, 2)))
                    .as("quota 3").containsExactly("DAY:0.8@3", "DAY:1.0@3");
        }
    }

    @Test
    void shouldWarnAgainOnlyAfterPeriodResets() {
        clock.set(NOON);
        String user = QuotaApi.userWithDailyQuota(1000);

        try (KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader reader = kafka.readerAtEnd(Topics.QUOTA_THRESHOLDS)) {
            QuotaApi.consume(user, "d1-a", 805).then().statusCode(200);
            QuotaApi.consume(user, "d1-b", 10).then().statusCode(200);
            clock.set(NOON.plusSeconds(24 * 3600));
            QuotaApi.consume(user, "d2-a", 800).then().statusCode(200);

            List<QuotaThresholdCrossed> events = ThresholdEvents.of(reader, user, 2);

            assertThat(ThresholdEvents.summary(events)).containsExactly("DAY:0.8@805",
                    "DAY:0.8@800");
            assertThat(events).extracting(e -> e.periodStart().toString())
                    .containsExactly("2024-06-10T00:00:00Z", "2024-06-11T00:00:00Z");
        }
    }

    @Test
    void shouldResetAtUtcMidnightNotRollingWhenWalkingBr22() {
        String user = QuotaApi.userWithDailyQuota(100);
        clock.set(Instant.parse("2024-06-01T18:00:00Z"));
        QuotaApi.consume(user, "before", 100).then().statusCode(200);

        clock.set(Instant.parse("2024-06-01T23:59:59.999Z"));
        Response a = QuotaApi.consume(user, "a", 1);
        clock.set(Instant.parse("2024-06-02T00:00:00.000Z"));
        QuotaApi.consume(user, "b", 1).then().statusCode(200);
        long afterB = QuotaApi.used(user, "DAY");
        clock.set(Instant.parse("2024-06-02T00:00:05Z"));
        QuotaApi.consume(user, "c", 1).then().statusCode(200);
        long afterC = QuotaApi.used(user, "DAY");
        clock.set(Instant.parse("2024-06-02T00:30:00Z"));
        QuotaApi.consume(user, "d", 1).then().statusCode(200);
        clock.set(Instant.parse("2024-06-02T00:30:01Z"));

        assertThat(a.statusCode()).as("(a) last millisecond of the full day").isEqualTo(429);
        assertThat(a.header("Retry-After")).isEqualTo("1");
        assertThat(afterB).as("(b) first request of the new day").isEqualTo(1);
        assertThat(afterC).as("(c) no second reset").isEqualTo(2);
        given().auth().oauth2(Tokens.viewer())
                .get("/api/quotas/{id}", user)
                .then()
                .statusCode(200)
                .body("periods.find { it.period == 'DAY' }.used", equalTo(3))
                .body("periods.find { it.period == 'DAY' }.limit", equalTo(100))
                .body("periods.find { it.period == 'DAY' }.remaining", equalTo(97))
                .body("periods.find { it.period == 'DAY' }.utilization", equalTo(0.03f))
                .body("periods.find { it.period == 'DAY' }.periodStart",
                        equalTo("2024-06-02T00:00:00.000Z"))
                .body("periods.find { it.period == 'DAY' }.resetsAt",
                        equalTo("2024-06-03T00:00:00.000Z"));
    }

    @Test
    void shouldCountInCalendarMonthWhenWalkingBr22MonthlyVariant() {
        String tier = QuotaApi.createTier(QuotaApi.unique("month"), null, null, 1000L, null);
        String user = QuotaApi.unique("user");
        QuotaApi.assign(user, tier);

        clock.set(Instant.parse("2024-02-29T23:59:59Z"));
        QuotaApi.consume(user, "feb", 1).then().statusCode(200)
                .body("resetsAt", equalTo("2024-03-01T00:00:00.000Z"));
        clock.set(Instant.parse("2024-03-01T00:00:00Z"));
        QuotaApi.consume(user, "mar", 1).then().statusCode(200);
        clock.set(Instant.parse("2024-03-31T23:59:59.999Z"));

        given().auth().oauth2(Tokens.viewer())
                .get("/api/quotas/{id}", user)
                .then()
                .statusCode(200)
                .body("periods.find { it.period == 'MONTH' }.used", equalTo(1))
                .body("periods.find { it.period == 'MONTH' }.periodStart",
                        equalTo("2024-03-01T00:00:00.000Z"))
                .body("periods.find { it.period == 'MONTH' }.resetsAt",
                        equalTo("2024-04-01T00:00:00.000Z"));
    }

    @Test
    void shouldReplaySameDecisionWithoutCountingWhenRequestIdRepeats() {
        clock.set(NOON);
        String user = QuotaApi.userWithDailyQuota(2);

        Response first = QuotaApi.consume(user, "same", 1);
        Response again = QuotaApi.consume(user, "same", 1);
        QuotaApi.consume(user, "other", 1).then().statusCode(200);
        Response refused = QuotaApi.consume(user, "third", 1);
        Response refusedAgain = QuotaApi.consume(user, "third", 1);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refusedAgain.statusCode()).isEqualTo(429);
        assertThat(refusedAgain.jsonPath().getString("resetsAt"))
                .isEqualTo(refused.jsonPath().getString("resetsAt"));
        assertThat(QuotaApi.used(user, "DAY")).isEqualTo(2);
    }

    @Test
    void shouldRefuseWholeRequestWhenAnyPeriodIsFull() {
        clock.set(NOON.plusSeconds(30));
        String tier = QuotaApi.createTier(QuotaApi.unique("min"), 2L, 100L, null, null);
        String user = QuotaApi.unique("user");
        QuotaApi.assign(user, tier);

        QuotaApi.consume(user, "m1", 2).then().statusCode(200)
                .body("remaining", equalTo(0))
                .body("resetsAt", equalTo("2024-06-10T12:01:00.000Z"));
        Response refused = QuotaApi.consume(user, "m2", 1);
        Response tooBig = QuotaApi.consume(user, "m3", 5);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(tooBig.statusCode()).isEqualTo(429);
        assertThat(QuotaApi.used(user, "DAY")).as("day untouched by refusals").isEqualTo(2);
        assertThat(QuotaApi.used(user, "MONTH")).as("unlimited month counts too").isEqualTo(2);
    }

    @Test
    void shouldKeepUsageWhenTierChangesMidPeriod() {
        clock.set(NOON);
        String small = QuotaApi.createTier(QuotaApi.unique("small"), null, 10L, null, null);
        String large = QuotaApi.createTier(QuotaApi.unique("large"), null, 20L, null, null);
        String user = QuotaApi.unique("user");
        QuotaApi.assign(user, small);
        QuotaApi.consume(user, "s1", 8).then().statusCode(200).body("remaining", equalTo(2));

        QuotaApi.assign(user, large);

        given().auth().oauth2(Tokens.viewer())
                .get("/api/quotas/{id}", user)
                .then()
                .statusCode(200)
                .body("tier", equalTo(large))
                .body("periods.find { it.period == 'DAY' }.used", equalTo(8))
                .body("periods.find { it.period == 'DAY' }.limit", equalTo(20));
        QuotaApi.consume(user, "l1", 12).then().statusCode(200).body("remaining", equalTo(0));
        QuotaApi.consume(user, "l2", 1).then().statusCode(429);
    }

    @Test
    void shouldCountUnknownUserAgainstFreeTier() {
        clock.set(NOON);
        String user = QuotaApi.unique("stranger");

        QuotaApi.consume(user, "x", 1).then().statusCode(200);

        given().auth().oauth2(Tokens.viewer())
                .get("/api/quotas/{id}", user)
                .then()
                .statusCode(200)
                .body("tier", equalTo("free"))
                .body("periods.period", org.hamcrest.Matchers.contains("MINUTE", "DAY", "MONTH"))
                .body("periods.find { it.period == 'DAY' }.limit", equalTo(1000))
                .body("periods.find { it.period == 'MINUTE' }.used", equalTo(1));
    }

    @Test
    void shouldAnswer400NamingFieldWhenConsumeIsInvalid() {
        String user = QuotaApi.unique("user");

        invalidConsume(user, Map.of("requestId", "r", "amount", 0)).body("violations.field",
                hasItem("amount"));
        invalidConsume(user, Map.of("amount", 1)).body("violations.field", hasItem("requestId"));
        invalidConsume(user, Map.of("requestId", "r", "amount", 10_000_000))
                .body("violations.field", hasItem("amount"));
        invalidConsume("u".repeat(201), Map.of("requestId", "r"))
                .body("violations.field", hasItem("userId"));
    }

    @Test
    void shouldRequireReporterOrAdminToConsume() {
        given().contentType(ContentType.JSON).body(Map.of("requestId", "r"))
                .post("/api/quotas/{id}/consume", "u1")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON)
                .body(Map.of("requestId", "r"))
                .post("/api/quotas/{id}/consume", "u1")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.reporter()).get("/api/quotas/{id}", "u1")
                .then().statusCode(403);
    }

    private static io.restassured.response.ValidatableResponse invalidConsume(
            String user,
            Map<String, Object> body) {
        return given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/quotas/{id}/consume", user)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
