package dev.vigil.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.common.event.AlertResolved;
import dev.vigil.common.event.AlertTriggered;
import dev.vigil.common.event.VigilEvent;
import dev.vigil.common.serde.EventCodec;
import dev.vigil.common.topic.Topics;
import dev.vigil.testsupport.HttpReceiver;
import dev.vigil.testsupport.HttpReceiver.Reply;
import dev.vigil.testsupport.KafkaTestClient;
import dev.vigil.testsupport.Tokens;
import io.restassured.http.ContentType;

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

        health = ServiceProcess.start("health-service", healthProperties());
        alerts = ServiceProcess.start("alert-service", alertProperties());
        ConsumerGroups.awaitAssigned(ALERT_GROUP, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopSuite() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {alerts, health, alertTopic, target,
                webhook}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void shouldRaiseOneAlertAndResolveItOnceForOneOutage() throws Exception {
        String targetId = registerTarget();

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

    private static String registerTarget() {
        Map<String, Object> body = Map.of(
                "name", "e2e-" + UUID.randomUUID(),
                "kind", "HTTP",
                "intervalSeconds", 5,
                "timeoutMs", 2000,
                "critical", true,
                "settings", Map.of("url", target.url("/status")));
        return given().baseUri(health.baseUrl())
                .auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/targets")
                .then().statusCode(201)
                .extract().path("id");
    }

    private static List<VigilEvent> awaitAlertEvents(String targetId, int count, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records =
                alertTopic.await(record -> isAbout(record, targetId), count, timeout);
        return records.stream().map(record -> EventCodec.decodeAny(record.value())).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> settleAlertEvents(String targetId) {
        return alertTopic.settle(record -> isAbout(record, targetId), Duration.ofSeconds(12));
    }

    private static boolean isAbout(ConsumerRecord<String, byte[]> record, String targetId) {
        return new String(record.value(), StandardCharsets.UTF_8).contains(targetId);
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

    private static Map<String, String> healthProperties() throws Exception {
        Map<String, String> properties = SuiteProperties.common(DATABASE);
        // The target is a loopback server, which checks may reach only when allowed.
        properties.put("vigil.health.allow-list", "127.0.0.0/8");
        return properties;
    }

    private static Map<String, String> alertProperties() throws Exception {
        Map<String, String> properties = SuiteProperties.common(DATABASE);
        properties.put("vigil.alert.default-webhook-url", webhook.url("/hook"));
        // A group of its own that starts at the end of the topic: this run reacts only to the
        // checks of this run, not to what other tests left on the shared broker.
        properties.put("mp.messaging.incoming.vigil-health-checks.group.id", ALERT_GROUP);
        properties.put("mp.messaging.incoming.vigil-health-checks.auto.offset.reset", "latest");
        // Likewise for quota crossings: other tests' warnings would otherwise reach the webhook.
        properties.put("mp.messaging.incoming.vigil-quota-thresholds.group.id",
                ALERT_GROUP + "-quota");
        properties.put("mp.messaging.incoming.vigil-quota-thresholds.auto.offset.reset",
                "latest");
        return properties;
    }
}
