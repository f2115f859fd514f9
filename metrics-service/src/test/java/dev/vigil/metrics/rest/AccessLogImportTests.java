package dev.vigil.metrics.rest;

import static dev.vigil.metrics.rest.UsageApi.get;
import static dev.vigil.metrics.rest.UsageApi.uniqueService;
import static dev.vigil.metrics.rest.UsageApi.window;
import static dev.vigil.metrics.rest.UsageApi.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vigil.metrics.model.Routes;
import dev.vigil.testsupport.RepoFiles;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Imports the real 2,500-line Apache log through the API and checks the statistics against
 * figures this test works out from the file itself.
 */
@QuarkusTest
class AccessLogImportTests {

    private static final Pattern LINE = Pattern.compile(
            "^\\S+ \\S+ \\S+ \\[([^\\]]+)\\] \"\\S+ (\\S+)[^\"]*\" (\\d{3}) .*");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private static String log;
    private static int lines;
    private static final Map<Integer, Long> BY_CLASS = new TreeMap<>();
    private static final Map<Instant, Long> BY_HOUR = new TreeMap<>();
    private static final Map<String, Long> BY_ROUTE = new HashMap<>();

    @BeforeAll
    static void readTheFile() throws IOException {
        Path file = RepoFiles.find("shared/data/apache-access-sample.log");
        log = Files.readString(file, StandardCharsets.UTF_8);
        for (String line : log.split("\n")) {
            Matcher m = LINE.matcher(line);
            assertThat(m.matches()).as("line %s", line).isTrue();
            lines++;
            Instant at = OffsetDateTime.parse(m.group(1), TIME).toInstant();
            BY_HOUR.merge(at.truncatedTo(ChronoUnit.HOURS), 1L, Long::sum);
            BY_CLASS.merge(Integer.parseInt(m.group(3)) / 100, 1L, Long::sum);
            BY_ROUTE.merge(Routes.normalize(m.group(2)), 1L, Long::sum);
        }
    }

    @Test
    void shouldMatchTheFileAndAddNothingWhenImportedTwice() {
        String service = uniqueService("apache");
        Map<String, Object> query = sampleWindow(service);

        JsonNode firstImport = importLog(service, log);
        JsonNode summary = get("/api/performance", query);
        JsonNode trends = get("/api/performance/trends", query);
        JsonNode routes = get("/api/performance/endpoints", with(query, "limit", 1000));
        JsonNode secondImport = importLog(service, log);
        JsonNode summaryAfter = get("/api/performance", query);

        assertThat(lines).isEqualTo(2500);
        assertThat(firstImport.get("accepted").asLong()).isEqualTo(lines);
        assertThat(firstImport.get("rejected").asLong()).isZero();
        assertThat(summary.get("totalRequests").asLong()).isEqualTo(lines);
        assertThat(summary.get("failedRequests").asLong()).isEqualTo(BY_CLASS.get(5));
        assertThat(summary.get("clientErrors").asLong()).isEqualTo(BY_CLASS.get(4));
        assertThat(summary.get("successfulRequests").asLong())
                .isEqualTo(BY_CLASS.get(2) + BY_CLASS.get(3));
        assertThat(summary.get("p95ResponseTimeMs").isNull()).isTrue();
        assertHourlyCounts(trends.get("hours"));
        assertTopRoutes(routes.get("endpoints"));
        assertThat(secondImport.get("accepted").asLong()).isEqualTo(lines);
        assertThat(secondImport.get("duplicates").asLong()).isEqualTo(lines);
        assertThat(summaryAfter.get("totalRequests").asLong()).isEqualTo(lines);
    }

