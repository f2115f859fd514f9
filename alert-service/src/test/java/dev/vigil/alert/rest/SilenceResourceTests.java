package dev.vigil.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.vigil.alert.support.AlertEvents;
import dev.vigil.alert.support.AlertTestResource;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The silences API: instants Postgres cannot store, overlong matchers and unknown rules are
 * the caller's error (400 naming the field), never a failed statement.
 */
@QuarkusTest
@WithTestResource(AlertTestResource.class)
class SilenceResourceTests {

    private static final String END = "2026-03-03T13:00:00Z";

    static Stream<Arguments> invalidSilences() {
        return Stream.of(
                bad("endsAt in year 999999999", "endsAt",
                        Map.of("subject", "overall", "endsAt", "+999999999-12-31T23:59:59Z")),
                bad("endsAt in year 10000", "endsAt",
                        Map.of("subject", "overall", "endsAt", "+10000-01-01T00:00:00Z")),
                bad("startsAt before year 1", "startsAt",
                        Map.of("subject", "overall", "startsAt", "-999999999-01-01T00:00:00Z",
                                "endsAt", END)),
                bad("subject of 501 characters", "subject",
                        Map.of("subject", "s".repeat(501), "endsAt", END)),
                bad("tag of 501 characters", "tag",
                        Map.of("tag", "t".repeat(501), "endsAt", END)),
                bad("comment of 2001 characters", "comment",
                        Map.of("subject", "overall", "comment", "c".repeat(2001),
                                "endsAt", END)),
                bad("ruleId naming no rule", "ruleId",
                        Map.of("ruleId", UUID.randomUUID().toString(), "endsAt", END)));
    }

    private static Arguments bad(String name, String field, Map<String, Object> silence) {
        return Arguments.of(Named.of(name, silence), field);
    }

    @ParameterizedTest
    @MethodSource("invalidSilences")
    void shouldRejectInvalidSilenceNamingTheField(Map<String, Object> silence, String field) {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(silence)
                .post("/api/silences")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo(field));
    }

    @Test
    void shouldAcceptSilenceAtTheLimitsAndAnswerWhatAGetReadsBack() {
        Map<String, Object> silence = new HashMap<>(Map.of(
                "ruleId", AlertEvents.TARGET_DOWN_RULE,
                "subject", "s".repeat(500),
                "startsAt", "2026-03-03T12:00:00.123456789Z",
                "endsAt", "9999-12-31T23:59:59Z"));

        String created = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(silence)
                .post("/api/silences").then().statusCode(201).extract().asString();
        String id = JsonPath.from(created).getString("id");
        String read = given().auth().oauth2(Tokens.admin()).get("/api/silences/" + id)
                .then().statusCode(200).extract().asString();

        assertThat(JsonPath.from(created).getString("startsAt"))
                .isEqualTo("2026-03-03T12:00:00.123456Z");
        assertThat(JsonPath.from(read).getString("startsAt"))
                .isEqualTo(JsonPath.from(created).getString("startsAt"));
        assertThat(JsonPath.from(read).getString("createdAt"))
                .isEqualTo(JsonPath.from(created).getString("createdAt"));
        assertThat(JsonPath.from(read).getString("endsAt")).isEqualTo("9999-12-31T23:59:59Z");
    }
}
