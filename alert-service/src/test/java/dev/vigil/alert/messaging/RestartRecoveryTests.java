package dev.vigil.alert.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.vigil.alert.support.AlertEvents;
import dev.vigil.alert.support.AlertTestResource;
import dev.vigil.alert.support.TestChannels;
import dev.vigil.alert.support.TestRules;
import dev.vigil.common.event.AlertResolved;
import dev.vigil.common.event.AlertTriggered;
import dev.vigil.common.event.HealthCheckCompleted;
import dev.vigil.common.event.VigilEvent;
import dev.vigil.common.topic.Topics;
import dev.vigil.testsupport.HttpReceiver;
import dev.vigil.testsupport.KafkaTestClient;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * BR-16: alert state lives in Postgres, so what a restarted consumer sees (the records after its
 * last commit, some of them again) resolves the alert exactly once and never re-triggers it.
 * The evaluator keeps no state between batches; each batch reads streaks and open alerts from
 * the database, which is what a fresh process does after a SIGKILL.
 */
@QuarkusTest
@WithTestResource(AlertTestResource.class)
class RestartRecoveryTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void shouldResolveOnceFromStoredStateWhenUncommittedRecordsAreRedelivered() {
        String target = AlertEvents.newTargetId("t12");
        String subject = "target:" + target;
        try (HttpReceiver w2 = HttpReceiver.start();
                KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader alerts = kafka.readerAtEnd(Topics.ALERTS)) {
            String rule = TestRules.consecutiveFailures(target, 2,
                    List.of(TestChannels.webhook(w2.url("/w2"))));
            HealthCheckCompleted t1 = AlertEvents.check(target, "UNHEALTHY");
            HealthCheckCompleted t2 = AlertEvents.check(target, "UNHEALTHY");
            kafka.send(Topics.HEALTH_CHECKS, target, t1);
            kafka.send(Topics.HEALTH_CHECKS, target, t2);
            alerts.await(record -> AlertEvents.about(record, rule, subject), 1, WAIT);

            kafka.send(Topics.HEALTH_CHECKS, target, t1);
            kafka.send(Topics.HEALTH_CHECKS, target, t2);
            kafka.send(Topics.HEALTH_CHECKS, target, AlertEvents.check(target, "HEALTHY"));
            kafka.send(Topics.HEALTH_CHECKS, target, AlertEvents.check(target, "HEALTHY"));
            alerts.await(record -> AlertEvents.about(record, rule, subject), 2, WAIT);
            List<ConsumerRecord<String, byte[]>> all = alerts.settle(
                    record -> AlertEvents.about(record, rule, subject), Duration.ofSeconds(3));

            List<VigilEvent> events = AlertEvents.decodeAll(all);
            assertThat(events).hasSize(2);
            assertThat(events.get(0)).isInstanceOf(AlertTriggered.class);
            assertThat(events.get(1)).isInstanceOf(AlertResolved.class);
            await().atMost(WAIT).until(() -> w2.requests().size() == 2);
            assertThat(w2.requests()).extracting(r -> r.headers().get("Idempotency-Key"))
                    .allSatisfy(key -> assertThat(key).startsWith(
                            ((AlertTriggered) events.get(0)).alertId()))
                    .last().asString().endsWith(":resolved");
            assertThat(given().auth().oauth2(Tokens.viewer())
                    .queryParam("subject", subject).queryParam("state", "firing")
                    .get("/api/alerts").then().statusCode(200).extract().jsonPath()
                    .getList("items")).isEmpty();
        }
    }
}
