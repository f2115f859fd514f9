package dev.vigil.health.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.vigil.kit.paging.Cursors;
import dev.vigil.testsupport.HttpReceiver;
import dev.vigil.testsupport.HttpReceiver.Reply;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The target API beyond registration: changes, deletes, lists, validation and run-now. */
@QuarkusTest
class TargetApiTests {

    private static HttpReceiver receiver;

    @BeforeAll
    static void startReceiver() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        receiver = HttpReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void shouldReplaceDefinitionWhenAdminPutsIt() {
        String id = TargetApi.create(disabled(TargetApi.uniqueName("put"), 60));
        Map<String, Object> changed = disabled(TargetApi.uniqueName("put-renamed"), 30);
        changed.put("tags", List.of("team-a"));
        changed.put("critical", true);

        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(changed)
                .when().put("/api/targets/" + id)
                .then().statusCode(200)
                .body("name", equalTo(changed.get("name")))
                .body("intervalSeconds", equalTo(30))
                .body("critical", equalTo(true))
                .body("tags", hasItem("team-a"));
        TargetApi.delete(id);
    }

    @Test
    void shouldDeleteTargetAndThenAnswer404() {
        String id = TargetApi.create(disabled(TargetApi.uniqueName("delete"), 60));

        given().auth().oauth2(Tokens.admin()).when().delete("/api/targets/" + id)
                .then().statusCode(204);

        given().auth().oauth2(Tokens.viewer()).when().get("/api/targets/" + id)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldReturn409WhenNameIsTaken() {
        Map<String, Object> body = disabled(TargetApi.uniqueName("dup"), 60);
        String id = TargetApi.create(body);

        TargetApi.post(body).statusCode(409).body("violations.field", hasItem("name"));
        TargetApi.delete(id);
    }

    @Test
    void shouldPageAndFilterListByTagAndName() {
        String tag = TargetApi.uniqueName("tag");
        String prefix = TargetApi.uniqueName("list");
        List<String> ids = Stream.of("a", "b", "c")
                .map(suffix -> {
                    Map<String, Object> body = disabled(prefix + "-" + suffix, 60);
                    body.put("tags", List.of(tag));
                    return TargetApi.create(body);
                })
                .toList();
        String other = TargetApi.create(disabled(prefix + "-untagged", 60));

        JsonPath first = list("tag=" + tag + "&limit=2");
        JsonPath second = list("tag=" + tag + "&limit=2&cursor=" + first.getString("nextCursor"));

        assertThat(first.getList("items.name", String.class))
                .containsExactly(prefix + "-a", prefix + "-b");
        assertThat(second.getList("items.name", String.class)).containsExactly(prefix + "-c");
        assertThat(second.getString("nextCursor")).isNull();
        assertThat(list("name=" + prefix.toUpperCase()).getList("items.name", String.class))
                .hasSize(4);
        ids.forEach(TargetApi::delete);
        TargetApi.delete(other);
    }

    @Test
    void shouldNameEveryBadFieldAtOnce() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", " ");
        body.put("kind", "HTTP");
        body.put("intervalSeconds", 4);
        body.put("timeoutMs", 10);
        body.put("degradedAfterMs", 900);
        body.put("unhealthyAfterMs", 800);
        body.put("tags", List.of("ok", "not ok!"));
        body.put("settings", Map.of("url", "ftp://example.com/", "method", "BREW"));

        TargetApi.post(body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("name", "intervalSeconds", "timeoutMs",
                        "unhealthyAfterMs", "tags[1]", "settings.url", "settings.method"));
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of(Named.of("unknown kind", Map.of("name", "x", "kind", "SMTP",
                        "intervalSeconds", 60, "timeoutMs", 1000, "settings", Map.of())), "kind"),
                Arguments.of(Named.of("unknown settings field", http(Map.of("url",
                        "http://127.0.0.1/", "colour", "red"))), "settings.colour"),
                Arguments.of(Named.of("wrong type in settings", http(Map.of("url",
                        "http://127.0.0.1/", "expectedStatuses", "two hundred"))),
                        "settings.expectedStatuses"),
                Arguments.of(Named.of("missing settings", Map.of("name", "x", "kind", "HTTP",
                        "intervalSeconds", 60, "timeoutMs", 1000)), "settings"),
                Arguments.of(Named.of("missing interval", Map.of("name", "x", "kind", "HTTP",
                        "timeoutMs", 1000, "settings", Map.of("url", "http://127.0.0.1/"))),
                        "intervalSeconds"),
                Arguments.of(Named.of("json value without pointer", http(Map.of("url",
                        "http://127.0.0.1/", "jsonValue", "ok"))), "settings.jsonValue"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void shouldAnswer400NamingTheField(Map<String, Object> body, String field) {
        TargetApi.post(body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }

    /** BR-06 (a)–(c): destinations refused at registration; no connection is made. */
    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.2:8080/q/health", "http://[::1]/", "http://10.0.0.5/",
        "file:///etc/passwd", "gopher://example.com/", "ftp://example.com/"})
    void shouldRefuseDisallowedDestinations(String url) {
        TargetApi.post(http(Map.of("url", url)))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("settings.url"));
    }

