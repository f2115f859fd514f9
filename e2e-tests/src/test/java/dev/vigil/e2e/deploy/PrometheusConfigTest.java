package dev.vigil.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.vigil.testsupport.RepoFiles;

/**
 * Checks deploy/prometheus with promtool (config, rules and the rules' unit tests) and that
 * every alert says what is wrong and waits before it fires.
 */
class PrometheusConfigTest {

    private static final Path PROMETHEUS = RepoFiles.find("deploy/prometheus");
    private static final Path RULES = PROMETHEUS.resolve("rules/vigil.rules.yml");

    @Test
    void shouldPassPromtoolConfigCheck() {
        ExternalCommand check = ExternalCommand.run(PROMETHEUS,
                "promtool", "check", "config", "prometheus.yml");

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("1 rule files found");
    }

    @Test
    void shouldPassPromtoolRulesCheck() {
        ExternalCommand check = ExternalCommand.run(PROMETHEUS,
                "promtool", "check", "rules", "rules/vigil.rules.yml");

        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void shouldFireEachAlertOnlyInItsRuleTestScenarios() {
        ExternalCommand test = ExternalCommand.run(PROMETHEUS,
                "promtool", "test", "rules", "rules/vigil.rules.test.yml");

        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void shouldGiveEveryAlertASummaryAndAForDuration() throws IOException {
        List<JsonNode> alerts = alerts();

        assertThat(alerts).extracting(alert -> alert.path("alert").asText())
                .contains("VigilServiceDown", "VigilConsumerLagGrowing",
                        "VigilOutboxBacklogGrowing", "VigilNotificationsFailing");
        assertThat(alerts).allSatisfy(alert -> {
            String name = alert.path("alert").asText();
            assertThat(alert.path("for").asText()).as(name + " for").isNotBlank();
            assertThat(alert.path("annotations").path("summary").asText())
                    .as(name + " summary").isNotBlank();
            assertThat(alert.path("labels").path("severity").asText())
                    .as(name + " severity").isIn("warning", "critical");
        });
    }

    @Test
    void shouldWatchTheMetricsTheServicesExport() throws IOException {
        String expressions = String.join("\n",
                alerts().stream().map(alert -> alert.path("expr").asText()).toList());

        assertThat(expressions).contains(
                "up{system=\"vigil\"}",
                "kafka_consumer_fetch_manager_records_lag_max",
                "vigil_outbox_backlog_events",
                "vigil_outbox_oldest_age_seconds",
                "vigil_notification_attempts_total{outcome=\"failure\"}");
    }

    private static List<JsonNode> alerts() throws IOException {
        JsonNode groups = new YAMLMapper().readTree(RULES.toFile()).path("groups");
        List<JsonNode> alerts = new ArrayList<>();
        groups.forEach(group -> group.path("rules").forEach(rule -> {
            if (rule.has("alert")) {
                alerts.add(rule);
            }
        }));
        return alerts;
    }
}
