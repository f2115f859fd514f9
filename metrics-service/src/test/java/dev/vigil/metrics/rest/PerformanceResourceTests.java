package dev.vigil.metrics.rest;

import static dev.vigil.metrics.rest.UsageApi.get;
import static dev.vigil.metrics.rest.UsageApi.record;
import static dev.vigil.metrics.rest.UsageApi.report;
import static dev.vigil.metrics.rest.UsageApi.uniqueService;
import static dev.vigil.metrics.rest.UsageApi.window;
import static dev.vigil.metrics.rest.UsageApi.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

/** Statistics through the API, against values worked out by hand (BR-08, BR-10, BR-12). */
@QuarkusTest
class PerformanceResourceTests {

    private static final String[] STATISTICS = {"averageResponseTimeMs",
        "medianResponseTimeMs", "p95ResponseTimeMs", "p99ResponseTimeMs", "minResponseTimeMs",
        "maxResponseTimeMs"};

    @Test
    void shouldAnswerNullsAndZerosWhenWindowHasNoRequests() {
        String service = uniqueService("br08");
        report(List.of(record(service, "/orders", "2024-05-01T08:30:00Z", 120L)));
        Map<String, Object> query = with(window(service, "2024-05-01T10:00:00Z",
                "2024-05-01T11:00:00Z"), "endpoint", "/orders");

        JsonNode summary = get("/api/performance", query);
        JsonNode distribution = get("/api/performance/distribution", query);

        assertThat(summary.get("totalRequests").asLong()).isZero();
        assertThat(summary.get("successfulRequests").asLong()).isZero();
        assertThat(summary.get("failedRequests").asLong()).isZero();
        assertThat(summary.get("errorRate").isNull()).isTrue();
        assertThat(summary.get("successRate").isNull()).isTrue();
        assertThat(summary.get("throughputPerMinute").asDouble()).isZero();
        for (String statistic : STATISTICS) {
            assertThat(summary.get(statistic).isNull()).as(statistic).isTrue();
        }
        assertThat(distribution.get("buckets")).hasSize(6);
        distribution.get("buckets").forEach(bucket -> {
            assertThat(bucket.get("count").asLong()).isZero();
            assertThat(bucket.get("percentage").isNull()).isTrue();
        });
    }

    @Test
    void shouldAnswerTheValueForEveryStatisticWhenOneRow() {
        String service = uniqueService("br08-one");
        report(List.of(record(service, "/orders", "2024-05-01T10:15:00Z", 250L)));

        JsonNode summary = get("/api/performance",
                window(service, "2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"));

        for (String statistic : STATISTICS) {
            assertThat(summary.get(statistic).asDouble()).as(statistic).isEqualTo(250.0);
        }
        assertThat(summary.get("exact").asBoolean()).isTrue();
    }

    @Test
    void shouldCountBoundaryRowsOnceWhenWindowsAreHalfOpen() {
        String service = uniqueService("br10");
        report(List.of(
                record(service, "/a", "2024-05-01T09:59:59.999Z", 100L),
                record(service, "/a", "2024-05-01T10:00:00.000Z", 500L),
                record(service, "/a", "2024-05-01T10:30:00.000Z", 1000L),
                record(service, "/a", "2024-05-01T10:59:59.999Z", 2000L),
                record(service, "/a", "2024-05-01T13:00:00+02:00", 5000L)));

        JsonNode trends = get("/api/performance/trends",
                window(service, "2024-05-01T09:00:00Z", "2024-05-01T12:00:00Z"));
        JsonNode summary = get("/api/performance",
                window(service, "2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"));
        JsonNode distribution = get("/api/performance/distribution",
                window(service, "2024-05-01T09:00:00Z", "2024-05-01T12:00:00Z"));

        assertThat(instants(trends.get("hours"), "hour")).containsExactly(
                Instant.parse("2024-05-01T09:00:00Z"), Instant.parse("2024-05-01T10:00:00Z"),
                Instant.parse("2024-05-01T11:00:00Z"));
        assertThat(longs(trends.get("hours"), "requests")).containsExactly(1L, 3L, 1L);
        assertThat(summary.get("totalRequests").asLong()).isEqualTo(3);
        assertThat(longs(distribution.get("buckets"), "count"))
                .containsExactly(0L, 1L, 1L, 1L, 1L, 1L);
        assertThat(longs(distribution.get("buckets"), "lowerMs"))
                .containsExactly(0L, 100L, 500L, 1000L, 2000L, 5000L);
    }

