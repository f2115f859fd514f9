package dev.vigil.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.vigil.alert.support.AlertTestResource;
import dev.vigil.alert.support.Race;
import dev.vigil.alert.support.TestClock;
import dev.vigil.alert.support.TestRules;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The rules API: validation naming the field, defaults, names, changes and roles. */
@QuarkusTest
@WithTestResource(AlertTestResource.class)
class AlertRuleResourceTests {

    @Inject
    TestClock clock;

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    static Stream<Arguments> invalidRules() {
        return Stream.of(
                bad("threshold 0 failures (BR-13)", "condition.threshold",
                        Map.of("type", "consecutive_failures", "threshold", 0)),
                bad("fractional failures", "condition.threshold",
                        Map.of("type", "consecutive_failures", "threshold", 1.5)),
                bad("error rate above 1", "condition.threshold",
                        Map.of("type", "error_rate", "threshold", 5)),
                bad("unknown type", "condition.type",
                        Map.of("type", "cpu", "threshold", 1)),
                bad("missing threshold", "condition.threshold",
                        Map.of("type", "error_count")),
                bad("window too long", "condition.timeWindowMinutes",
                        Map.of("type", "error_count", "threshold", 3,
                                "timeWindowMinutes", 20000)),
                bad("unknown statistic", "condition.statistic",
                        Map.of("type", "response_time", "threshold", 500, "statistic", "p42")),
                bad("threshold not a number", "condition.threshold",
                        Map.of("type", "error_count", "threshold", "many")));
    }

    private static Arguments bad(String name, String field, Map<String, Object> condition) {
        return Arguments.of(Named.of(name, condition), field);
    }

    static Stream<Arguments> misplacedScopes() {
        return Stream.of(
                misplaced("targetIds on error_rate", "scope.targetIds",
                        Map.of("type", "error_rate", "threshold", 0.1),
                        Map.of("targetIds", List.of("garbage"))),
                misplaced("targetIds on error_count", "scope.targetIds",
                        Map.of("type", "error_count", "threshold", 3),
                        Map.of("targetIds", List.of("garbage"))),
                misplaced("targetIds on route response_time", "scope.targetIds",
                        Map.of("type", "response_time", "source", "metrics", "threshold", 500),
                        Map.of("targetIds", List.of("garbage"))),
                misplaced("targetIds on quota_usage", "scope.targetIds",
                        Map.of("type", "quota_usage", "threshold", 0.8),
                        Map.of("targetIds", List.of("garbage"))),
                misplaced("service on consecutive_failures", "scope.service",
                        Map.of("type", "consecutive_failures", "threshold", 3),
                        Map.of("service", "shop")),
                misplaced("endpoint on target response_time", "scope.endpoint",
                        Map.of("type", "response_time", "source", "health", "threshold", 500),
                        Map.of("endpoint", "/checkout")),
                misplaced("userId on error_rate", "scope.userId",
                        Map.of("type", "error_rate", "threshold", 0.1),
                        Map.of("userId", "u-1")),
                misplaced("tier on uptime_threshold", "scope.tier",
                        Map.of("type", "uptime_threshold", "threshold", 0.9),
                        Map.of("tier", "free")));
    }

    private static Arguments misplaced(String name, String field, Map<String, Object> condition,
            Map<String, Object> scope) {
        return Arguments.of(Named.of(name, condition), scope, field);
    }

