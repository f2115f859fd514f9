package dev.vigil.health.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.vigil.health.check.ScriptedHttpServer;
import dev.vigil.health.rest.TargetApi;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * BR-03, shortened: a target slower than its interval never overlaps itself, its skipped ticks
 * are not recorded, and a fast target beside it keeps its ticks.
 */
@QuarkusTest
class OverlapTests {

    @Test
    void shouldSkipTicksOfSlowTargetWithoutDelayingFastOne() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger slowRequests = new AtomicInteger();
        try (ScriptedHttpServer server = ScriptedHttpServer.start()) {
            server.on("/slow", request -> {
                slowRequests.incrementAndGet();
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                server.vertx().setTimer(7000, id -> {
                    running.decrementAndGet();
                    request.response().end("late");
                });
            }).on("/fast", request -> request.response().end("ok"));
            String slow = TargetApi.create(target("slow", server.url("/slow"), 20000));
            String fast = TargetApi.create(target("fast", server.url("/fast"), 2000));

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> results(slow).getList("items").size() >= 2);
            List<Instant> fastTimes = checkedAt(fast);

            // Ticks at 0, 5, 10, 15: the slow one runs at 0, ends at 7, runs again at 10.
            assertThat(maxRunning.get()).as("slow checks in flight at once").isEqualTo(1);
            assertThat(results(slow).getList("items.status", String.class))
                    .allMatch("UNHEALTHY"::equals);
            assertThat(results(slow).getList("items.responseTimeMs", Integer.class))
                    .allMatch(ms -> ms >= 7000);
            assertThat(results(slow).getList("items").size())
                    .as("skipped ticks are not results").isLessThanOrEqualTo(slowRequests.get());
            assertThat(fastTimes).hasSizeGreaterThanOrEqualTo(3);
            for (int i = 1; i < fastTimes.size(); i++) {
                long gap = Duration.between(fastTimes.get(i), fastTimes.get(i - 1)).toMillis();
                assertThat(gap).as("gap between fast checks").isBetween(4000L, 6000L);
            }
            TargetApi.delete(slow);
            TargetApi.delete(fast);
        }
    }

    private static java.util.Map<String, Object> target(String prefix, String url, int timeout) {
        return java.util.Map.of("name", TargetApi.uniqueName(prefix), "kind", "HTTP",
                "intervalSeconds", 5, "timeoutMs", timeout, "settings", java.util.Map.of("url",
                        url));
    }

    private static JsonPath results(String id) {
        return given().auth().oauth2(Tokens.viewer())
                .when().get("/api/targets/" + id + "/results")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<Instant> checkedAt(String id) {
        return results(id).getList("items.checkedAt", String.class).stream()
                .map(Instant::parse)
                .toList();
    }
}
