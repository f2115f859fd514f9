package dev.vigil.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vigil.alert.client.MetricsClient;
import dev.vigil.alert.model.Alert;
import dev.vigil.alert.model.Outcome;
import dev.vigil.alert.model.Rule;
import dev.vigil.alert.repository.AlertRepository;
import dev.vigil.alert.repository.RuleRepository;
import dev.vigil.alert.support.AlertEvents;
import dev.vigil.alert.support.AlertQueries;
import dev.vigil.alert.support.AlertTestResource;
import dev.vigil.alert.support.AlertTestResource.MetricsService;
import dev.vigil.alert.support.LogCapture;
import dev.vigil.alert.support.TestChannels;
import dev.vigil.alert.support.TestClock;
import dev.vigil.alert.support.TestRules;
import dev.vigil.common.event.AlertResolved;
import dev.vigil.common.event.AlertTriggered;
import dev.vigil.common.event.VigilEvent;
import dev.vigil.common.topic.Topics;
import dev.vigil.testsupport.HttpReceiver;
import dev.vigil.testsupport.HttpReceiver.Reply;
import dev.vigil.testsupport.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Metric rules walked minute by minute against a loopback server posing as metrics-service:
 * cooldown (BR-14), windows without data (BR-08), metrics-service going silent or refusing
 * alert-service's token.
 */
@QuarkusTest
@WithTestResource(AlertTestResource.class)
class MetricRuleWalkTests {

    private static final Instant TEN = Instant.parse("2026-01-05T10:00:00Z");
    private static final String BREACHED = "{\"totalRequests\":200,\"failedRequests\":12,"
            + "\"errorRate\":0.06,\"p95ResponseTimeMs\":120.0,\"averageResponseTimeMs\":80.0}";
    private static final String CALM = "{\"totalRequests\":200,\"failedRequests\":2,"
            + "\"errorRate\":0.01,\"p95ResponseTimeMs\":120.0,\"averageResponseTimeMs\":80.0}";
    private static final String EMPTY = "{\"totalRequests\":0,\"failedRequests\":0,"
            + "\"errorRate\":null,\"p95ResponseTimeMs\":null,\"averageResponseTimeMs\":null}";

    @Inject
    MetricRuleEvaluator evaluator;

    @Inject
    RuleRepository rules;

    @Inject
    AlertRepository alerts;

    @Inject
    TestClock clock;

    @MetricsService
    HttpReceiver metrics;

    private volatile String answer = CALM;

    @Inject
    MetricsClient client;

