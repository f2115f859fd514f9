package dev.vigil.e2e;

import static dev.vigil.e2e.AlertSuite.isAbout;
import static dev.vigil.e2e.AlertSuite.postsAbout;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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

/**
 * BR-16 with a real SIGKILL: alert-service dies while an alert fires, the target recovers
 * while it is down (health-service keeps publishing), and the restarted process, in the same
 * consumer group, resolves the alert from the checks it missed and notifies that once. Alert
 * events are counted by the alert ids of this run's database (see {@link AlertSuite#ofRun}).
 */
class AlertRestartIT {

    private static final String DATABASE = "vigil_e2e_alert_restart";
    private static final String GROUP = AlertSuite.newGroup();

    private static final AtomicBoolean recovered = new AtomicBoolean();
    private static HttpReceiver target;
    private static HttpReceiver webhook;
    private static ServiceProcess health;
    private static ServiceProcess alerts;
    private static KafkaTestClient.Reader alertTopic;

    @BeforeAll
    static void startSuite() throws Exception {
        FreshDatabase.recreate(DATABASE);
        target = HttpReceiver.start();
        webhook = HttpReceiver.start();
        AtomicInteger checks = new AtomicInteger();
        target.respondWith(request -> checks.incrementAndGet() == 1 || recovered.get()
                ? new Reply(200, "ok") : new Reply(503, "down"));
        alertTopic = KafkaTestClient.connect().readerAtEnd(Topics.ALERTS);

        health = ServiceProcess.start("health-service", AlertSuite.healthProperties(DATABASE));
        alerts = startAlerts();
    }

    @AfterAll
    static void stopSuite() throws Exception {
        ServiceProcess.closeAll(alerts, health, alertTopic, target, webhook);
    }

    @Test
    void shouldResolveOnceAfterSigkillWhenTheTargetRecoveredMeanwhile() throws Exception {
        String targetId = AlertSuite.registerTarget(health, target);
        String subject = "target:" + targetId;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> !postsAbout(webhook, subject).isEmpty());
        String alertId = postsAbout(webhook, subject).get(0).alertId();
        // The trigger's delivery is recorded before the kill: otherwise its lease would expire
        // and the restarted process would rightly send it again (at-least-once, same key).
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(alertId) >= 1);

        alerts.kill();
        recovered.set(true);
        int checksAtKill = target.requests().size();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> target.requests().size() >= checksAtKill + 2);
        alerts = startAlerts();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> postsAbout(webhook, subject).size() >= 2);
        List<VigilEvent> lifecycle = AlertSuite.decode(AlertSuite.ofRun(
                alertTopic.settle(record -> isAbout(record, targetId), Duration.ofSeconds(15)),
                alerts, subject));

        assertThat(AlertSuite.alertIds(alerts, subject)).containsExactly(alertId);
        assertThat(lifecycle).extracting(event -> event.getClass().getSimpleName())
                .containsExactly("AlertTriggered", "AlertResolved");
        assertThat(((AlertTriggered) lifecycle.get(0)).alertId()).isEqualTo(alertId);
        assertThat(((AlertResolved) lifecycle.get(1)).alertId()).isEqualTo(alertId);
        assertThat(postsAbout(webhook, subject)).extracting(Post::alertId, Post::event)
                .containsExactly(Tuple.tuple(alertId, "triggered"),
                        Tuple.tuple(alertId, "resolved"));
    }

    private static int deliveries(String alertId) {
        return given().baseUri(alerts.baseUrl())
                .auth().oauth2(Tokens.viewer())
                .get("/api/alerts/{id}", alertId)
                .then().statusCode(200)
                .extract().jsonPath().getList("deliveries").size();
    }

    private static ServiceProcess startAlerts() throws Exception {
        Map<String, String> properties = AlertSuite.alertProperties(DATABASE, GROUP,
                webhook.url("/hook"));
        ServiceProcess process = ServiceProcess.start("alert-service", properties);
        ConsumerGroups.awaitAssigned(GROUP, Duration.ofSeconds(90));
        return process;
    }
}
