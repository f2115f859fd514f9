package dev.vigil.quota.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.stream.Stream;

import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.vigil.quota.support.QuotaApi;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Bad input the service kit answers for every service, shown on quota-service: each gets a
 * 400 problem naming its field (never a 500, never a value quietly changed), and nothing is
 * counted or stored.
 */
@QuarkusTest
class BadInputTests {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** Consume bodies the kit refuses by field; none of them counts anything. */
    static Stream<Arguments> refusedFields() {
        return Stream.of(
                refusedField("NUL in requestId", "{\"requestId\":\"a\\u0000b\",\"amount\":1}",
                        "requestId", equalTo("must not contain NUL characters")),
                refusedField("lone surrogate in requestId",
                        "{\"requestId\":\"sur\\ud800\",\"amount\":1}", "requestId",
                        containsString("lone surrogate")),
                refusedField("fractional amount, not cut off",
                        "{\"requestId\":\"r1\",\"amount\":1.5}", "amount",
                        equalTo("must be a whole number")),
                refusedField("amount beyond its range",
                        "{\"requestId\":\"r1\",\"amount\":99999999999999999999}", "amount",
                        containsString("out of range")));
    }

    @ParameterizedTest
    @MethodSource("refusedFields")
    void shouldRefuseBadFieldNamingItAndCountNothing(String body, String field,
            Matcher<String> message) {
        String user = QuotaApi.userWithDailyQuota(10);

        consume(user, body)
                .body("violations[0].field", equalTo(field))
                .body("violations[0].message", message);

        assertThat(QuotaApi.used(user, "DAY")).isZero();
    }

    /** Bodies that are not JSON the service can read at all. */
    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of(Named.of("cut short", "{\"requestId\":\"r1\","),
                        containsString("ends before its JSON is complete")),
                Arguments.of(Named.of("nested past the limit", "{\"a\":".repeat(1001)),
                        containsString("not valid JSON")));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void shouldAnswerUnreadableBodyAsMalformedJson(String body, Matcher<String> detail) {
        String user = QuotaApi.userWithDailyQuota(10);

        consume(user, body)
                .body("type", endsWith("/malformed-json"))
                .body("detail", detail);
    }

    @Test
    void shouldRefuseNulInPathAndQuery() {
        refused(given().urlEncodingEnabled(false).auth().oauth2(Tokens.viewer())
                .get("/api/quotas/%00x").then())
                .body("violations[0].field", equalTo("path"));
        refused(given().urlEncodingEnabled(false).auth().oauth2(Tokens.viewer())
                .get("/api/quotas?tier=%00").then())
                .body("violations[0].field", equalTo("tier"));
    }

    @Test
    void shouldRefuseFractionalTierLimitAndStoreNoTier() {
        String name = QuotaApi.unique("frac");

        refused(given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"requestsPerMinute\":2.7}")
                .post("/api/tiers").then())
                .body("violations[0].field", equalTo("requestsPerMinute"));

        given().auth().oauth2(Tokens.viewer()).get("/api/tiers/{name}", name)
                .then().statusCode(404);
    }

    @Test
    void shouldNameQueryParameterOfWrongType() {
        for (String limit : new String[] {"abc", "99999999999"}) {
            refused(given().auth().oauth2(Tokens.viewer()).queryParam("limit", limit)
                    .get("/api/tiers").then())
                    .body("violations[0].field", equalTo("limit"))
                    .body("violations[0].message", containsString("whole number"));
        }
    }

    @Test
    void shouldRefuseACursorThisApiNeverReturned() {
        refused(given().auth().oauth2(Tokens.viewer()).queryParam("cursor", "Zm9yZ2Vk")
                .get("/api/tiers").then())
                .body("violations[0].field", equalTo("cursor"));
    }

    @Test
    void shouldDescribeWrongTypesWithoutJavaNames() {
        refused(given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\":\"" + QuotaApi.unique("t") + "\",\"thresholds\":\"high\"}")
                .post("/api/tiers").then())
                .body("violations[0].field", equalTo("thresholds"))
                .body("detail", not(containsString("java.")));
    }

    private static Arguments refusedField(String name, String body, String field,
            Matcher<String> message) {
        return Arguments.of(Named.of(name, body), field, message);
    }

    private static ValidatableResponse consume(String user, String body) {
        return refused(given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON)
                .body(body)
                .post("/api/quotas/{id}/consume", user).then());
    }

    private static ValidatableResponse refused(ValidatableResponse response) {
        return response.statusCode(400).contentType("application/problem+json");
    }
}
