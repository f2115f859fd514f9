package dev.vigil.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.vigil.testsupport.HttpReceiver;
import dev.vigil.testsupport.RepoFiles;
import dev.vigil.testsupport.Tokens;
import io.restassured.http.ContentType;

/**
 * The four packaged services on one fresh database expose the operational metrics of issue 7
 * on {@code /q/metrics} after a little traffic: outbox backlog and oldest age, consumer lag,
 * checks and records consumed, notification attempts by outcome. Every metric the alerting
 * rules in {@code deploy/prometheus} use is in some service's scrape, and every scrape passes
 * {@code promtool check metrics}.
 */
class OperationalMetricsIT {

    private static final String DATABASE = "vigil_e2e_opmetrics";
    private static final String GROUP = "e2e-opmetrics-" + UUID.randomUUID();
    private static final Pattern IDENTIFIER = Pattern.compile("\\b[a-zA-Z_:][a-zA-Z0-9_:]*\\b");
    /** Metrics Vigil's own code names, as opposed to the JVM's, Vert.x's or Kafka's. */
    private static final Pattern VIGIL_METRIC = Pattern.compile("(vigil|health|quota)_");
    private static final Set<String> PROMQL_WORDS = Set.of("max", "sum", "rate", "delta",
            "increase", "by", "and", "or", "unless", "min", "avg", "count");

    private static HttpReceiver target;
    private static ServiceProcess health;
    private static ServiceProcess alerts;
    private static ServiceProcess quota;
    private static ServiceProcess metrics;

    @BeforeAll
    static void startSuite() throws Exception {
        FreshDatabase.recreate(DATABASE);
        target = HttpReceiver.start();
        health = ServiceProcess.start("health-service", withGroups(Map.of(
                "vigil.health.allow-list", "127.0.0.0/8")));
        alerts = ServiceProcess.start("alert-service", withGroups(Map.of(
                "vigil.alert.default-webhook-url", target.url("/hook"),
                "mp.messaging.incoming.vigil-health-checks.group.id", GROUP + "-alert",
                "mp.messaging.incoming.vigil-quota-thresholds.group.id", GROUP + "-alert-q")));
        quota = ServiceProcess.start("quota-service", withGroups(Map.of(
                "mp.messaging.incoming.usage.group.id", GROUP + "-quota")));
        metrics = ServiceProcess.start("metrics-service", withGroups(Map.of(
                "mp.messaging.incoming.usage.group.id", GROUP + "-metrics")));
    }

    @AfterAll
    static void stopSuite() throws Exception {
        ServiceProcess.closeAll(health, alerts, quota, metrics, target);
    }

