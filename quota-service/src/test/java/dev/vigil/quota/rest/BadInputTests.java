package dev.vigil.quota.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

    @Test
    void shouldRefuseNulInRequestIdAndCountNothing() {
        String user = QuotaApi.userWithDailyQuota(10);

        consume(user, "{\"requestId\":\"a\\u0000b\",\"amount\":1}")
                .body("violations[0].field", equalTo("requestId"))
                .body("violations[0].message", equalTo("must not contain NUL characters"));

        assertThat(QuotaApi.used(user, "DAY")).isZero();
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
    void shouldRefuseFractionalAmountInsteadOfCuttingItOff() {
        String user = QuotaApi.userWithDailyQuota(10);

        consume(user, "{\"requestId\":\"r1\",\"amount\":1.5}")
                .body("violations[0].field", equalTo("amount"))
                .body("violations[0].message", equalTo("must be a whole number"));

        assertThat(QuotaApi.used(user, "DAY")).isZero();
    }

    @Test
    void shouldNameAmountBeyondItsRange() {
        String user = QuotaApi.userWithDailyQuota(10);

        consume(user, "{\"requestId\":\"r1\",\"amount\":99999999999999999999}")
                .body("violations[0].field", equalTo("amount"))
                .body("detail", containsString("out of range"));

        assertThat(QuotaApi.used(user, "DAY")).isZero();
    }

    @Test
    void shouldAnswerBodyCutShortAsMalformedJson() {
        String user = QuotaApi.userWithDailyQuota(10);

        consume(user, "{\"requestId\":\"r1\",")
                .body("type", endsWith("/malformed-json"))
                .body("detail", containsString("ends before its JSON is complete"));
    }

    @Test
    void shouldAnswerJsonNestedPastTheLimitAsMalformedJson() {
        String user = QuotaApi.userWithDailyQuota(10);

        consume(user, "{\"a\":".repeat(1001))
                .body("type", endsWith("/malformed-json"));
    }

    @Test
    void shouldRefuseLoneSurrogateInRequestIdAndCountNothing() {
        String user = QuotaApi.userWithDailyQuota(10);

        consume(user, "{\"requestId\":\"sur\\ud800\",\"amount\":1}")
                .body("violations[0].field", equalTo("requestId"))
                .body("violations[0].message", containsString("lone surrogate"));

        assertThat(QuotaApi.used(user, "DAY")).isZero();
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

    private static ValidatableResponse consume(String user, String body) {
        return refused(given().auth().oauth2(Tokens.reporter()).contentType(ContentType.JSON)
                .body(body)
                .post("/api/quotas/{id}/consume", user).then());
    }

    private static ValidatableResponse refused(ValidatableResponse response) {
        return response.statusCode(400).contentType("application/problem+json");
    }
}
