package dev.vigil.e2e;

import static dev.vigil.e2e.AlertSuite.postsAbout;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.common.event.AlertResolved;
import dev.vigil.common.event.AlertTriggered;
import dev.vigil.common.event.VigilEvent;
import dev.vigil.common.topic.Topics;
import dev.vigil.e2e.AlertSuite.Post;
import dev.vigil.testsupport.HttpReceiver;
import dev.vigil.testsupport.HttpReceiver.Reply;
import dev.vigil.testsupport.KafkaTestClient;
import dev.vigil.testsupport.Tokens;
import io.restassured.http.ContentType;

/**
 * Two alert-service processes share one topic, one consumer group and one database, next to
 * one health-service. Both are active: each owns partitions, and each runs the sweeper (every
 * second) and the metric rules (every two seconds, against a loopback metrics-service that
 * reports a high error rate). Every transition is still published and notified exactly once:
 * one outage, one long outage with a reminder, and one breached metric rule. Alert events are
 * counted by the alert ids of this run's database: other tests' alert-service processes on the
 * shared broker may read the same checks and publish alerts of their own.
 */
class AlertReplicasIT {

    private static final String DATABASE = "vigil_e2e_alert_replicas";
    private static final String GROUP = AlertSuite.newGroup();
    private static final Duration QUIET = Duration.ofSeconds(15);
    private static final String ALL_ROUTES = "route:* *";
    /** The long outage lasts until its first reminder (after 1 min) arrived. */
    private static final AtomicBoolean longOutageOver = new AtomicBoolean();

    private static HttpReceiver target;
    private static HttpReceiver longTarget;
    private static HttpReceiver webhook;
    private static HttpReceiver metrics;
    private static ServiceProcess health;
    private static ServiceProcess first;
    private static ServiceProcess second;
    private static KafkaTestClient.Reader alertTopic;

    @BeforeAll
    static void startSuite() throws Exception {
        FreshDatabase.recreate(DATABASE);
        target = outage(2, 4);
        longTarget = HttpReceiver.start();
        longTarget.respondWith(request -> longOutageOver.get()
                ? new Reply(200, "ok") : new Reply(503, "down"));
        webhook = HttpReceiver.start();
        metrics = HttpReceiver.start();
        metrics.respondWith(request -> new Reply(200, "{\"totalRequests\":100,"
                + "\"failedRequests\":50,\"errorRate\":0.5,\"p95ResponseTimeMs\":80.0,"
                + "\"averageResponseTimeMs\":40.0}"));
        alertTopic = KafkaTestClient.connect().readerAtEnd(Topics.ALERTS);

        health = ServiceProcess.start("health-service", AlertSuite.healthProperties(DATABASE));
        first = ServiceProcess.start("alert-service", replicaProperties("first"));
        second = ServiceProcess.start("alert-service", replicaProperties("second"));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> AlertSuite.activeMembers(GROUP) == 2);
    }

    @AfterAll
    static void stopSuite() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {first, second, health, alertTopic,
                target, longTarget, webhook, metrics}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void shouldPublishAndNotifyEveryTransitionOnceWithTwoActiveReplicas() {
        String longTargetId = AlertSuite.registerTarget(health, longTarget);
        createReminderRule(longTargetId);
        String targetId = AlertSuite.registerTarget(health, target);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> postsAbout(webhook, subject(targetId)).size() >= 2);
        // Long target: the default rule and the reminder rule each fire and resolve once.
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> postsAbout(webhook, subject(longTargetId)).stream()
                        .anyMatch(post -> post.event().equals("reminder")));
        longOutageOver.set(true);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> postsAbout(webhook, subject(longTargetId)).stream()
                        .filter(post -> post.event().equals("resolved")).count() == 2);
        List<ConsumerRecord<String, byte[]>> settled =
                alertTopic.settle(record -> true, QUIET);

        assertThat(bothReplicasSwept()).as("metric evaluations on both replicas").isTrue();
        List<VigilEvent> outage = AlertSuite.decode(AlertSuite.ofRun(settled, first,
                subject(targetId)));
        assertThat(outage).extracting(event -> event.getClass().getSimpleName())
                .containsExactly("AlertTriggered", "AlertResolved");
        String alertId = ((AlertTriggered) outage.get(0)).alertId();
        assertThat(((AlertResolved) outage.get(1)).alertId()).isEqualTo(alertId);
        assertThat(AlertSuite.ofRun(settled, first, subject(longTargetId)))
                .as("two rules fired and resolved on the long target").hasSize(4);
        assertThat(postsAbout(webhook, subject(targetId)))
                .extracting(Post::alertId, Post::event)
                .containsExactly(Tuple.tuple(alertId, "triggered"),
                        Tuple.tuple(alertId, "resolved"));
        assertThat(postsAbout(webhook, subject(longTargetId))).extracting(Post::event)
                .containsExactlyInAnyOrder("triggered", "triggered", "reminder", "resolved",
                        "resolved");
        assertThat(AlertSuite.ofRun(settled, first, ALL_ROUTES))
                .as("one AlertTriggered for the error-rate rule").hasSize(1);
        assertThat(postsAbout(webhook, ALL_ROUTES)).extracting(Post::event)
                .containsExactly("triggered");
        assertThat(AlertSuite.posts(webhook)).extracting(Post::idempotencyKey)
                .doesNotHaveDuplicates();
    }

    /** Each replica asks metrics-service under a path of its own: both ran the schedule. */
    private static boolean bothReplicasSwept() {
        return metricCalls("/first/") > 5 && metricCalls("/second/") > 5;
    }

    private static long metricCalls(String prefix) {
        return metrics.requests().stream()
                .filter(request -> request.path().startsWith(prefix))
                .count();
    }

    private static String subject(String targetId) {
        return "target:" + targetId;
    }

    /** Answers 503 for checks {@code from..to} (1-based), 200 otherwise. */
    private static HttpReceiver outage(int from, int to) {
        HttpReceiver receiver = HttpReceiver.start();
        AtomicInteger checks = new AtomicInteger();
        receiver.respondWith(request -> {
            int n = checks.incrementAndGet();
            return n >= from && n <= to ? new Reply(503, "down") : new Reply(200, "ok");
        });
        return receiver;
    }

    /** A rule on the long target only that reminds every minute while firing. */
    private static void createReminderRule(String targetId) {
        Map<String, Object> rule = Map.of(
                "name", "reminded outage",
                "condition", Map.of("type", "consecutive_failures", "threshold", 1),
                "severity", "high",
                "repeatIntervalMinutes", 1,
                "scope", Map.of("targetIds", List.of(targetId)));
        given().baseUri(second.baseUrl())
                .auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(rule)
                .post("/api/alert-rules")
                .then().statusCode(201);
    }

    private static Map<String, String> replicaProperties(String name) {
        Map<String, String> properties = AlertSuite.alertProperties(DATABASE, GROUP,
                webhook.url("/hook"));
        properties.put("vigil.alert.sweep-interval", "1s");
        properties.put("vigil.alert.metrics.evaluate-every", "2s");
        properties.put("quarkus.rest-client.metrics-service.url", metrics.url("/" + name));
        return properties;
    }
}
