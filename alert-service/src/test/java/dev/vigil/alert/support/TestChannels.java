package dev.vigil.alert.support;

import java.util.Map;
import java.util.UUID;

import dev.vigil.testsupport.Tokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Creates channels through the API for tests; names are unique. */
public final class TestChannels {

    private TestChannels() {
    }

    public static String slack(String url) {
        return create(Map.of("name", "slack-" + UUID.randomUUID(), "type", "slack", "url", url));
    }

    public static String webhook(String url) {
        return create(Map.of("name", "hook-" + UUID.randomUUID(), "type", "webhook", "url", url));
    }

    public static String email(String to) {
        return create(Map.of("name", "mail-" + UUID.randomUUID(), "type", "email", "to", to));
    }

    public static String create(Map<String, Object> body) {
        return RestAssured.given()
                .auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/channels")
                .then()
                .statusCode(201)
                .extract().path("id");
    }
}
