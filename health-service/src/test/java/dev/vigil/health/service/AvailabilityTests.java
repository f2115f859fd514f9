package dev.vigil.health.service;

import static dev.vigil.health.model.ComponentStatus.DEGRADED;
import static dev.vigil.health.model.ComponentStatus.HEALTHY;
import static dev.vigil.health.model.ComponentStatus.UNHEALTHY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.ComponentStatus;
import dev.vigil.health.model.ErrorCategory;
import dev.vigil.health.model.Target;
import dev.vigil.health.repository.TargetRepository;
import dev.vigil.health.rest.TargetApi;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Availability, hourly uptime, result paging and flap damping over a fixed sequence of results
 * in an hour of the past that no other test uses, with every figure computed by hand.
 */
@QuarkusTest
@TestProfile(SettableClockProfile.class)
class AvailabilityTests {

    @Inject
    SettableClock clock;

    @Inject
    ResultRecorder recorder;

    @Inject
    TargetRepository targets;

    private Instant hour;
    private String id;

    @BeforeEach
    void registerTargetInAPastHour() {
        // A random hour in 2001–2010, so reruns and other tests never share its rollups.
        hour = Instant.parse("2001-01-01T00:00:00Z")
                .plus(Duration.ofHours(ThreadLocalRandom.current().nextLong(24 * 365 * 9)));
        clock.set(hour);
        // Disabled, so no running replica sharing the database ever checks it.
        Map<String, Object> body = new java.util.HashMap<>(TargetApi.http(
                TargetApi.uniqueName("avail"), "http://127.0.0.1:9/", 60));
        body.put("enabled", false);
        id = TargetApi.create(body);
    }

    @AfterEach
    void deleteTarget() {
        TargetApi.delete(id);
    }

    @Test
    void shouldComputeAvailabilityFromRawAndHourlyCounts() {
        record(at(10), HEALTHY);
        record(at(20), DEGRADED);
        record(at(30), UNHEALTHY);
        record(at(65), UNHEALTHY);

        Map<String, Object> window = availability("from=" + at(15) + "&to=" + at(150));

        // [H+15m, H+1h) raw: DEGRADED up, UNHEALTHY; [H+1h, H+2h) hourly: one UNHEALTHY.
        assertThat(window).containsEntry("checks", 3).containsEntry("upChecks", 1);
        assertThat((Float) window.get("availability")).isCloseTo(1f / 3, within());
        assertThat(availability("from=" + at(0) + "&to=" + at(60)))
                .containsEntry("checks", 3).containsEntry("upChecks", 2);
    }

    @Test
    void shouldReturnNullAvailabilityWhenWindowHasNoChecks() {
        record(at(10), HEALTHY);

        given().auth().oauth2(Tokens.viewer())
                .when().get("/api/targets/" + id + "/availability?from=" + at(120) + "&to="
                        + at(180))
                .then().statusCode(200)
                .body("checks", equalTo(0))
                .body("availability", nullValue());
    }

    @Test
    void shouldUseTheLastHoursByDefault() {
        record(at(10), UNHEALTHY);
        record(at(20), HEALTHY);
        clock.set(at(80));

        Map<String, Object> lastHour = availability("hours=1");

        assertThat(lastHour).containsEntry("checks", 1).containsEntry("upChecks", 1);
        assertThat(availability("hours=2")).containsEntry("checks", 2);
    }

    @Test
    void shouldReportEveryUtcHourWithZeroForEmptyOnes() {
        record(at(10), HEALTHY);
        record(at(20), DEGRADED);
        record(at(30), UNHEALTHY);
        record(at(65), UNHEALTHY);
        clock.set(at(160));

        JsonPath uptime = given().auth().oauth2(Tokens.viewer())
                .when().get("/api/uptime?hours=4")
                .then().statusCode(200).extract().jsonPath();

        assertThat(uptime.getList("hour", String.class)).extracting(Instant::parse)
                .containsExactly(at(-60), hour, at(60), at(120));
        assertThat(uptime.getList("checks", Integer.class)).containsExactly(0, 3, 1, 0);
        assertThat(uptime.getList("up", Integer.class)).containsExactly(0, 2, 0, 0);
        assertThat(uptime.getList("availability")).containsExactly(null, 2f / 3, 0f, null);
    }

    @Test
    void shouldPageResultsNewestFirstWithinWindow() {
        for (int minute = 1; minute <= 5; minute++) {
            record(at(minute), HEALTHY);
        }

        JsonPath first = results("limit=2");
        JsonPath second = results("limit=2&cursor=" + first.getString("nextCursor"));
        JsonPath third = results("limit=2&cursor=" + second.getString("nextCursor"));

        assertThat(first.getList("items.checkedAt", String.class)).extracting(Instant::parse)
                .containsExactly(at(5), at(4));
        assertThat(second.getList("items.checkedAt", String.class)).extracting(Instant::parse)
                .containsExactly(at(3), at(2));
        assertThat(third.getList("items.checkedAt", String.class)).extracting(Instant::parse)
                .containsExactly(at(1));
        assertThat(third.getString("nextCursor")).isNull();
        assertThat(results("from=" + at(2) + "&to=" + at(4)).getList("items"))
                .hasSize(2);
    }

    @Test
    void shouldDampFlapsWhileStoringEveryRawResult() {
        record(at(1), HEALTHY);
        record(at(2), UNHEALTHY);
        assertThat(state()).as("one failure is a flap").isEqualTo("HEALTHY");

        record(at(3), UNHEALTHY);
        assertThat(state()).as("two failures agree").isEqualTo("UNHEALTHY");

        record(at(4), HEALTHY);
        assertThat(state()).as("one success recovers").isEqualTo("HEALTHY");
        assertThat(TargetApi.resultStatuses(id))
                .containsExactly("HEALTHY", "UNHEALTHY", "UNHEALTHY", "HEALTHY");
    }

    private void record(Instant checkedAt, ComponentStatus status) {
        Target target = targets.find(UUID.fromString(id)).orElseThrow();
        CheckOutcome outcome = status == UNHEALTHY
                ? CheckOutcome.failure(ErrorCategory.STATUS, "unexpected status 503", 5L,
                        Map.of())
                : CheckOutcome.success(status == HEALTHY ? 5 : 700, Map.of());
        recorder.record(List.of(new PendingResult(target, checkedAt, checkedAt, outcome,
                status)));
    }

    private Instant at(int minutes) {
        return hour.plus(minutes, ChronoUnit.MINUTES);
    }

    private Map<String, Object> availability(String query) {
        return given().auth().oauth2(Tokens.viewer())
                .when().get("/api/targets/" + id + "/availability?" + query)
                .then().statusCode(200).extract().jsonPath().getMap("");
    }

    private JsonPath results(String query) {
        return given().auth().oauth2(Tokens.viewer())
                .when().get("/api/targets/" + id + "/results?" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    private String state() {
        return given().auth().oauth2(Tokens.viewer())
                .when().get("/api/targets/" + id)
                .then().statusCode(200).extract().path("status");
    }

    private static org.assertj.core.data.Offset<Float> within() {
        return org.assertj.core.data.Offset.offset(1e-6f);
    }
}