    @Test
    void shouldDivideByTheQueryWindowWhenOneRowAndAnswerNullForIdleRoute() {
        String service = uniqueService("br12");
        report(List.of(record(service, "/search?q=\"x\"", "2024-05-01T10:20:00Z", 200, 120L,
                null, "tenant\\a")));
        Map<String, Object> hour = window(service, "2024-05-01T10:00:00Z",
                "2024-05-01T11:00:00Z");

        JsonNode search = get("/api/performance", with(hour, "endpoint", "/search?q=\"x\""));
        JsonNode idle = get("/api/performance", with(hour, "endpoint", "/idle"));
        JsonNode byUser = get("/api/performance", with(hour, "userId", "tenant\\a"));

        // 1 request / 3600 s = 0.000278 req/s = 1/60 per minute
        assertThat(search.get("throughputPerMinute").asDouble())
                .isCloseTo(1 / 60.0, within(1e-9));
        assertThat(search.get("throughputPerMinute").asDouble() / 60)
                .isCloseTo(0.000278, within(0.0000005));
        assertThat(idle.get("errorRate").isNull()).isTrue();
        assertThat(idle.get("totalRequests").asLong()).isZero();
        assertThat(byUser.get("totalRequests").asLong()).isEqualTo(1);
    }

    @Test
    void shouldApplyNearestRankWhenSevenValues() {
        String service = uniqueService("rank7");
        List<Map<String, Object>> records = new ArrayList<>();
        long[] values = {70, 10, 50, 30, 20, 60, 40};
        for (int i = 0; i < values.length; i++) {
            records.add(record(service, "/r", "2024-05-01T10:0" + i + ":00Z", values[i]));
        }
        report(records);

        JsonNode summary = get("/api/performance",
                window(service, "2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"));

        assertThat(summary.get("medianResponseTimeMs").asDouble()).isEqualTo(40.0);
        assertThat(summary.get("p95ResponseTimeMs").asDouble()).isEqualTo(70.0);
        assertThat(summary.get("p99ResponseTimeMs").asDouble()).isEqualTo(70.0);
        assertThat(summary.get("averageResponseTimeMs").asDouble()).isEqualTo(40.0);
    }

    @Test
    void shouldApplyNearestRankWhenHundredValues() {
        String service = uniqueService("rank100");
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            records.add(record(service, "/r", "2024-05-01T10:30:00Z", (long) i));
        }
        report(records);

        JsonNode summary = get("/api/performance",
                window(service, "2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"));

