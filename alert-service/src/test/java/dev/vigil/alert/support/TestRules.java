package dev.vigil.alert.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.vigil.testsupport.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Creates rules through the API for tests; every rule gets a unique name. */
public final class TestRules {

    private TestRules() {
    }

    /** A consecutive_failures rule on one target; returns its id. */
    public static String consecutiveFailures(String target, int threshold,
            List<String> channels) {
        return create(Map.of(
                "name", "cf-" + threshold + "-" + UUID.randomUUID(),
                "condition", Map.of("type", "consecutive_failures", "threshold", threshold),
                "severity", "high",
                "scope", Map.of("targetIds", List.of(target)),
                "channels", channels,
                "notifyOnResolve", true));
    }

    /** Creates the rule and returns its id. */
    public static String create(Map<String, Object> body) {
        return RestAssured.given()
                .auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/alert-rules")
                .then()
                .statusCode(201)
                .extract().path("id");
    }
}