    @Test
    void shouldSayDestinationNotAllowedForMetadataAddress() {
        TargetApi.post(http(Map.of("url", "http://169.254.169.254/latest/meta-data/")))
                .statusCode(400)
                .body("detail", containsString("destination not allowed"));
    }

    @Test
    void shouldRunCheckNowAndReturnStoredResult() {
        String path = "/now-" + System.nanoTime();
        receiver.respondWith(request -> request.path().equals(path)
                ? new Reply(503, "busy")
                : new Reply(200, "ok"));
        Map<String, Object> body = new HashMap<>(TargetApi.lenientHttp(
                TargetApi.uniqueName("now"), receiver.url(path), 3600));
        body.put("enabled", false);
        String id = TargetApi.create(body);

        Number resultId = given().auth().oauth2(Tokens.admin())
                .when().post("/api/targets/" + id + "/check")
                .then().statusCode(200)
                .body("status", equalTo("UNHEALTHY"))
                .body("errorCategory", equalTo("STATUS"))
                .body("metadata.httpStatus", equalTo(503))
                .body("metadata.snippet", equalTo("busy"))
                .extract().path("id");

        assertThat(TargetApi.resultStatuses(id)).containsExactly("UNHEALTHY");
        Number storedId = given().auth().oauth2(Tokens.viewer())
                .when().get("/api/targets/" + id + "/results")
                .then().statusCode(200).extract().path("items[0].id");
        assertThat(resultId).isNotNull();
        assertThat(resultId.longValue()).isEqualTo(storedId.longValue());
        TargetApi.delete(id);
    }

    @Test
    void shouldForbidRunNowForViewer() {
        given().auth().oauth2(Tokens.viewer())
                .when().post("/api/targets/00000000-0000-0000-0000-000000000000/check")
                .then().statusCode(403);
    }

    @Test
    void shouldAnswer404ForUnknownTarget() {
        given().auth().oauth2(Tokens.viewer()).when().get("/api/targets/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldServeOpenSummaryAndDetailForViewer() {
        given().when().get("/api/health")
                .then().statusCode(200)
                .body("status", notNullValue())
                .body("timestamp", notNullValue())
                .body("service", equalTo("health-service"));

        given().when().get("/api/health?detailed=true").then().statusCode(401);
        given().auth().oauth2(Tokens.reporter()).when().get("/api/health?detailed=true")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.viewer()).when().get("/api/health?detailed=true")
                .then().statusCode(200).body("components", notNullValue());
    }

    @Test
    void shouldRejectUptimeHoursOutOfRange() {
        given().auth().oauth2(Tokens.viewer()).when().get("/api/uptime?hours=0")
                .then().statusCode(400).body("violations.field", hasItem("hours"));
    }

    static Stream<Arguments> unstorableWindows() {
        String far = "+999999999-12-31T23:59:59Z";
        String before = "-999999999-01-01T00:00:00Z";
        return Stream.of(
                Arguments.of(Named.of("results to far future", "results"),
                        "2026-01-01T00:00:00Z", far, "to"),
                Arguments.of(Named.of("availability to far future", "availability"),
                        "2026-01-01T00:00:00Z", far, "to"),
                Arguments.of(Named.of("results from far past", "results"),
                        before, "2026-01-01T00:00:00Z", "from"),
                Arguments.of(Named.of("availability from far past", "availability"),
                        before, "2026-01-01T00:00:00Z", "from"));
    }

