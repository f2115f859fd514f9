package dev.vigil.e2e;

import static io.restassured.RestAssured.given;

import java.util.Map;

import dev.vigil.testsupport.Tokens;
import io.restassured.http.ContentType;

/** Registers health-service targets the way an admin does, for the end-to-end tests. */
final class TargetApi {

    private TargetApi() {
    }

    /** Creates the target described by {@code body}; returns its id. */
    static String create(ServiceProcess health, Map<String, Object> body) {
        return given().baseUri(health.baseUrl())
                .auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/targets")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** An HTTP target at {@code url}, checked every {@code intervalSeconds} with a 2 s timeout. */
    static Map<String, Object> http(String name, String url, long intervalSeconds) {
        return Map.of(
                "name", name,
                "kind", "HTTP",
                "intervalSeconds", intervalSeconds,
                "timeoutMs", 2000,
                "settings", Map.of("url", url));
    }
}
