package dev.vigil.quota.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vigil.quota.support.QuotaApi;
import dev.vigil.quota.support.TestClock;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** The system view per tier: users, utilization and users over thresholds. */
@QuarkusTest
class SystemQuotaTests {

    @Inject
    TestClock clock;

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    @Test
    void shouldSummarizeUsersOfTierWhenFiltered() {
        clock.set(Instant.parse("2024-07-15T08:00:00Z"));
        String tier = QuotaApi.createTier(QuotaApi.unique("sys"), null, 100L, null, null);
        String busy = QuotaApi.unique("busy");
        String calm = QuotaApi.unique("calm");
        QuotaApi.assign(busy, tier);
        QuotaApi.assign(calm, tier);
        QuotaApi.consume(busy, "b", 90).then().statusCode(200);
        QuotaApi.consume(calm, "c", 50).then().statusCode(200);

        String day = "tiers[0].periods.find { it.period == 'DAY' }";
        given().auth().oauth2(Tokens.viewer())
                .queryParam("tier", tier)
                .get("/api/quotas")
                .then()
                .statusCode(200)
                .body("tiers.size()", equalTo(1))
                .body("tiers[0].tier", equalTo(tier))
                .body(day + ".users", equalTo(2))
                .body(day + ".averageUtilization", equalTo(0.7f))
                .body(day + ".maxUtilization", equalTo(0.9f))
                .body(day + ".usersOverThreshold.threshold", contains(0.8f, 1.0f))
                .body(day + ".usersOverThreshold.users", contains(1, 0))
                .body("tiers[0].periods.find { it.period == 'MONTH' }.averageUtilization",
                        equalTo(null));
    }

    @Test
    void shouldListEveryTierWithoutFilterAndRefuseUnknownTier() {
        given().auth().oauth2(Tokens.admin())
                .get("/api/quotas")
                .then()
                .statusCode(200)
                .body("tiers.tier", hasItem("free"));
        given().auth().oauth2(Tokens.viewer())
                .queryParam("tier", "no-such-tier")
                .get("/api/quotas")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("tier"));
    }
}
