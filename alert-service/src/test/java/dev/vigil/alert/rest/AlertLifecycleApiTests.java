package dev.vigil.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.vigil.alert.model.Alert;
import dev.vigil.alert.service.AlertSweeper;
import dev.vigil.alert.support.AlertEvents;
import dev.vigil.alert.support.AlertQueries;
import dev.vigil.alert.support.AlertTestResource;
import dev.vigil.alert.support.ClockedWalk;
import dev.vigil.alert.support.TestChannels;
import dev.vigil.alert.support.TestRules;
import dev.vigil.kit.paging.Cursors;
import dev.vigil.testsupport.HttpReceiver;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The lifecycle through the API: forMinutes, reminders, acknowledgement, listing. */
@QuarkusTest
@WithTestResource(AlertTestResource.class)
class AlertLifecycleApiTests extends ClockedWalk {

    private static final Instant NOON = Instant.parse("2026-02-02T12:00:00Z");

    @Inject
    AlertSweeper sweeper;

    @Test
    void shouldStayPendingForMinutesAndCancelWhenFlapping() {
        String target = AlertEvents.newTargetId("flap");
        String subject = "target:" + target;
        String rule = TestRules.create(Map.of("name", "flap-" + UUID.randomUUID(),
                "condition", Map.of("type", "consecutive_failures", "threshold", 1),
                "severity", "medium", "forMinutes", 3,
                "scope", Map.of("targetIds", List.of(target))));

        step(target, "UNHEALTHY", 0);
        assertThat(states(rule, subject)).as("F at 0").containsExactly("pending");
        step(target, "UNHEALTHY", 2);
        assertThat(states(rule, subject)).as("F at 2").containsExactly("pending");
        step(target, "HEALTHY", 3);
        assertThat(states(rule, subject)).as("S at 3").containsExactly("cancelled");
        step(target, "UNHEALTHY", 4);
        step(target, "UNHEALTHY", 6);
        assertThat(states(rule, subject)).as("F at 6").containsExactly("cancelled", "pending");
        clock.set(NOON.plus(Duration.ofMinutes(7)));
        sweeper.sweep();
        assertThat(states(rule, subject)).as("sweep at 7").containsExactly("cancelled", "firing");
        step(target, "HEALTHY", 8);
        assertThat(states(rule, subject)).as("S at 8").containsExactly("cancelled", "resolved");

        Alert fired = AlertQueries.of(alerts, rule, subject).get(1);
        JsonPath detail = given().auth().oauth2(Tokens.viewer())
                .get("/api/alerts/" + fired.id()).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getList("transitions.toState"))
                .containsExactly("pending", "firing", "resolved");
        assertThat(Instant.parse(detail.getString("alert.triggeredAt")))
                .isEqualTo(NOON.plus(Duration.ofMinutes(7)));
    }

    @Test
    void shouldRemindUntilAcknowledgedAndRecordWhoAcknowledged() {
        String target = AlertEvents.newTargetId("remind");
        String subject = "target:" + target;
        try (HttpReceiver hook = HttpReceiver.start()) {
            String rule = TestRules.create(Map.of("name", "remind-" + UUID.randomUUID(),
                    "condition", Map.of("type", "consecutive_failures", "threshold", 1),
                    "severity", "high", "repeatIntervalMinutes", 10,
                    "channels", List.of(TestChannels.webhook(hook.url("/remind"))),
                    "scope", Map.of("targetIds", List.of(target))));

            step(target, "UNHEALTHY", 0);
            sweepAt(9);
            await().atMost(Duration.ofSeconds(10)).until(() -> hook.requests().size() == 1);
            sweepAt(10);
            await().atMost(Duration.ofSeconds(10)).until(() -> hook.requests().size() == 2);
            Alert firing = AlertQueries.of(alerts, rule, subject).get(0);
            clock.set(NOON.plus(Duration.ofMinutes(15)).plusNanos(123_456_789));

            given().auth().oauth2(Tokens.forSubject("alice", "viewer"))
                    .post("/api/alerts/" + firing.id() + "/acknowledge")
                    .then().statusCode(200)
                    .body("state", equalTo("acknowledged"))
                    .body("acknowledgedBy", equalTo("alice"))
                    .body("acknowledgedAt", equalTo("2026-02-02T12:15:00.123456Z"));
            given().auth().oauth2(Tokens.viewer()).get("/api/alerts/" + firing.id())
                    .then().statusCode(200)
                    .body("alert.acknowledgedAt", equalTo("2026-02-02T12:15:00.123456Z"));
            sweepAt(20);
            sweepAt(30);
            step(target, "HEALTHY", 31);

            await().atMost(Duration.ofSeconds(10)).until(() -> hook.requests().size() == 3);
            assertThat(hook.requests()).extracting(r -> r.headers().get("Idempotency-Key"))
                    .containsExactly(firing.id() + ":triggered", firing.id() + ":reminder:1",
                            firing.id() + ":resolved");
            assertThat(AlertQueries.of(alerts, rule, subject)).extracting(Alert::state)
                    .containsExactly("resolved");
        }
    }

    @Test
    void shouldFilterByStateAndPage() {
        String target = AlertEvents.newTargetId("list");
        String subject = "target:" + target;
        String rule = TestRules.consecutiveFailures(target, 1, List.of());
        for (int minute = 0; minute < 6; minute++) {
            step(target, minute % 2 == 0 ? "UNHEALTHY" : "HEALTHY", minute);
        }
        step(target, "UNHEALTHY", 6);

        JsonPath firstPage = given().auth().oauth2(Tokens.viewer())
                .queryParam("ruleId", rule).queryParam("subject", subject)
                .queryParam("limit", 2)
                .get("/api/alerts").then().statusCode(200).extract().jsonPath();
        JsonPath secondPage = given().auth().oauth2(Tokens.viewer())
                .queryParam("ruleId", rule).queryParam("subject", subject)
                .queryParam("limit", 2).queryParam("cursor", firstPage.getString("nextCursor"))
                .get("/api/alerts").then().statusCode(200).extract().jsonPath();
        JsonPath firing = given().auth().oauth2(Tokens.admin())
                .queryParam("ruleId", rule).queryParam("state", "firing")
                .get("/api/alerts").then().statusCode(200).extract().jsonPath();

        assertThat(firstPage.getList("items")).hasSize(2);
        assertThat(secondPage.getList("items.state")).containsExactly("resolved", "resolved");
        assertThat(secondPage.getString("nextCursor")).isNull();
        assertThat(firing.getList("items.subject")).containsExactly(subject);
        given().auth().oauth2(Tokens.viewer()).queryParam("state", "burning")
                .get("/api/alerts").then().statusCode(400)
                .body("violations[0].field", equalTo("state"));
        given().get("/api/alerts").then().statusCode(401);
        given().auth().oauth2(Tokens.reporter()).get("/api/alerts").then().statusCode(403);
        given().auth().oauth2(Tokens.viewer()).contentType("application/json").body("{}")
                .post("/api/alert-rules").then().statusCode(403);
    }

    @Test
    void shouldRejectAlertsCursorWithAnInstantPostgresCannotStore() {
        String forged = Cursors.encode("+999999999-12-31T23:59:59Z|" + UUID.randomUUID());

        given().auth().oauth2(Tokens.viewer()).queryParam("cursor", forged)
                .get("/api/alerts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("cursor"));
    }

    private void step(String target, String status, int minute) {
        Instant at = NOON.plus(Duration.ofMinutes(minute));
        clock.set(at);
        evaluator.apply(List.of(AlertEvents.check(target, status, at)));
    }

    private void sweepAt(int minute) {
        clock.set(NOON.plus(Duration.ofMinutes(minute)));
        sweeper.sweep();
    }

    private List<String> states(String rule, String subject) {
        return AlertQueries.of(alerts, rule, subject).stream().map(Alert::state).toList();
    }
}