        assertThat(summary.get("p95ResponseTimeMs").asDouble()).isEqualTo(95.0);
        assertThat(summary.get("p99ResponseTimeMs").asDouble()).isEqualTo(99.0);
        assertThat(summary.get("medianResponseTimeMs").asDouble()).isEqualTo(50.5);
    }

    @Test
    void shouldCountRequestsButGiveNoLatencyWhenNoResponseTimes() {
        String service = uniqueService("notime");
        report(List.of(
                record(service, "/r", "2024-05-01T10:10:00Z", 0, null, "ConnectTimeout", null),
                record(service, "/r", "2024-05-01T10:20:00Z", 0, null, "ConnectTimeout", null)));

        JsonNode summary = get("/api/performance",
                window(service, "2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"));

        assertThat(summary.get("totalRequests").asLong()).isEqualTo(2);
        assertThat(summary.get("failedRequests").asLong()).isEqualTo(2);
        assertThat(summary.get("errorRate").asDouble()).isEqualTo(1.0);
        assertThat(summary.get("errorTypes").get("ConnectTimeout").asLong()).isEqualTo(2);
        for (String statistic : STATISTICS) {
            assertThat(summary.get(statistic).isNull()).as(statistic).isTrue();
        }
    }

    @Test
    void shouldListEveryHourWithZerosWhenWindowCrossesUtcMidnight() {
        String service = uniqueService("midnight");
        report(List.of(
                record(service, "/r", "2024-05-01T23:59:59.999Z", 100L),
                record(service, "/r", "2024-05-02T00:00:00.000Z", 300L),
                record(service, "/r", "2024-05-02T02:15:00Z", 500L)));

        JsonNode trends = get("/api/performance/trends",
                window(service, "2024-05-01T23:00:00Z", "2024-05-02T03:00:00Z"));

        JsonNode hours = trends.get("hours");
        assertThat(instants(hours, "hour")).containsExactly(
                Instant.parse("2024-05-01T23:00:00Z"), Instant.parse("2024-05-02T00:00:00Z"),
                Instant.parse("2024-05-02T01:00:00Z"), Instant.parse("2024-05-02T02:00:00Z"));
        assertThat(longs(hours, "requests")).containsExactly(1L, 1L, 0L, 1L);
        assertThat(hours.get(2).get("p95ResponseTimeMs").isNull()).isTrue();
        assertThat(hours.get(2).get("successRate").isNull()).isTrue();
        assertThat(hours.get(1).get("p95ResponseTimeMs").asDouble()).isEqualTo(300.0);
    }

    @Test
    void shouldCountClientErrorsApartFromFailuresWhen4xxAnd5xx() {
        String service = uniqueService("4xx5xx");
        report(List.of(
                record(service, "/r", "2024-05-01T10:01:00Z", 200, 10L, null, null),
                record(service, "/r", "2024-05-01T10:02:00Z", 404, 10L, null, null),
                record(service, "/r", "2024-05-01T10:03:00Z", 500, 10L, null, null),
                record(service, "/r", "2024-05-01T10:04:00Z", 200, 10L, "Timeout", null)));

        JsonNode summary = get("/api/performance",
                window(service, "2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"));

        assertThat(summary.get("totalRequests").asLong()).isEqualTo(4);
        assertThat(summary.get("successfulRequests").asLong()).isEqualTo(1);
        assertThat(summary.get("clientErrors").asLong()).isEqualTo(1);
        assertThat(summary.get("failedRequests").asLong()).isEqualTo(2);
        assertThat(summary.get("errorRate").asDouble()).isEqualTo(0.5);
        assertThat(summary.get("successRate").asDouble()).isEqualTo(0.25);
    }

    @Test
    void shouldSortRoutesWorstFirstWhenAskedForEndpoints() {
        String service = uniqueService("routes");
        report(List.of(
                record(service, "/fast/1", "2024-05-01T10:01:00Z", 200, 10L, null, null),
                record(service, "/fast/2", "2024-05-01T10:02:00Z", 500, 20L, null, null),
                record(service, "/slow", "2024-05-01T10:03:00Z", 200, 900L, null, null)));
        Map<String, Object> hour = window(service, "2024-05-01T10:00:00Z",
                "2024-05-01T11:00:00Z");

        JsonNode byP95 = get("/api/performance/endpoints", hour);
        JsonNode byErrors = get("/api/performance/endpoints", with(hour, "sort", "errorRate"));

        assertThat(byP95.get("endpoints").findValuesAsText("route"))
                .containsExactly("/slow", "/fast/{id}");
        assertThat(byErrors.get("endpoints").findValuesAsText("route"))
                .containsExactly("/fast/{id}", "/slow");
        assertThat(byErrors.get("endpoints").get(0).get("errorRate").asDouble()).isEqualTo(0.5);
    }

    @Test
    void shouldRejectUnknownWindowNamingTheParameter() {
        UsageApi.getExpectingProblem("/api/performance", Map.of("window", "2h"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("window"));
    }

    @Test
    void shouldRejectReversedWindowNamingTo() {
        UsageApi.getExpectingProblem("/api/performance",
                        Map.of("from", "2024-05-01T11:00:00Z", "to", "2024-05-01T10:00:00Z"))
                .statusCode(400)
                .body("violations[0].field", equalTo("to"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/performance", "/api/performance/trends",
        "/api/performance/distribution", "/api/performance/endpoints"})
    void shouldRejectFromBeyondYear9999NamingFrom(String path) {
        UsageApi.getExpectingProblem(path, Map.of("from", "+999999999-12-31T00:00:00Z",
                        "to", "+999999999-12-31T23:59:59Z"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("from"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/performance", "/api/performance/trends",
        "/api/performance/distribution", "/api/performance/endpoints"})
    void shouldRejectToBeyondYear9999NamingTo(String path) {
        UsageApi.getExpectingProblem(path, Map.of("window", "1h",
                        "to", "+999999999-12-31T23:59:59Z"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("to"));
    }

    @Test
    void shouldAnswerAWindowAtTheEndOfYear9999() {
        JsonNode summary = get("/api/performance", Map.of("from", "9999-12-31T00:00:00Z",
                "to", "9999-12-31T23:59:59Z"));

        assertThat(summary.get("totalRequests").asLong()).isZero();
    }

    @Test
    void shouldAnswerAWindowThatStartsBeforeYear1() {
        JsonNode summary = get("/api/performance/trends", Map.of("window", "24h",
                "to", "0001-01-01T00:30:00Z"));

        assertThat(summary.get("hours")).hasSize(25);
    }

    @Test
    void shouldRejectUnknownSortNamingTheParameter() {
        UsageApi.getExpectingProblem("/api/performance/endpoints", Map.of("sort", "p50"))
                .statusCode(400)
                .body("violations[0].field", equalTo("sort"));
    }

    @Test
    void shouldAnswerDefaultWindowWhenNoParameters() {
        JsonNode summary = get("/api/performance", Map.of("window", "15m"));

        assertThat(summary.get("totalRequests").isNumber()).isTrue();
        assertThat(summary.has("throughputPerMinute")).isTrue();
    }

    private static List<Instant> instants(JsonNode array, String field) {
        List<Instant> values = new ArrayList<>();
        array.forEach(node -> values.add(Instant.parse(node.get(field).asText())));
        return values;
    }

    private static List<Long> longs(JsonNode array, String field) {
        List<Long> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get(field).asLong()));
        return values;
    }
}
