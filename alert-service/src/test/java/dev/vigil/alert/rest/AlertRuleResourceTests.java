package dev.vigil.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.vigil.alert.support.AlertTestResource;
import dev.vigil.alert.support.TestRules;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The rules API: validation naming the field, defaults, changes and roles. */
@QuarkusTest
@WithTestResource(AlertTestResource.class)
class AlertRuleResourceTests {

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