    @Test
    void shouldExposeOperationalMetricsOnEveryService() throws Exception {
        // Before any usage is sent: a counter that appears only with its first event would
        // leave Prometheus without a series to compute a rate from.
        Scrape fresh = scrape(quota);
        assertThat(fresh.value("quota_usage_counted_total")).isNotNull();
        assertThat(fresh.value("quota_usage_batch_failures_total")).isNotNull();

        registerTarget();
        consumeQuota();
        recordUsage();

        // health-service: checks started and stored (rates = checks per second), its outbox.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                scrape(health).value("health_check_scheduling_lag_seconds_count"))
                .isNotNull().isGreaterThanOrEqualTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                scrape(health).value("health_checks_completed_total"))
                .isNotNull().isGreaterThanOrEqualTo(1));
        assertOutboxDrained(health);

        // alert-service: its outbox, notification attempts by outcome, and its consumer lag.
        assertOutboxDrained(alerts);
        Scrape alertScrape = scrape(alerts);
        for (String outcome : List.of("success", "failure")) {
            assertThat(alertScrape.value("vigil_notification_attempts_total",
                    "outcome=\"" + outcome + "\"")).as(outcome)
                    .isNotNull().isGreaterThanOrEqualTo(0);
        }
        assertConsumerLag(alerts, true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                scrape(alerts).value("vigil_alert_evaluations_total",
                        "source=\"health_check\""))
                .isNotNull().isGreaterThanOrEqualTo(1));

        // quota-service: decisions counted, its outbox, its consumer lag.
        assertThat(scrape(quota).value("quota_consume_total"))
                .isNotNull().isGreaterThanOrEqualTo(1);
        assertOutboxDrained(quota);
        assertConsumerLag(quota, false);

        // metrics-service: a consumer of usage events, so its lag.
        assertConsumerLag(metrics, false);
    }

    @Test
    void shouldExposeEveryMetricTheAlertingRulesUse() throws Exception {
        Set<String> exposed = new TreeSet<>();
        for (ServiceProcess service : List.of(health, alerts, quota, metrics)) {
            exposed.addAll(scrape(service).names());
        }

        Set<String> used = ruleMetrics();

        // `up` is written by Prometheus itself for every scrape target, not by a service.
        used.remove("up");
        assertThat(used).as("metrics the rules use").isNotEmpty();
        assertThat(exposed).as("metrics the services expose").containsAll(used);
    }

    @Test
    void shouldPassPromtoolCheckMetricsOnEveryScrape() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        for (ServiceProcess service : List.of(health, alerts, quota, metrics)) {
            String text = scrape(service).text();
            // Kept next to the service's log, so a lint failure's line number can be looked up.
            Path kept = service.log().resolveSibling(service.log().getFileName() + ".metrics");
            Files.writeString(kept, text, StandardCharsets.UTF_8);

            Promtool check = Promtool.checkMetrics(text);

            // Exit 1 is a scrape promtool cannot parse; exit 3 is lint problems, which the
            // framework's own meters have (no help text, "_count" gauges) and Vigil's must not.
            softly.assertThat(check.exitCode()).as("promtool check metrics on %s:%n%s", kept,
                    check.output()).isIn(0, 3);
            softly.assertThat(check.problems()).as("lint problems of Vigil's metrics in %s", kept)
                    .filteredOn(problem -> VIGIL_METRIC.matcher(problem).lookingAt())
                    .filteredOn(problem -> !isHelpOnCounterFamily(problem, text))
                    .isEmpty();
        }
        softly.assertAll();
    }

    /**
     * The exporter writes a counter's HELP and TYPE under the family name without
     * {@code _total} ({@code # HELP vigil_requests ...}), which promtool 2.42 does not match to
     * the {@code vigil_requests_total} samples: its "no help text" is then wrong when the
     * family's HELP has text.
     */
    private static boolean isHelpOnCounterFamily(String problem, String scrape) {
        String name = problem.split(" ", 2)[0];
        if (!problem.endsWith("no help text") || !name.endsWith("_total")) {
            return false;
        }
        String family = name.substring(0, name.length() - "_total".length());
        return Pattern.compile("(?m)^# HELP " + Pattern.quote(family) + " \\S").matcher(scrape)
                .find();
    }

    private static void assertOutboxDrained(ServiceProcess service) {
        // The gauges refresh every 15 s; the relay publishes within seconds, so both settle at 0.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Scrape scrape = scrape(service);
            assertThat(scrape.value("vigil_outbox_backlog_events")).isEqualTo(0.0);
            assertThat(scrape.value("vigil_outbox_oldest_age_seconds")).isEqualTo(0.0);
        });
    }

    /**
     * Every consumer reports its largest lag: NaN while it has fetched no records in the
     * client's sample window (an idle topic, as usage is here), else a count of at least 0.
     * A consumer that receives events (alert-service gets this run's checks) has a number.
     */
    private static void assertConsumerLag(ServiceProcess service, boolean receivesEvents) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Double> lags = scrape(service)
                    .values("kafka_consumer_fetch_manager_records_lag_max");
            assertThat(lags).as("consumer lag samples").isNotEmpty()
                    .allMatch(lag -> lag.isNaN() || lag >= 0);
            if (receivesEvents) {
                assertThat(lags).as("consumer lag samples").anyMatch(Double::isFinite);
            }
        });
    }

    private static void registerTarget() {
        TargetApi.create(health, TargetApi.http("opmetrics-" + UUID.randomUUID(),
                target.url("/status"), 5));
    }

    private static void consumeQuota() {
        given().baseUri(quota.baseUrl()).auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON)
                .body(Map.of("requestId", UUID.randomUUID().toString(), "amount", 1))
                .post("/api/quotas/{userId}/consume", "opmetrics-user")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 429));
    }

    private static void recordUsage() {
        Map<String, Object> record = Map.of(
                "requestId", UUID.randomUUID().toString(),
                "occurredAt", Instant.now().toString(),
                "service", "opmetrics",
                "endpoint", "/api/things",
                "method", "GET",
                "status", 200,
                "responseTimeMs", 12,
                "success", true,
                "userId", "opmetrics-user");
        given().baseUri(metrics.baseUrl()).auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON).body(List.of(record))
                .post("/api/usage")
                .then().statusCode(200)
                .body("accepted", org.hamcrest.Matchers.equalTo(1));
    }

    /** Metric names in the expressions of deploy/prometheus/rules/vigil.rules.yml. */
    private static Set<String> ruleMetrics() throws IOException {
        Path rules = RepoFiles.find("deploy/prometheus/rules/vigil.rules.yml");
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(rules.toFile());
        Set<String> names = new TreeSet<>();
        for (JsonNode group : root.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                // Label matchers, grouping labels and range durations are not metric names.
                String expr = rule.get("expr").asText()
                        .replaceAll("\\{[^}]*}", " ")
                        .replaceAll("by\\s*\\([^)]*\\)", " ")
                        .replaceAll("\\[[^]]*]", " ");
                Matcher matcher = IDENTIFIER.matcher(expr);
                while (matcher.find()) {
                    if (!PROMQL_WORDS.contains(matcher.group())) {
                        names.add(matcher.group());
                    }
                }
            }
        }
        return names;
    }

    private static Scrape scrape(ServiceProcess service) {
        return new Scrape(given().baseUri(service.baseUrl()).get("/q/metrics")
                .then().statusCode(200).extract().asString());
    }

    private static Map<String, String> withGroups(Map<String, String> extra) {
        Map<String, String> properties = SuiteProperties.common(DATABASE);
        properties.putAll(extra);
        // Groups of this run's own start at the end of the shared topics.
        extra.keySet().stream().filter(key -> key.endsWith(".group.id"))
                .forEach(key -> properties.put(key.replace(".group.id", ".auto.offset.reset"),
                        "latest"));
        return properties;
    }

    /** One scrape in the Prometheus text format. */
    private record Scrape(String text) {

        // Label values may hold braces (uri="/api/targets/{id}"): the label set runs to the
        // last brace on the line.
        private static final Pattern SAMPLE = Pattern.compile(
                "(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*})? (\\S+)(?: \\S+)?$");

        Set<String> names() {
            Set<String> names = new TreeSet<>();
            Matcher matcher = SAMPLE.matcher(text);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        }

        /**
         * The sum over the samples of a metric whose labels contain every given pair, or null
         * when it has none.
         */
        Double value(String name, String... labels) {
            List<Double> values = values(name, labels);
            return values.isEmpty()
                    ? null
                    : values.stream().mapToDouble(Double::doubleValue).sum();
        }

        /** The samples of a metric whose labels contain every given pair. */
        List<Double> values(String name, String... labels) {
            List<Double> values = new ArrayList<>();
            Matcher matcher = SAMPLE.matcher(text);
            while (matcher.find()) {
                String found = matcher.group(2) == null ? "" : matcher.group(2);
                if (matcher.group(1).equals(name) && List.of(labels).stream()
                        .allMatch(found::contains)) {
                    values.add(Double.parseDouble(matcher.group(3).replace("Inf", "Infinity")));
                }
            }
            return values;
        }
    }

    /** {@code promtool check metrics}, which reads a scrape on stdin and lints it. */
    private record Promtool(int exitCode, String output) {

        /** One lint problem per line, each starting with the metric's name. */
        List<String> problems() {
            return output.lines().filter(line -> !line.isBlank()).toList();
        }

        static Promtool checkMetrics(String scrape) throws IOException, InterruptedException {
            Path input = Files.createTempFile("scrape-", ".txt");
            try {
                Files.writeString(input, scrape, StandardCharsets.UTF_8);
                Process process = new ProcessBuilder("promtool", "check", "metrics")
                        .redirectInput(input.toFile())
                        .redirectErrorStream(true)
                        .start();
                String output = new String(process.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                return new Promtool(process.exitValue(), output);
            } finally {
                Files.deleteIfExists(input);
            }
        }
    }
}