    @Test
    void shouldRejectOnlyTheLineWithA4000CharacterPathAndImportTheRest() {
        String service = uniqueService("long-path");
        String longPath = "10.0.0.9 - - [17/May/2015:10:05:03 +0000] \"GET /"
                + "a".repeat(4000) + " HTTP/1.1\" 200 1 \"-\" \"curl/8.0\"";

        JsonNode report = importLog(service, log + longPath + "\n");
        JsonNode summary = get("/api/performance", sampleWindow(service));

        assertThat(report.get("accepted").asLong()).isEqualTo(lines);
        assertThat(report.get("rejected").asLong()).isOne();
        assertThat(report.at("/rejectedLines/0/line").asLong()).isEqualTo(lines + 1);
        assertThat(report.at("/rejectedLines/0/reason").asText())
                .isEqualTo("endpoint: must be at most 2048 characters");
        assertThat(summary.get("totalRequests").asLong()).isEqualTo(lines);
    }

    @Test
    void shouldRejectA100000CharacterLineUnreadAndImportTheRest() {
        String service = uniqueService("huge-line");
        String hugeLine = "10.0.0.9 - - [17/May/2015:10:05:03 +0000] \"GET /"
                + "a\\\"".repeat(33_320) + " HTTP/1.1\" 200 1";

        JsonNode report = importLog(service, hugeLine + "\n" + log);
        JsonNode summary = get("/api/performance", sampleWindow(service));

        assertThat(hugeLine).hasSizeGreaterThanOrEqualTo(100_000);
        assertThat(report.get("accepted").asLong()).isEqualTo(lines);
        assertThat(report.get("rejected").asLong()).isOne();
        assertThat(report.at("/rejectedLines/0/line").asLong()).isOne();
        assertThat(report.at("/rejectedLines/0/reason").asText())
                .isEqualTo("line: longer than 16384 characters");
        assertThat(summary.get("totalRequests").asLong()).isEqualTo(lines);
    }

    @Test
    void shouldNameTheFieldInPlainWordsWhenANumberIsOutOfRange() {
        String service = uniqueService("overflow");
        String good = "10.0.0.9 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1";
        String tooManyBytes = "10.0.0.9 - - [17/May/2015:10:05:04 +0000] \"GET / HTTP/1.1\" 200 "
                + "9".repeat(30);
        String tooLongATime = good + " \"-\" \"-\" " + "9".repeat(30);

        JsonNode report = importLog(service, good + "\n" + tooManyBytes + "\n" + tooLongATime);

        assertThat(report.get("accepted").asLong()).isOne();
        assertThat(report.get("rejectedLines").findValuesAsText("reason")).containsExactly(
                "bytes: out of range", "requestTime: out of range (0 to 86400 seconds)");
        assertThat(report.get("rejectedLines").findValues("line")).extracting(JsonNode::asLong)
                .containsExactly(2L, 3L);
    }

    /** The hours the sample log covers, for one service. */
    private static Map<String, Object> sampleWindow(String service) {
        Instant first = BY_HOUR.keySet().iterator().next();
        Instant last = ((TreeMap<Instant, Long>) BY_HOUR).lastKey().plus(1, ChronoUnit.HOURS);
        return window(service, first.toString(), last.toString());
    }

    private static void assertHourlyCounts(JsonNode hours) {
        Map<Instant, Long> served = new TreeMap<>();
        hours.forEach(h -> served.put(Instant.parse(h.get("hour").asText()),
                h.get("requests").asLong()));
        served.forEach((hour, count) -> assertThat(count).as("hour %s", hour)
                .isEqualTo(BY_HOUR.getOrDefault(hour, 0L)));
        assertThat(served.keySet()).containsAll(BY_HOUR.keySet());
    }

    private static void assertTopRoutes(JsonNode endpoints) {
        Map<String, Long> served = new HashMap<>();
        endpoints.forEach(e -> served.put(e.get("route").asText(),
                e.get("totalRequests").asLong()));
        List<Map.Entry<String, Long>> top = BY_ROUTE.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(5)
                .toList();
        assertThat(served).hasSize(BY_ROUTE.size());
        top.forEach(e -> assertThat(served.get(e.getKey())).as(e.getKey())
                .isEqualTo(e.getValue()));
    }

    private static JsonNode importLog(String service, String body) {
        return given().auth().oauth2(Tokens.admin())
                .contentType(ContentType.TEXT)
                .body(body)
                .post("/api/usage/import?service=" + service)
                .then().statusCode(200)
                .extract().as(JsonNode.class);
    }
}
