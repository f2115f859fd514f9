package dev.vigil.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import dev.vigil.alert.service.HealthEvaluator;
import dev.vigil.alert.support.AlertEvents;
import dev.vigil.alert.support.AlertTestResource;
import dev.vigil.alert.support.AlertTestResource.Smtp;
import dev.vigil.alert.support.TestChannels;
import dev.vigil.alert.support.TestRules;
import dev.vigil.common.topic.Topics;
import dev.vigil.testsupport.HttpReceiver;
import dev.vigil.testsupport.HttpReceiver.Reply;
import dev.vigil.testsupport.KafkaTestClient;
import dev.vigil.testsupport.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;

/**
 * BR-19 and delivery: secrets never leave the service, every attempt is recorded and retried
 * with backoff, and a failing channel does not hold up the others.
 */
@QuarkusTest
@WithTestResource(AlertTestResource.class)
class ChannelSecretsTests {

    private static final String SLACK_TOKEN = "SECRETTOKEN123";
    private static final String HEADER_TOKEN = "tok-ABC";

    @Inject
    HealthEvaluator evaluator;

    @Inject
    AgroalDataSource dataSource;

    @Smtp
    GreenMail smtp;

    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String text = record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
                    : record.getMessage();
            logLines.add(text + (record.getThrown() == null ? "" : record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        java.util.logging.Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapture() {
        java.util.logging.Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void shouldNeverExposeSecretsAndKeepThemOnUpdate() {
        String target = AlertEvents.newTargetId("r10");
        AtomicInteger slackCalls = new AtomicInteger();
        try (HttpReceiver slack = HttpReceiver.start();
                HttpReceiver hook = HttpReceiver.start();
                KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader published = kafka.readerAtEnd(Topics.ALERTS)) {
            slack.respondWith(r -> slackCalls.incrementAndGet() == 1
                    ? new Reply(500, "token " + SLACK_TOKEN + " rejected") : new Reply(200, "ok"));
            String slackBody = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("name", "slack-" + UUID.randomUUID(), "type", "slack",
                            "url", slack.url("/services/T000/B000/" + SLACK_TOKEN)))
                    .post("/api/channels").then().statusCode(201).extract().asString();
            String slackId = io.restassured.path.json.JsonPath.from(slackBody).getString("id");
            String hookId = TestChannels.create(Map.of("name", "hook-" + UUID.randomUUID(),
                    "type", "webhook", "url", hook.url("/generic"),
                    "headers", Map.of("Authorization", "Bearer " + HEADER_TOKEN)));
            String mailId = TestChannels.email("oncall@example.test");
            String rule = TestRules.create(Map.of("name", "r10-" + UUID.randomUUID(),
                    "condition", Map.of("type", "consecutive_failures", "threshold", 1),
                    "severity", "critical", "channels", List.of(slackId, hookId, mailId),
                    "scope", Map.of("targetIds", List.of(target))));

            String oneChannel = given().auth().oauth2(Tokens.admin())
                    .get("/api/channels/" + slackId).then().statusCode(200)
                    .extract().asString();
            String allChannels = given().auth().oauth2(Tokens.admin())
                    .get("/api/channels").then().statusCode(200).extract().asString();
            String ruleBody = given().auth().oauth2(Tokens.viewer())
                    .get("/api/alert-rules/" + rule).then().statusCode(200).extract().asString();
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("name", "renamed-" + UUID.randomUUID(), "type", "slack"))
                    .put("/api/channels/" + slackId).then().statusCode(200);
            evaluator.apply(List.of(AlertEvents.check(target, "UNHEALTHY", Instant.now())));

            await().atMost(Duration.ofSeconds(20)).until(() -> slack.requests().size() == 2
                    && hook.requests().size() == 1 && smtp.getReceivedMessages().length >= 1);
            String event = KafkaTestClient.text(published.await(
                    record -> AlertEvents.about(record, rule, "target:" + target), 1,
                    Duration.ofSeconds(20)).get(0));
            String alertId = hook.requests().get(0).headers().get("X-Vigil-Alert-Id");
            String detail = given().auth().oauth2(Tokens.viewer()).get("/api/alerts/" + alertId)
                    .then().statusCode(200).extract().asString();
            String metrics = given().get("/q/metrics").then().extract().asString();

            assertThat(List.of(slackBody, oneChannel, allChannels, ruleBody, event, detail,
                    metrics, String.join("\n", logLines)))
                    .allSatisfy(text -> assertThat(text).doesNotContain(SLACK_TOKEN)
                            .doesNotContain(HEADER_TOKEN));
            assertThat(oneChannel).contains("\"secretSet\":true").contains("****");
            assertThat(slack.requests()).extracting(HttpReceiver.Received::path)
                    .containsOnly("/services/T000/B000/" + SLACK_TOKEN);
            assertThat(hook.requests().get(0).headers().get("Authorization"))
                    .isEqualTo("Bearer " + HEADER_TOKEN);
            assertThat(io.restassured.path.json.JsonPath.from(detail)
                    .getList("deliveries.outcome"))
                    .contains("failed", "delivered");
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertThat(mail.getSubject()).startsWith("[Vigil] TRIGGERED");
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("oncall@example.test");
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldDeliverToHealthyChannelsWhileOneKeepsFailing() {
        String target = AlertEvents.newTargetId("iso");
        try (HttpReceiver broken = HttpReceiver.start();
                HttpReceiver good = HttpReceiver.start()) {
            broken.respondWith(r -> new Reply(503, "down", Duration.ofSeconds(2)));
            String rule = TestRules.create(Map.of("name", "iso-" + UUID.randomUUID(),
                    "condition", Map.of("type", "consecutive_failures", "threshold", 1),
                    "severity", "high",
                    "channels", List.of(TestChannels.webhook(broken.url("/broken")),
                            TestChannels.webhook(good.url("/good"))),
                    "scope", Map.of("targetIds", List.of(target))));

            evaluator.apply(List.of(AlertEvents.check(target, "UNHEALTHY", Instant.now())));
            evaluator.apply(List.of(AlertEvents.check(target, "HEALTHY", Instant.now())));

            await().atMost(Duration.ofSeconds(10)).until(() -> good.requests().size() == 2);
            await().atMost(Duration.ofSeconds(20)).until(() -> broken.requests().size() >= 3);
            assertThat(good.requests()).extracting(r -> r.headers().get("Idempotency-Key"))
                    .allSatisfy(key -> assertThat(key).doesNotContain("@"));
            assertThat(rule).isNotBlank();
        }
    }

    /**
     * A channel stored before its URL was checked (or changed under the API) must still end in
     * recorded failed attempts, not in a delivery retried for ever without a trace.
     */
    @Test
    void shouldRecordFailedAttemptsForAChannelItsClientRefuses() throws Exception {
        String target = AlertEvents.newTargetId("unsendable");
        String channel = TestChannels.webhook("http://127.0.0.1:9/unused");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE channel SET url = 'http://127.0.0.1:99999/' WHERE id = ?")) {
            update.setObject(1, UUID.fromString(channel));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        TestRules.create(Map.of("name", "unsendable-" + UUID.randomUUID(),
                "condition", Map.of("type", "consecutive_failures", "threshold", 1),
                "severity", "high", "channels", List.of(channel),
                "scope", Map.of("targetIds", List.of(target))));

        evaluator.apply(List.of(AlertEvents.check(target, "UNHEALTHY", Instant.now())));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(failedAttemptErrors(channel))
                        .isNotEmpty()
                        .allSatisfy(error -> assertThat(error)
                                .startsWith("IllegalArgumentException")));
    }

    private List<String> failedAttemptErrors(String channelId) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT error FROM delivery_attempt WHERE channel_id = ? "
                                + "AND outcome = 'failed'")) {
            select.setObject(1, UUID.fromString(channelId));
            List<String> errors = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    errors.add(rows.getString(1));
                }
            }
            return errors;
        }
    }
}
