package dev.vigil.metrics.rest;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Builds request records and drives the metrics API the way a reporter and a viewer do. */
final class UsageApi {

    private static final ObjectMapper STRICT = new ObjectMapper();

    private UsageApi() {
    }

    /** A service name no other test uses. */
    static String uniqueService(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A successful request record with a response time. */
    static Map<String, Object> record(String service, String endpoint, String at, Long rtMs) {
        return record(service, endpoint, at, 200, rtMs, null, null);
    }

    static Map<String, Object> record(
            String service,
            String endpoint,
            String at,
            int status,
            Long rtMs,
            String errorType,
            String userId) {
        Map<String, Object> record = new HashMap<>();
        record.put("requestId", UUID.randomUUID().toString());
        record.put("occurredAt", at);
        record.put("service", service);
        record.put("endpoint", endpoint);
        record.put("method", "GET");
        record.put("status", status);
        record.put("responseTimeMs", rtMs);
        record.put("success", status < 500 && errorType == null);
        record.put("errorType", errorType);
        record.put("userId", userId);
        return record;
    }

    /** Posts the records as a reporter and expects all of them accepted. */
    static void report(List<Map<String, Object>> records) {
        given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON)
                .body(records)
                .post("/api/usage")
                .then().statusCode(200);
    }

    /** GETs a performance path as a viewer and parses the body strictly (no NaN/Infinity). */
    static JsonNode get(String path, Map<String, ?> query) {
        String body = given().auth().oauth2(Tokens.viewer())
                .queryParams(query)
                .get(path)
                .then().statusCode(200)
                .extract().asString();
        try {
            return STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("body is not strict JSON: " + body, e);
        }
    }

    static ValidatableResponse getExpectingProblem(String path, Map<String, ?> query) {
        return given().auth().oauth2(Tokens.viewer())
                .queryParams(query)
                .get(path)
                .then();
    }

    /** The query of a window with a service filter. */
    static Map<String, Object> window(String service, String from, String to) {
        Map<String, Object> query = new HashMap<>();
        query.put("service", service);
        query.put("from", from);
        query.put("to", to);
        return query;
    }

    static Map<String, Object> with(Map<String, Object> query, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(query);
        copy.put(key, value);
        return copy;
    }

    static List<Map<String, Object>> list() {
        return new ArrayList<>();
    }
}
