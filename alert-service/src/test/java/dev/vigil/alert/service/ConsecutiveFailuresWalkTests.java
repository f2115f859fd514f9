package dev.vigil.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;


import org.junit.jupiter.api.Test;

import dev.vigil.alert.model.Alert;
import dev.vigil.alert.support.AlertEvents;
import dev.vigil.alert.support.AlertQueries;
import dev.vigil.alert.support.AlertTestResource;
import dev.vigil.alert.support.AlertTestResource.DefaultWebhook;
import dev.vigil.alert.support.ClockedWalk;
import dev.vigil.alert.support.TestRules;
import dev.vigil.testsupport.HttpReceiver;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** BR-13: S F F S F F F F S one minute apart against thresholds 3, 1 and 0. */
@QuarkusTest
@WithTestResource(AlertTestResource.class)
class ConsecutiveFailuresWalkTests extends ClockedWalk {

    private static final String SEQUENCE = "SFFSFFFFS";
    private static final int[] R1_TRIGGERS = {0, 0, 0, 0, 0, 0, 1, 1, 1};
    private static final int[] R1_RESOLVES = {0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final int[] R2_TRIGGERS = {0, 1, 1, 1, 2, 2, 2, 2, 2};
    private static final int[] R2_RESOLVES = {0, 0, 0, 1, 1, 1, 1, 1, 2};

    @DefaultWebhook
    HttpReceiver webhook;

    @Test
    void shouldCountFailuresInclusivelyAndResetOnSuccess() {
        String target = AlertEvents.newTargetId("t10");
        String subject = "target:" + target;
        String r1 = TestRules.consecutiveFailures(target, 3, List.of());
        String r2 = TestRules.consecutiveFailures(target, 1, List.of());
        Instant t1 = Instant.parse("2026-01-05T10:01:00Z");

        for (int step = 0; step < SEQUENCE.length(); step++) {
            Instant at = t1.plus(Duration.ofMinutes(step));
            clock.set(at);
            String status = SEQUENCE.charAt(step) == 'S' ? "HEALTHY" : "UNHEALTHY";

            evaluator.apply(List.of(AlertEvents.check(target, status, at)));

            List<Alert> r1Alerts = AlertQueries.of(alerts, r1, subject);
            List<Alert> r2Alerts = AlertQueries.of(alerts, r2, subject);
            String where = "after t" + (step + 1);
            assertThat(AlertQueries.triggers(r1Alerts)).as("R1 triggers " + where)
                    .isEqualTo(R1_TRIGGERS[step]);
            assertThat(AlertQueries.resolves(r1Alerts)).as("R1 resolves " + where)
                    .isEqualTo(R1_RESOLVES[step]);
            assertThat(AlertQueries.triggers(r2Alerts)).as("R2 triggers " + where)
                    .isEqualTo(R2_TRIGGERS[step]);
            assertThat(AlertQueries.resolves(r2Alerts)).as("R2 resolves " + where)
                    .isEqualTo(R2_RESOLVES[step]);
        }

        List<Alert> r1Alerts = AlertQueries.of(alerts, r1, subject);
        assertThat(r1Alerts).extracting(Alert::triggeredAt)
                .containsExactly(t1.plus(Duration.ofMinutes(6)));
        assertThat(AlertQueries.of(alerts, r2, subject)).extracting(Alert::triggeredAt)
                .containsExactly(t1.plus(Duration.ofMinutes(1)), t1.plus(Duration.ofMinutes(4)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(postsOf(r1)).hasSize(2);
            assertThat(postsOf(r2)).hasSize(4);
        });
    }

    @Test
    void shouldRejectThresholdBelowOneNamingTheField() {
        RestAssured.given()
                .auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "r3-" + System.nanoTime(),
                        "condition", Map.of("type", "consecutive_failures", "threshold", 0),
                        "severity", "high"))
                .post("/api/alert-rules")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("condition.threshold"));
    }

    private List<HttpReceiver.Received> postsOf(String ruleId) {
        return webhook.requests().stream()
                .filter(request -> request.body().contains("\"ruleId\":\"" + ruleId + "\""))
                .toList();
    }
}
