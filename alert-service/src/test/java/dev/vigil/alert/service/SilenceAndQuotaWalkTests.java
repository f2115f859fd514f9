package dev.vigil.alert.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.vigil.alert.model.Alert;
import dev.vigil.alert.support.AlertEvents;
import dev.vigil.alert.support.AlertQueries;
import dev.vigil.alert.support.AlertTestResource;
import dev.vigil.alert.support.ClockedWalk;
import dev.vigil.alert.support.TestChannels;
import dev.vigil.alert.support.TestRules;
import dev.vigil.common.event.EventMeta;
import dev.vigil.common.event.QuotaThresholdCrossed;
import dev.vigil.testsupport.HttpReceiver;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Silences starting and ending on a firing alert, and quota alerts over a period. */
@QuarkusTest
@WithTestResource(AlertTestResource.class)
class SilenceAndQuotaWalkTests extends ClockedWalk {

    private static final Instant NOON = Instant.parse("2026-03-03T12:00:00Z");

    @Inject
    QuotaEvaluator quota;

    @Inject
    AlertSweeper sweeper;

    @Test
    void shouldHoldNotificationsDuringSilenceAndNotifyWhenItEnds() {
        String target = AlertEvents.newTargetId("silenced");
        String subject = "target:" + target;
        try (HttpReceiver hook = HttpReceiver.start()) {
            String rule = TestRules.create(Map.of("name", "silenced-" + UUID.randomUUID(),
                    "condition", Map.of("type", "consecutive_failures", "threshold", 1),
                    "severity", "high",
                    "channels", List.of(TestChannels.webhook(hook.url("/s"))),
                    "scope", Map.of("targetIds", List.of(target))));
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("subject", subject, "startsAt", NOON.toString(),
                            "endsAt", NOON.plus(Duration.ofMinutes(10)).toString()))
                    .post("/api/silences").then().statusCode(201);

            at(1);
            evaluator.apply(List.of(AlertEvents.check(target, "UNHEALTHY", clock.instant())));
            Alert firing = AlertQueries.of(alerts, rule, subject).get(0);
            assertThat(firing.suppressedBy()).as("12:01").isEqualTo("silence");
            at(5);
            sweeper.sweep();
            assertThat(AlertQueries.of(alerts, rule, subject).get(0).wasNotified())
                    .as("12:05 still silenced").isFalse();
            at(10);
            sweeper.sweep();
            await().atMost(Duration.ofSeconds(10)).until(() -> hook.requests().size() == 1);
            at(12);
            evaluator.apply(List.of(AlertEvents.check(target, "HEALTHY", clock.instant())));

            await().atMost(Duration.ofSeconds(10)).until(() -> hook.requests().size() == 2);
            assertThat(hook.requests()).extracting(r -> r.headers().get("Idempotency-Key"))
                    .containsExactly(firing.id() + ":triggered", firing.id() + ":resolved");
        }
    }

    @Test
    void shouldRejectSilenceWithoutMatcherOrEnd() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("endsAt", NOON.toString()))
                .post("/api/silences").then().statusCode(400);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("tag", "db"))
                .post("/api/silences").then().statusCode(400)
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("endsAt"));
        given().auth().oauth2(Tokens.viewer()).get("/api/silences").then().statusCode(403);
    }

    @Test
    void shouldFireQuotaAlertOnceAndResolveAtPeriodEnd() {
        String user = "user-" + UUID.randomUUID();
        String rule = TestRules.create(Map.of("name", "quota-" + UUID.randomUUID(),
                "condition", Map.of("type", "quota_usage", "threshold", 0.8),
                "severity", "medium", "scope", Map.of("userId", user)));
        Instant day = Instant.parse("2026-03-03T00:00:00Z");
        String subject = user.isEmpty() ? "" : "user:" + user + "/DAY";

        at(0);
        quota.apply(List.of(crossing(user, day, 800, 0.8), crossing(user, day, 1000, 1.0)));
        assertThat(AlertQueries.of(alerts, rule, subject)).extracting(Alert::state)
                .as("noon").containsExactly("firing");
        clock.set(Instant.parse("2026-03-03T23:59:00Z"));
        sweeper.sweep();
        assertThat(AlertQueries.of(alerts, rule, subject)).extracting(Alert::state)
                .as("23:59").containsExactly("firing");
        clock.set(Instant.parse("2026-03-04T00:00:00Z"));
        sweeper.sweep();

        assertThat(AlertQueries.of(alerts, rule, subject)).extracting(Alert::state)
                .as("period over").containsExactly("resolved");
    }

    private void at(int minute) {
        clock.set(NOON.plus(Duration.ofMinutes(minute)));
    }

    private QuotaThresholdCrossed crossing(String user, Instant day, long used, double share) {
        return QuotaThresholdCrossed.of(EventMeta.now("test", clock.instant()), user, "free",
                "DAY", day, used, 1000, share);
    }
}
