package dev.vigil.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.common.event.AlertResolved;
import dev.vigil.common.event.AlertTriggered;
import dev.vigil.common.event.VigilEvent;
import dev.vigil.common.topic.Topics;
import dev.vigil.testsupport.HttpReceiver;
import dev.vigil.testsupport.HttpReceiver.Reply;
import dev.vigil.testsupport.KafkaTestClient;
import dev.vigil.testsupport.Tokens;

/**
 * One outage travels the whole suite: a loopback target answers 200, then 503 three times,
 * then 200. health-service (a real process) checks it and publishes results through Kafka;
 * alert-service (another process) raises exactly one alert, resolves it once, and posts two
 * notifications to a real webhook receiver.
 */
class OutageEndToEndIT {

    private static final String DATABASE = "vigil_e2e";

    private static HttpReceiver target;
    private static HttpReceiver webhook;
    private static ServiceProcess health;
    private static ServiceProcess alerts;
    private static final String ALERT_GROUP = "e2e-" + UUID.randomUUID();

    private static KafkaTestClient.Reader alertTopic;

    @BeforeAll
    static void startSuite() throws Exception {
        FreshDatabase.recreate(DATABASE);
        target = HttpReceiver.start();
        webhook = HttpReceiver.start();
        AtomicInteger checks = new AtomicInteger();
        target.respondWith(request -> {
            int n = checks.incrementAndGet();
            return n >= 2 && n <= 4 ? new Reply(503, "down") : new Reply(200, "ok");
        });
        alertTopic = KafkaTestClient.connect().readerAtEnd(Topics.ALERTS);

        health = ServiceProcess.start("health-service",
                AlertSuite.healthProperties(DATABASE));
        alerts = ServiceProcess.start("alert-service",
                AlertSuite.alertProperties(DATABASE, ALERT_GROUP, webhook.url("/hook")));
        ConsumerGroups.awaitAssigned(ALERT_GROUP, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopSuite() throws Exception {
        ServiceProcess.closeAll(alerts, health, alertTopic, target, webhook);
    }

    @Test
    void shouldRaiseOneAlertAndResolveItOnceForOneOutage() throws Exception {
        String targetId = AlertSuite.registerTarget(health, target);

        List<VigilEvent> lifecycle = awaitAlertEvents(targetId, 2, Duration.ofSeconds(90));

        assertThat(lifecycle).hasSize(2);
        assertThat(lifecycle.get(0)).isInstanceOf(AlertTriggered.class);
        assertThat(lifecycle.get(1)).isInstanceOf(AlertResolved.class);
        String alertId = ((AlertTriggered) lifecycle.get(0)).alertId();
        assertThat(((AlertResolved) lifecycle.get(1)).alertId()).isEqualTo(alertId);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(webhookPosts()).hasSize(2));
        assertThat(webhookPosts()).allSatisfy(post -> assertThat(post.body()).contains(alertId));
        assertThat(settleAlertEvents(targetId)).hasSize(2);
        assertThat(webhookPosts()).hasSize(2);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(storedResults(targetId))
                        .isEqualTo(target.requests().size()));
    }

    private static List<VigilEvent> awaitAlertEvents(
            String targetId, int count, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records =
                alertTopic.await(record -> AlertSuite.isAbout(record, targetId), count, timeout);
        return AlertSuite.decode(records);
    }

    private static List<ConsumerRecord<String, byte[]>> settleAlertEvents(String targetId) {
        return alertTopic.settle(record -> AlertSuite.isAbout(record, targetId),
                Duration.ofSeconds(12));
    }

    private static List<HttpReceiver.Received> webhookPosts() {
        return webhook.requests().stream().filter(r -> r.method().equals("POST")).toList();
    }

    private static int storedResults(String targetId) {
        return given().baseUri(health.baseUrl())
                .auth().oauth2(Tokens.viewer())
                .queryParam("limit", 500)
                .get("/api/targets/{id}/results", targetId)
                .then().statusCode(200)
                .extract().jsonPath().getList("items").size();
    }
}
