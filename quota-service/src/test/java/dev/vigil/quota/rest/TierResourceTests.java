package dev.vigil.quota.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.quota.support.QuotaApi;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Tiers and tier assignment through the REST API, with roles and validation. */
@QuarkusTest
class TierResourceTests {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void shouldInstallDefaultTiersWhenMigrated() {
        List<String> names = given().auth().oauth2(Tokens.viewer())
                .queryParam("limit", 200)
                .get("/api/tiers")
                .then()
                .statusCode(200)
                .extract().jsonPath().getList("items.name");

        assertThat(names).contains("free", "pro", "enterprise", "admin");
        given().auth().oauth2(Tokens.viewer())
                .get("/api/tiers/admin")
                .then()
                .statusCode(200)
                .body("requestsPerDay", nullValue())
                .body("thresholds", contains(0.8f, 1.0f));
    }

    @Test
    void shouldCreateTierWithDefaultThresholdsWhenNoneGiven() {
        String name = QuotaApi.unique("t");

        given().auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "requestsPerDay", 500))
                .post("/api/tiers")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/tiers/" + name))
                .body("requestsPerMinute", nullValue())
                .body("requestsPerDay", equalTo(500))
                .body("thresholds", contains(0.8f, 1.0f));
    }

    @Test
    void shouldReplaceLimitsAndSortThresholdsWhenUpdated() {
        String name = QuotaApi.createTier(QuotaApi.unique("t"), 10L, 100L, 1000L, null);

        given().auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("requestsPerDay", 200, "thresholds", List.of(1.0, 0.5)))
                .put("/api/tiers/{name}", name)
                .then()
                .statusCode(200)
                .body("requestsPerMinute", nullValue())
                .body("requestsPerDay", equalTo(200))
                .body("thresholds", contains(0.5f, 1.0f));
    }

    @Test
    void shouldAnswer400NamingFieldWhenTierIsInvalid() {
        Map<String, Object> negative = Map.of("name", QuotaApi.unique("t"),
                "requestsPerDay", -1);
        Map<String, Object> badThreshold = Map.of("name", QuotaApi.unique("t"),
                "thresholds", List.of(0.8, 1.5));
        Map<String, Object> repeated = Map.of("name", QuotaApi.unique("t"),
                "thresholds", List.of(0.8, 0.8));
        Map<String, Object> badName = Map.of("name", "Not A Name");

        assertInvalid(negative, "requestsPerDay");
        assertInvalid(badThreshold, "thresholds[1]");
        assertInvalid(repeated, "thresholds[1]");
        assertInvalid(badName, "name");
        assertInvalid(Map.of("requestsPerDay", 5), "name");
    }

    @Test
    void shouldAnswer400WhenLimitIsNotANumber() {
        given().auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x1\",\"requestsPerDay\":\"lots\"}")
                .post("/api/tiers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("requestsPerDay"));
    }

    @Test
    void shouldNameEveryBadThresholdAtOnce() {
        given().auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + QuotaApi.unique("t") + "\","
                        + "\"thresholds\":[0,1.5,0.5,0.5]}")
                .post("/api/tiers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field",
                        contains("thresholds[0]", "thresholds[1]", "thresholds[3]"));
    }

    @Test
    void shouldAnswer409WhenTierNameExists() {
        String name = QuotaApi.createTier(QuotaApi.unique("t"), null, 5L, null, null);

        given().auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/api/tiers")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRefuseWritesWithoutAdminRole() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "x"))
                .post("/api/tiers")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.viewer())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "x"))
                .post("/api/tiers")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.reporter())
                .get("/api/tiers")
                .then()
                .statusCode(403);
    }

    @Test
    void shouldPutUnknownUserOnFreeTier() {
        given().auth().oauth2(Tokens.viewer())
                .get("/api/users/{id}/tier", QuotaApi.unique("nobody"))
                .then()
                .statusCode(200)
                .body("tier", equalTo("free"));
    }

    @Test
    void shouldAssignTierAndAnswer400ForUnknownTier() {
        String user = QuotaApi.unique("user");

        QuotaApi.assign(user, "pro");

        given().auth().oauth2(Tokens.viewer())
                .get("/api/users/{id}/tier", user)
                .then()
                .statusCode(200)
                .body("tier", equalTo("pro"));
        given().auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("tier", "no-such-tier"))
                .put("/api/users/{id}/tier", user)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("tier"));
    }

    @Test
    void shouldRefuseDeletingDefaultTierOrTierInUse() {
        String inUse = QuotaApi.createTier(QuotaApi.unique("t"), null, 5L, null, null);
        QuotaApi.assign(QuotaApi.unique("user"), inUse);
        String unused = QuotaApi.createTier(QuotaApi.unique("t"), null, 5L, null, null);

        given().auth().oauth2(Tokens.admin()).delete("/api/tiers/free")
                .then().statusCode(409);
        given().auth().oauth2(Tokens.admin()).delete("/api/tiers/{n}", inUse)
                .then().statusCode(409);
        given().auth().oauth2(Tokens.admin()).delete("/api/tiers/{n}", unused)
                .then().statusCode(204);
        given().auth().oauth2(Tokens.viewer()).get("/api/tiers/{n}", unused)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldPageTiersWithCursor() {
        String first = given().auth().oauth2(Tokens.viewer())
                .queryParam("limit", 1)
                .get("/api/tiers")
                .then()
                .statusCode(200)
                .extract().jsonPath().getString("nextCursor");

        List<String> second = given().auth().oauth2(Tokens.viewer())
                .queryParam("limit", 1)
                .queryParam("cursor", first)
                .get("/api/tiers")
                .then()
                .statusCode(200)
                .extract().jsonPath().getList("items.name");

        assertThat(first).isNotNull();
        assertThat(second).hasSize(1);
        given().auth().oauth2(Tokens.viewer()).queryParam("limit", 0).get("/api/tiers")
                .then().statusCode(400).body("violations[0].field", equalTo("limit"));
    }

    private static void assertInvalid(Map<String, Object> body, String field) {
        given().auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/tiers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains(field));
    }
}
