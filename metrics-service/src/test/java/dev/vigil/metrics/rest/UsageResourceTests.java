package dev.vigil.metrics.rest;

import static dev.vigil.metrics.rest.UsageApi.get;
import static dev.vigil.metrics.rest.UsageApi.record;
import static dev.vigil.metrics.rest.UsageApi.uniqueService;
import static dev.vigil.metrics.rest.UsageApi.window;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vigil.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code POST /api/usage}: partial acceptance, idempotency by request id, limits and roles. */
@QuarkusTest
class UsageResourceTests {

    @Test
    void shouldStoreGoodRecordsAndListBadOnesWhenBatchIsMixed() {
        String service = uniqueService("mixed");
        Map<String, Object> badStatus = record(service, "/a", "2024-05-01T10:01:00Z", 200,
                5L, null, null);
        badStatus.put("status", "two hundred");
        Map<String, Object> noTime = record(service, "/a", "2024-05-01T10:01:00Z", 10L);
        noTime.remove("occurredAt");
        List<Map<String, Object>> batch = List.of(
                record(service, "/a", "2024-05-01T10:01:00Z", 10L),
                badStatus,
                record(service, "/a", "2024-05-01T10:02:00Z", 20L),
                noTime);

        JsonNode result = post(batch, Tokens.reporter());
        JsonNode summary = get("/api/performance",
                window(service, "2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"));

        assertThat(result.get("accepted").asInt()).isEqualTo(2);
        assertThat(result.get("rejected").asInt()).isEqualTo(2);
        assertThat(result.get("errors").findValuesAsText("field"))
                .containsExactly("status", "occurredAt");
        assertThat(result.get("errors").findValues("index")).extracting(JsonNode::asInt)
                .containsExactly(1, 3);
        assertThat(summary.get("totalRequests").asLong()).isEqualTo(2);
    }

    @Test
    void shouldRejectOnlyTheRecordWhoseTimeIsBeyondYear9999() {
        String service = uniqueService("far-future");
        Map<String, Object> farFuture = record(service, "/a", "+999999999-12-31T00:00:00Z", 10L);
        List<Map<String, Object>> batch = List.of(
                record(service, "/a", "2024-05-01T10:01:00Z", 10L),
                farFuture);

        JsonNode result = post(batch, Tokens.reporter());

        assertThat(result.get("accepted").asInt()).isEqualTo(1);
        assertThat(result.get("errors").findValuesAsText("field"))
                .containsExactly("occurredAt");
        assertThat(result.get("errors").findValuesAsText("reason")).containsExactly(
                "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z");
    }

    @Test
    void shouldRejectOnlyTheRecordWithTextPostgresWouldChange() {
        String service = uniqueService("surrogate");
        List<Map<String, Object>> batch = List.of(
                record(service, "/a", "2024-05-01T10:01:00Z", 10L),
                record(service, "/\ud800x", "2024-05-01T10:02:00Z", 10L),
                record(service, "/b\u0000", "2024-05-01T10:03:00Z", 10L));

        JsonNode result = post(batch, Tokens.reporter());

        assertThat(result.get("accepted").asInt()).isEqualTo(1);
        assertThat(result.get("errors").findValuesAsText("field"))
                .containsExactly("endpoint", "endpoint");
        assertThat(result.get("errors").findValuesAsText("reason")).containsExactly(
                "must be valid Unicode (it has a lone surrogate)",
                "must not contain NUL characters");
    }

    @Test
    void shouldCountARecordOnceWhenPostedTwice() {
        String service = uniqueService("twice");
        List<Map<String, Object>> batch = List.of(
                record(service, "/a", "2024-05-01T10:01:00Z", 10L),
                record(service, "/a", "2024-05-01T10:02:00Z", 30L));

        post(batch, Tokens.reporter());
        JsonNode again = post(batch, Tokens.admin());
        JsonNode summary = get("/api/performance",
                window(service, "2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"));

        assertThat(again.get("accepted").asInt()).isEqualTo(2);
        assertThat(again.get("duplicates").asInt()).isEqualTo(2);
        assertThat(summary.get("totalRequests").asLong()).isEqualTo(2);
        assertThat(summary.get("averageResponseTimeMs").asDouble()).isEqualTo(20.0);
    }