    @ParameterizedTest
    @MethodSource("invalidRules")
    void shouldRejectInvalidConditionNamingTheField(Map<String, Object> condition,
            String field) {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "bad-" + UUID.randomUUID(), "severity", "high",
                        "condition", condition))
                .post("/api/alert-rules")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }

    @ParameterizedTest
    @MethodSource("misplacedScopes")
    void shouldRejectScopeFieldTheConditionTypeIgnores(Map<String, Object> condition,
            Map<String, Object> scope, String field) {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "scope-" + UUID.randomUUID(), "severity", "high",
                        "condition", condition, "scope", scope))
                .post("/api/alert-rules")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo(field))
                .body("violations[0].message", containsString(" only"));
    }

    @Test
    void shouldSayTargetIdsAreForHealthRulesOnly() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "scope-" + UUID.randomUUID(), "severity", "high",
                        "condition", Map.of("type", "error_rate", "threshold", 0.1),
                        "scope", Map.of("targetIds", List.of("garbage"))))
                .post("/api/alert-rules")
                .then().statusCode(400)
                .body("violations[0].message", containsString("health rules only"))
                .body("violations[0].message", containsString("not to error_rate"));
    }

    @Test
    void shouldCreateOneRuleAndRefuseNineWhenTenRaceForOneName() {
        Map<String, Object> body = Map.of("name", "race-" + UUID.randomUUID(),
                "severity", "high", "condition", Map.of("type", "error_rate", "threshold", 0.1));

        Race.assertOneCreatedOthersConflict("/api/alert-rules", body, 10);
    }

    @Test
    void shouldRefuseRenamingRuleToATakenName() {
        Map<String, Object> condition = Map.of("type", "error_rate", "threshold", 0.1);
        String taken = "taken-" + UUID.randomUUID();
        TestRules.create(Map.of("name", taken, "severity", "low", "condition", condition));
        String other = TestRules.create(Map.of("name", "other-" + UUID.randomUUID(),
                "severity", "low", "condition", condition));

        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", taken, "severity", "low", "condition", condition))
                .put("/api/alert-rules/" + other)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("name"));
    }

    @Test
    void shouldAnswerCreateWithTheTimesAGetReadsBack() {
        clock.set(Instant.parse("2026-03-03T12:00:00.123456789Z"));

        String created = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "times-" + UUID.randomUUID(), "severity", "low",
                        "condition", Map.of("type", "error_rate", "threshold", 0.1)))
                .post("/api/alert-rules").then().statusCode(201).extract().asString();
        String id = JsonPath.from(created).getString("id");
        String read = given().auth().oauth2(Tokens.viewer()).get("/api/alert-rules/" + id)
                .then().statusCode(200).extract().asString();

        assertThat(JsonPath.from(created).getString("createdAt"))
                .isEqualTo("2026-03-03T12:00:00.123456Z")
                .isEqualTo(JsonPath.from(read).getString("createdAt"));
    }

    @Test
    void shouldRejectUnknownSeverityAndUnknownChannel() {
        Map<String, Object> body = new HashMap<>(Map.of("name", "bad-" + UUID.randomUUID(),
                "severity", "urgent",
                "condition", Map.of("type", "error_count", "threshold", 3),
                "channels", List.of(UUID.randomUUID().toString())));

        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/alert-rules")
                .then().statusCode(400)
                .body("violations.field", hasItem("severity"))
                .body("violations.field", hasItem("channels[0]"));
    }

    @Test
    void shouldServeTheDefaultRules() {
        List<String> names = given().auth().oauth2(Tokens.viewer())
                .queryParam("limit", 4)
                .get("/api/alert-rules").then().statusCode(200)
                .extract().jsonPath().getList("items.name");

        assertThat(names).containsExactly("high error rate", "slow responses", "target down",
                "quota approaching");
        given().auth().oauth2(Tokens.viewer())
                .get("/api/alert-rules/00000000-0000-0000-0000-00000000a003")
                .then().statusCode(200)
                .body("condition.threshold", equalTo(3.0f))
                .body("severity", equalTo("critical"));
    }

    @Test
    void shouldReplaceAndDeleteRuleWithDefaultsFilledIn() {
        String id = TestRules.create(Map.of("name", "edit-" + UUID.randomUUID(),
                "severity", "low", "condition", Map.of("type", "error_rate", "threshold", 0.2)));
        given().auth().oauth2(Tokens.viewer()).get("/api/alert-rules/" + id)
                .then().statusCode(200)
                .body("enabled", equalTo(true))
                .body("notifyOnResolve", equalTo(true))
                .body("condition.timeWindowMinutes", equalTo(5));

        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "edited-" + id, "severity", "high", "enabled", false,
                        "condition", Map.of("type", "error_rate", "threshold", 0.3,
                                "timeWindowMinutes", 15)))
                .put("/api/alert-rules/" + id)
                .then().statusCode(200)
                .body("enabled", equalTo(false))
                .body("condition.threshold", equalTo(0.3f));
        given().auth().oauth2(Tokens.viewer()).delete("/api/alert-rules/" + id)
                .then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).delete("/api/alert-rules/" + id)
                .then().statusCode(204);
        given().auth().oauth2(Tokens.admin()).get("/api/alert-rules/" + id)
                .then().statusCode(404);
    }

    @Test
    void shouldPublishTheOpenApiDocument() {
        String document = given().get("/q/openapi").then().statusCode(200).extract().asString();

        assertThat(document).contains("/api/alert-rules").contains("/api/alerts/{id}/acknowledge")
                .contains("/api/channels").contains("/api/silences");
    }
}
