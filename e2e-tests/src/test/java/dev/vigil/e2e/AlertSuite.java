package dev.vigil.e2e;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.GroupState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.common.event.VigilEvent;
import dev.vigil.common.serde.EventCodec;
import dev.vigil.testsupport.HttpReceiver;
import dev.vigil.testsupport.Tokens;

/**
 * What the alert-service end-to-end tests share: the properties of an alert-service process in
 * a consumer group of the test's own, target registration, and reading webhook posts.
 */
final class AlertSuite {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertSuite() {
    }

    /** One notification as the webhook received it. */
    record Post(String alertId, String event, String subject, String idempotencyKey) {
    }

    /**
     * Properties of an alert-service process in {@code group} (for both consumed channels,
     * starting at the end of the topics, so other tests' events never reach this run).
     */
    static Map<String, String> alertProperties(String database, String group, String webhook) {
        Map<String, String> properties = SuiteProperties.common(database);
        properties.put("vigil.alert.default-webhook-url", webhook);
        properties.put("mp.messaging.incoming.vigil-health-checks.group.id", group);
        properties.put("mp.messaging.incoming.vigil-health-checks.auto.offset.reset", "latest");
        properties.put("mp.messaging.incoming.vigil-quota-thresholds.group.id", group + "-quota");
        properties.put("mp.messaging.incoming.vigil-quota-thresholds.auto.offset.reset",
                "latest");
        return properties;
    }

    /** health-service properties that let checks reach loopback targets. */
    static Map<String, String> healthProperties(String database) {
        Map<String, String> properties = SuiteProperties.common(database);
        properties.put("vigil.health.allow-list", "127.0.0.0/8");
        return properties;
    }

    static String newGroup() {
        return "e2e-" + UUID.randomUUID();
    }

    /** Registers a critical HTTP target checked every 5 s; returns its id. */
    static String registerTarget(ServiceProcess health, HttpReceiver target) {
        Map<String, Object> body = new HashMap<>(TargetApi.http("e2e-" + UUID.randomUUID(),
                target.url("/status"), 5));
        body.put("critical", true);
        return TargetApi.create(health, body);
    }

    /** The notifications the webhook received, oldest first. */
    static List<Post> posts(HttpReceiver webhook) {
        return webhook.requests().stream()
                .filter(request -> request.method().equals("POST"))
                .map(request -> post(request.body(), request.headers().get("Idempotency-Key")))
                .toList();
    }

    static List<Post> postsAbout(HttpReceiver webhook, String subject) {
        return posts(webhook).stream().filter(post -> post.subject().equals(subject)).toList();
    }

    /**
     * The ids of the alerts this run's database holds for the subject. Alert events are keyed
     * by alert id, and other tests' alert-service processes on the shared broker may read the
     * same health checks and publish alerts of their own about this run's targets.
     */
    static List<String> alertIds(ServiceProcess alerts, String subject) {
        return given().baseUri(alerts.baseUrl())
                .auth().oauth2(Tokens.viewer())
                .queryParam("subject", subject)
                .queryParam("limit", 100)
                .get("/api/alerts")
                .then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
    }

    /** This run's alert events about the subject, in the order the topic had them. */
    static List<ConsumerRecord<String, byte[]>> ofRun(List<ConsumerRecord<String, byte[]>> seen,
            ServiceProcess alerts, String subject) {
        List<String> ids = alertIds(alerts, subject);
        return seen.stream().filter(record -> ids.contains(record.key())).toList();
    }

    static boolean isAbout(ConsumerRecord<String, byte[]> record, String text) {
        return new String(record.value(), StandardCharsets.UTF_8).contains(text);
    }

    static List<VigilEvent> decode(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(record -> EventCodec.decodeAny(record.value())).toList();
    }

    /** Members of the group that own at least one partition, once the group is stable. */
    static long activeMembers(String groupId) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                dev.vigil.testsupport.KafkaTestClient.BOOTSTRAP))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId))
                    .describedGroups().get(groupId).get(Duration.ofSeconds(10).toMillis(),
                            java.util.concurrent.TimeUnit.MILLISECONDS);
            if (group.groupState() != GroupState.STABLE) {
                return 0;
            }
            return group.members().stream()
                    .map(MemberDescription::assignment)
                    .filter(assignment -> !assignment.topicPartitions().isEmpty())
                    .count();
        } catch (Exception e) {
            return 0;
        }
    }

    private static Post post(String body, String key) {
        try {
            JsonNode node = JSON.readTree(body);
            return new Post(node.path("alertId").asText(), node.path("event").asText(),
                    node.path("subject").asText(), key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
