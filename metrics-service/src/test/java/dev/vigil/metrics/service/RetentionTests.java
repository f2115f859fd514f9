package dev.vigil.metrics.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.vigil.metrics.model.Outcome;
import dev.vigil.metrics.model.RequestRecord;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Raw rows go after 7 days of arrival; the window is then answered from sketches. */
@QuarkusTest
class RetentionTests {

    @Inject
    UsageWriter writer;

    @Inject
    RetentionJob retention;

    @Inject
    Clock clock;

    @Test
    void shouldKeepCountsFromSketchesWhenRawRowsArePruned() {
        String service = "retention-" + UUID.randomUUID();
        String user = "u-" + UUID.randomUUID();
        Instant now = clock.instant();
        // An old log imported long ago; a fresh one with the same event times imported today.
        writer.write(List.of(record(service, user, 100L), record(service, user, 300L)),
                now.minus(Duration.ofDays(8)));
        writer.write(List.of(record(service + "-fresh", user, 50L)), now);

        retention.pruneAt(now);

        JsonPath pruned = summary(service, null);
        assertThat(pruned.getLong("totalRequests")).isEqualTo(2);
        assertThat(pruned.getBoolean("exact")).isFalse();
        assertThat(pruned.getDouble("maxResponseTimeMs")).isEqualTo(300.0);
        assertThat(summary(service, user).getLong("totalRequests")).isZero();
        JsonPath fresh = summary(service + "-fresh", user);
        assertThat(fresh.getLong("totalRequests")).isEqualTo(1);
        assertThat(fresh.getBoolean("exact")).isTrue();
    }

    private static RequestRecord record(String service, String user, long ms) {
        return new RequestRecord(UUID.randomUUID().toString(),
                Instant.parse("2015-05-17T10:05:00Z"), service, "/a", "/a", "GET", 200, ms,
                Outcome.SUCCESS, null, null, user);
    }

    private static JsonPath summary(String service, String user) {
        var request = given().auth().oauth2(Tokens.viewer())
                .queryParam("service", service)
                .queryParam("from", "2015-05-17T10:00:00Z")
                .queryParam("to", "2015-05-17T11:00:00Z");
        if (user != null) {
            request.queryParam("userId", user);
        }
        return request.get("/api/performance").then().statusCode(200).extract().jsonPath();
    }
}