    /** Lets the circuit breaker close again, so the next test starts with an answering peer. */
    @AfterEach
    void restore() {
        clock.release();
        metrics.respondWith(request -> new Reply(200, EMPTY));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.performance(TEN, TEN, "probe", "/probe") != null);
    }

    @Test
    void shouldHoldBackTriggersDuringCooldownAndNotifyResolveOnlyAfterNotifiedTrigger() {
        Set<Integer> breachedMinutes = Set.of(0, 1, 2, 6, 7, 15);
        try (HttpReceiver slack = HttpReceiver.start();
                KafkaTestClient kafka = KafkaTestClient.connect();
                KafkaTestClient.Reader published = kafka.readerAtEnd(Topics.ALERTS)) {
            Rule rule = rules.find(UUID.fromString(errorCountRule(slack)));
            String subject = MetricRuleEvaluator.subjectOf(rule.scope());
            metrics.respondWith(request -> new Reply(200, answer));

            for (int minute = 0; minute <= 40; minute++) {
                answer = breachedMinutes.contains(minute) ? BREACHED : CALM;
                clock.set(TEN.plus(Duration.ofMinutes(minute)));

                evaluator.evaluate(rule, clock.instant());

                int expected = expectedSlackMessages(minute);
                String where = "after 10:" + String.format("%02d", minute);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(slack.requests()).as("slack messages " + where)
                                .hasSize(expected));
                assertThat(AlertQueries.triggers(AlertQueries.of(alerts, rule.id().toString(),
                        subject))).as("incidents " + where).isEqualTo(incidents(minute));
            }

            List<Alert> history = AlertQueries.of(alerts, rule.id().toString(), subject);
            assertThat(history).extracting(Alert::state)
                    .containsExactly("resolved", "resolved", "resolved");
            assertThat(history).extracting(Alert::suppressedBy)
                    .containsExactly(null, "cooldown", null);
            assertThat(history).extracting(Alert::triggeredAt).containsExactly(TEN,
                    TEN.plus(Duration.ofMinutes(6)), TEN.plus(Duration.ofMinutes(15)));
            assertThat(slack.requests()).extracting(r -> text(r.body()))
                    .containsExactly("TRIGGERED", "RESOLVED", "TRIGGERED", "RESOLVED");
            assertThat(slack.requests()).allSatisfy(r -> assertThat(r.body())
                    .contains("\"blocks\"").contains("\"type\":\"header\""));

            List<VigilEvent> events = AlertEvents.decodeAll(published.await(
                    record -> AlertEvents.about(record, rule.id().toString(), subject), 6,
                    Duration.ofSeconds(20)));
            // Each alert has its own key and partition, so order by time, not by arrival.
            assertThat(events.stream().filter(AlertTriggered.class::isInstance)
                    .map(AlertTriggered.class::cast)
                    .sorted(java.util.Comparator.comparing(AlertTriggered::triggeredAt))
                    .map(AlertTriggered::suppressed).toList())
                    .containsExactly(false, true, false);
            assertThat(events.stream().filter(AlertResolved.class::isInstance)
                    .map(AlertResolved.class::cast)
                    .sorted(java.util.Comparator.comparing(AlertResolved::resolvedAt))
                    .map(AlertResolved::suppressed).toList())
                    .containsExactly(false, true, false);
        }
    }

    @Test
    void shouldChangeNothingWhenTheWindowHasNoRequests() {
        Rule rule = rules.find(UUID.fromString(TestRules.create(Map.of(
                "name", "br08-" + UUID.randomUUID(),
                "condition", Map.of("type", "error_rate", "threshold", 0.05,
                        "timeWindowMinutes", 5),
                "severity", "high",
                "scope", Map.of("service", "orders-" + UUID.randomUUID(),
                        "endpoint", "/orders")))));
        String subject = MetricRuleEvaluator.subjectOf(rule.scope());
        metrics.respondWith(request -> new Reply(200, answer));

        answer = EMPTY;
        Outcome at1005 = evaluator.evaluate(rule, TEN.plus(Duration.ofMinutes(5)));
        Outcome at1010 = evaluator.evaluate(rule, TEN.plus(Duration.ofMinutes(10)));

        assertThat(at1005.kind()).isEqualTo(Outcome.Kind.NO_DATA);
        assertThat(at1010.kind()).isEqualTo(Outcome.Kind.NO_DATA);
        assertThat(AlertQueries.of(alerts, rule.id().toString(), subject)).isEmpty();

        answer = BREACHED;
        evaluator.evaluate(rule, TEN.plus(Duration.ofMinutes(15)));
        answer = EMPTY;
        evaluator.evaluate(rule, TEN.plus(Duration.ofMinutes(20)));
        evaluator.evaluate(rule, TEN.plus(Duration.ofMinutes(25)));

        assertThat(AlertQueries.of(alerts, rule.id().toString(), subject))
                .as("an active alert stays active while no data comes")
                .extracting(Alert::state).containsExactly("firing");
        assertThat(metrics.requests()).anySatisfy(request -> assertThat(request.path())
                .startsWith("/api/performance").contains("endpoint=%2Forders"));
    }

    @Test
    void shouldTurnUnknownAndKeepTheAlertWhenMetricsServiceGoesSilent() {
        Rule rule = rules.find(UUID.fromString(TestRules.create(Map.of(
                "name", "silent-" + UUID.randomUUID(),
                "condition", Map.of("type", "error_count", "threshold", 10),
                "severity", "high",
                "scope", Map.of("service", "pay-" + UUID.randomUUID(), "endpoint", "/pay")))));
        String subject = MetricRuleEvaluator.subjectOf(rule.scope());
        metrics.respondWith(request -> new Reply(200, BREACHED));
        evaluator.evaluate(rule, TEN);

        metrics.respondWith(request -> new Reply(200, CALM, Duration.ofSeconds(3)));
        List<Outcome> silent = List.of(
                evaluator.evaluate(rule, TEN.plus(Duration.ofMinutes(1))),
                evaluator.evaluate(rule, TEN.plus(Duration.ofMinutes(2))),
                evaluator.evaluate(rule, TEN.plus(Duration.ofMinutes(3))));

        assertThat(silent).extracting(Outcome::kind).containsOnly(Outcome.Kind.UNKNOWN);
        assertThat(AlertQueries.of(alerts, rule.id().toString(), subject))
                .extracting(Alert::state).containsExactly("firing");
    }

    @Test
    void shouldStayUnknownAndNameTheTokenSettingWhenMetricsServiceRefusesTheToken() {
        Rule rule = rules.find(UUID.fromString(TestRules.create(Map.of(
                "name", "refused-" + UUID.randomUUID(),
                "condition", Map.of("type", "error_rate", "threshold", 0.05),
                "severity", "high",
                "scope", Map.of("service", "auth-" + UUID.randomUUID())))));
        metrics.respondWith(request -> new Reply(401, "{\"title\":\"Unauthorized\"}"));

        List<Outcome> refused;
        List<String> log;
        try (LogCapture capture = LogCapture.start()) {
            refused = List.of(
                    evaluator.evaluate(rule, TEN.plus(Duration.ofMinutes(1))),
                    evaluator.evaluate(rule, TEN.plus(Duration.ofMinutes(2))),
                    evaluator.evaluate(rule, TEN.plus(Duration.ofMinutes(3))),
                    evaluator.evaluate(rule, TEN.plus(Duration.ofMinutes(4))),
                    evaluator.evaluate(rule, TEN.plus(Duration.ofMinutes(5))));
            log = capture.lines();
        }

        assertThat(refused).extracting(Outcome::kind).containsOnly(Outcome.Kind.UNKNOWN);
        assertThat(log).filteredOn(line -> line.startsWith("metrics-service"))
                .as("every evaluation says the token was refused, none that the breaker is open")
                .hasSize(5)
                .allSatisfy(line -> assertThat(line)
                        .contains("refused", "status=401", "vigil.alert.metrics.token",
                                "UNKNOWN")
                        .doesNotContain("Exception"));
        assertThat(metrics.requests()).as("a refused token is not retried")
                .filteredOn(request -> request.path().contains("service=" + rule.scope()
                        .service()))
                .hasSize(5);
    }

    private String errorCountRule(HttpReceiver slack) {
        String channel = TestChannels.slack(slack.url("/services/T000/B000/W1"));
        return TestRules.create(Map.of(
                "name", "r4-" + UUID.randomUUID(),
                "condition", Map.of("type", "error_count", "threshold", 10,
                        "timeWindowMinutes", 5),
                "severity", "high",
                "cooldownMinutes", 15,
                "notifyOnResolve", true,
                "channels", List.of(channel),
                "scope", Map.of("service", "pay-" + UUID.randomUUID(), "endpoint", "/pay")));
    }

    /** 10:00 TRIGGERED, 10:03 RESOLVED, 10:15 TRIGGERED, 10:16 RESOLVED; nothing else. */
    private static int expectedSlackMessages(int minute) {
        if (minute < 3) {
            return 1;
        }
        if (minute < 15) {
            return 2;
        }
        return minute < 16 ? 3 : 4;
    }

    private static int incidents(int minute) {
        if (minute < 6) {
            return 1;
        }
        return minute < 15 ? 2 : 3;
    }

    private static String text(String body) {
        int start = body.indexOf("\"text\":\"") + 8;
        return body.substring(start, body.indexOf(':', start));
    }
}