    @ParameterizedTest
    @MethodSource("unstorableWindows")
    void shouldAnswer400NamingTheInstantOutsideYears1To9999(String endpoint, String from,
            String to, String field) {
        String id = TargetApi.create(disabled(TargetApi.uniqueName("window"), 60));

        given().auth().oauth2(Tokens.viewer())
                .queryParam("from", from)
                .queryParam("to", to)
                .when().get("/api/targets/" + id + "/" + endpoint)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains(field))
                .body("violations[0].message", startsWith("must be between 0001-01-01"));
        TargetApi.delete(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"results", "availability"})
    void shouldAnswer400NamingFromWhenFromIsAfterTo(String endpoint) {
        String id = TargetApi.create(disabled(TargetApi.uniqueName("order"), 60));

        given().auth().oauth2(Tokens.viewer())
                .queryParam("from", "2026-02-01T00:00:00Z")
                .queryParam("to", "2026-01-01T00:00:00Z")
                .when().get("/api/targets/" + id + "/" + endpoint)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("from"))
                .body("violations[0].message", equalTo("must be before to"));
        TargetApi.delete(id);
    }

    @Test
    void shouldAnswer400ForResultsCursorCarryingAnUnstorableInstant() {
        String id = TargetApi.create(disabled(TargetApi.uniqueName("cursor"), 60));
        String forged = Cursors.encode("+999999999-12-31T23:59:59Z|1");

        given().auth().oauth2(Tokens.viewer())
                .queryParam("cursor", forged)
                .when().get("/api/targets/" + id + "/results")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("cursor"));
        TargetApi.delete(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "TRUE", "on"})
    void shouldAnswer400NamingDetailedWhenItIsNeitherTrueNorFalse(String detailed) {
        given().queryParam("detailed", detailed)
                .when().get("/api/health")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("detailed"))
                .body("violations[0].message", equalTo("must be true or false"));
    }

    @Test
    void shouldServeSummaryWithoutComponentsWhenDetailedIsFalse() {
        given().queryParam("detailed", "false")
                .when().get("/api/health")
                .then().statusCode(200)
                .body("status", notNullValue())
                .body("components", nullValue());
    }

    @Test
    void shouldShowFailedPostgresQueryBySqlStateOnlyToViewers() {
        String name = TargetApi.uniqueName("pg-read-file");
        String id = TargetApi.create(Map.of("name", name, "kind", "POSTGRES",
                "intervalSeconds", 3600, "timeoutMs", 5000, "settings", Map.of(
                        "url", "postgresql://127.0.0.1:5432/test", "user", "postgres",
                        "query", "SELECT pg_read_file('/etc/hostname')::int")));
        String expected = "query failed: SQLSTATE 22P02 (data exception)";

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(Tokens.viewer())
                        .when().get("/api/targets/" + id + "/results")
                        .then().statusCode(200)
                        .body("items[0].errorCategory", equalTo("STATUS"))
                        .body("items[0].error", equalTo(expected)));

        given().auth().oauth2(Tokens.viewer()).when().get("/api/health?detailed=true")
                .then().statusCode(200)
                .body("components.find { it.name == '" + name + "' }.error", equalTo(expected));
        TargetApi.delete(id);
    }

    private static Map<String, Object> disabled(String name, int intervalSeconds) {
        Map<String, Object> body = new HashMap<>(TargetApi.http(name, receiver.url("/"),
                intervalSeconds));
        body.put("enabled", false);
        return body;
    }

    private static Map<String, Object> http(Map<String, Object> settings) {
        return Map.of("name", TargetApi.uniqueName("bad"), "kind", "HTTP",
                "intervalSeconds", 60, "timeoutMs", 1000, "settings", settings);
    }

    private static JsonPath list(String query) {
        return given().auth().oauth2(Tokens.viewer()).when().get("/api/targets?" + query)
                .then().statusCode(200).extract().jsonPath();
    }
}
