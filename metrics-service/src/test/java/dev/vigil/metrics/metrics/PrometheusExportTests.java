package dev.vigil.metrics.metrics;

import static dev.vigil.metrics.metrics.PromTool.checkMetrics;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.vigil.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** {@code /q/metrics} as a scraper sees it (BR-12): escaped labels, valid exposition text. */
@QuarkusTest
class PrometheusExportTests {

    @Test
    void shouldEscapeLabelsAndPassPromtoolWhenLabelsHoldQuotesAndBackslashes() throws Exception {
        String service = "tenant\\a-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON)
                .body(List.of(Map.of("requestId", UUID.randomUUID().toString(),
                        "occurredAt", "2024-05-01T10:20:00Z", "service", service,
                        "endpoint", "/search/\"x\"?q=1", "method", "GET", "status", 200,
                        "responseTimeMs", 120, "success", true)))
                .post("/api/usage")
                .then().statusCode(200);

        Response scrape = given().accept("text/plain").get("/q/metrics");
        String body = scrape.asString();

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.contentType()).startsWith("text/plain").contains("version=0.0.4");
        assertThat(body).endsWith("\n");
        String route = "route=\"/search/\\\"x\\\"\"";
        String serviceLabel = "service=\"" + service.replace("\\", "\\\\") + "\"";
        assertThat(sample(body, "vigil_requests_total{", route, serviceLabel))
                .contains("outcome=\"success\"").endsWith(" 1.0");
        assertThat(sample(body, "vigil_request_duration_seconds_bucket{", route, serviceLabel,
                "le=\"0.5\"")).endsWith(" 1.0");
        assertThat(sample(body, "vigil_request_duration_seconds_bucket{", route, serviceLabel,
                "le=\"0.1\"")).endsWith(" 0.0");
        assertThat(body.split("\n")).filteredOn(line -> line.startsWith("vigil_"))
                .noneMatch(line -> line.endsWith("Infinity") || line.contains("null"));
        assertThat(typeLinesPerMetric(body).values()).allMatch(count -> count == 1);
        // The whole scrape must parse; framework meters (Kafka client, Netty) break lint rules
        // such as "no abbreviated units", which is theirs to fix, so only ours must be clean.
        assertThat(checkMetrics(body, "scrape").exitCode()).isNotEqualTo(PromTool.PARSE_ERROR)
                .isIn(PromTool.OK, PromTool.LINT_PROBLEMS);
        PromTool.Verdict ours = checkMetrics(vigilFamilies(body), "vigil");
        assertThat(ours.exitCode()).as(ours.output()).isEqualTo(PromTool.OK);
    }

    @Test
    void shouldAnswerOpenMetricsToAPlainScrapeAndTextFormatToAcceptTextPlain() {
        Response plain = given().accept("*/*").get("/q/metrics");
        Response text = given().accept("text/plain").get("/q/metrics");

        assertThat(plain.contentType()).startsWith("application/openmetrics-text")
                .contains("version=1.0.0");
        assertThat(plain.asString()).endsWith("# EOF\n");
        assertThat(text.contentType()).startsWith("text/plain").contains("version=0.0.4");
    }

    /** The one sample line of the metric that carries all the given label texts. */
    private static String sample(String body, String prefix, String... labels) {
        List<String> lines = Arrays.stream(body.split("\n"))
                .filter(line -> line.startsWith(prefix))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .toList();
        assertThat(lines).as("%s with %s", prefix, Arrays.toString(labels)).hasSize(1);
        return lines.get(0);
    }

    /** This service's own families: vigil_requests_total, vigil_request_duration_seconds. */
    private static String vigilFamilies(String body) {
        return Arrays.stream(body.split("\n"))
                .filter(line -> line.startsWith("vigil_request")
                        || line.startsWith("# HELP vigil_request")
                        || line.startsWith("# TYPE vigil_request"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static Map<String, Long> typeLinesPerMetric(String body) {
        return Arrays.stream(body.split("\n"))
                .filter(line -> line.startsWith("# TYPE "))
                .collect(Collectors.groupingBy(line -> line.split(" ")[2],
                        Collectors.counting()));
    }
}