    @Test
    void shouldStoreTextWithTabsNewlinesAndBackslashesUnchanged() {
        String service = uniqueService("escapes");
        String errorType = "Time\tout\\E";
        String userId = "dom\\user\nx";
        Map<String, Object> record = record(service, "/a", "2024-05-01T10:01:00Z", 503, 15L,
                errorType, userId);
        record.put("errorMessage", "line one\r\nline\ttwo \\N");

        JsonNode result = post(List.of(record), Tokens.reporter());
        JsonNode byUser = get("/api/performance", UsageApi.with(
                window(service, "2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"),
                "userId", userId));

        assertThat(result.get("accepted").asInt()).isEqualTo(1);
        assertThat(byUser.get("totalRequests").asLong()).isEqualTo(1);
        assertThat(byUser.get("errorTypes").get(errorType).asLong()).isEqualTo(1);
    }

    @Test
    void shouldRejectBatchNamingBodyWhenOverTenThousandRecords() {
        List<Map<String, Object>> batch = new ArrayList<>();
        Map<String, Object> one = record("big", "/a", "2024-05-01T10:01:00Z", 10L);
        for (int i = 0; i < 10_001; i++) {
            batch.add(one);
        }

        given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON)
                .body(batch)
                .post("/api/usage")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("body"));
    }

    @Test
    void shouldRejectBodyThatIsNotAnArray() {
        given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON)
                .body("{\"requestId\":\"x\"}")
                .post("/api/usage")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("body"));
    }

    @Test
    void shouldRefuseViewerAndAnonymousWhenReporting() {
        given().auth().oauth2(Tokens.viewer())
                .contentType(ContentType.JSON).body("[]")
                .post("/api/usage")
                .then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("[]")
                .post("/api/usage")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseReporterWhenImportingAndRequireService() {
        given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.TEXT).body("")
                .post("/api/usage/import?service=x")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.admin())
                .contentType(ContentType.TEXT).body("")
                .post("/api/usage/import")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("service"));
    }

    @Test
    void shouldReportBadLinesAndKeepGoingWhenImporting() {
        String service = uniqueService("lines");
        String log = String.join("\n",
                "1.1.1.1 - - [01/May/2024:10:00:00 +0000] \"GET /a/1 HTTP/1.1\" 200 5 \"-\" \"x\""
                        + " 0.120",
                "garbage",
                "1.1.1.1 - - [01/May/2024:10:00:01 +0000] \"GET /a/2 HTTP/1.1\" 503 5 \"-\" \"x\""
                        + " 80000",
                "");

        JsonNode result = given().auth().oauth2(Tokens.admin())
                .contentType(ContentType.TEXT).body(log)
                .post("/api/usage/import?service=" + service)
                .then().statusCode(200)
                .extract().as(JsonNode.class);
        JsonNode summary = get("/api/performance",
                window(service, "2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"));

        assertThat(result.get("accepted").asInt()).isEqualTo(2);
        assertThat(result.get("rejected").asInt()).isEqualTo(1);
        assertThat(result.get("rejectedLines").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(summary.get("failedRequests").asLong()).isEqualTo(1);
        assertThat(summary.get("maxResponseTimeMs").asDouble()).isEqualTo(120.0);
        assertThat(summary.get("minResponseTimeMs").asDouble()).isEqualTo(80.0);
    }

    private static JsonNode post(List<Map<String, Object>> batch, String token) {
        return given().auth().oauth2(token)
                .contentType(ContentType.JSON)
                .body(batch)
                .post("/api/usage")
                .then().statusCode(200)
                .extract().as(JsonNode.class);
    }
}
