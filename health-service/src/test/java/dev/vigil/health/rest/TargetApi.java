package dev.vigil.health.rest;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.vigil.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Calls the target API as an admin, for tests that need targets rather than test the API. */
public final class TargetApi {

    private TargetApi() {
    }

    /** A unique target name, so tests sharing the database never clash. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An HTTP target definition. */
    public static Map<String, Object> http(String name, String url, int intervalSeconds) {
        return Map.of("name", name, "kind", "HTTP", "intervalSeconds", intervalSeconds,
                "timeoutMs", 2000, "critical", false, "settings", Map.of("url", url));
    }

    /**
     * An HTTP target whose limits a loaded test machine cannot trip, so status follows the
     * answer alone.
     */
    public static Map<String, Object> lenientHttp(String name, String url, int intervalSeconds) {
        return Map.of("name", name, "kind", "HTTP", "intervalSeconds", intervalSeconds,
                "timeoutMs", 10000, "degradedAfterMs", 5000, "unhealthyAfterMs", 10000,
                "critical", false, "settings", Map.of("url", url));
    }

    public static ValidatableResponse post(Object body) {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/targets").then();
    }

    /** Registers a target and returns its id. */
    public static String create(Object body) {
        return post(body).statusCode(201).extract().path("id");
    }

    /** The statuses of a target's stored results, newest first. */
    public static List<String> resultStatuses(String id) {
        return given().auth().oauth2(Tokens.viewer())
                .when().get("/api/targets/" + id + "/results")
                .then().statusCode(200).extract().jsonPath().getList("items.status");
    }

    public static void delete(String id) {
        given().auth().oauth2(Tokens.admin()).when().delete("/api/targets/" + id);
    }
}
