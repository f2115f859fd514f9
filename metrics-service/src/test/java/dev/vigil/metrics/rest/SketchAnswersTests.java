package dev.vigil.metrics.rest;

import static dev.vigil.metrics.rest.UsageApi.get;
import static dev.vigil.metrics.rest.UsageApi.record;
import static dev.vigil.metrics.rest.UsageApi.report;
import static dev.vigil.metrics.rest.UsageApi.uniqueService;
import static dev.vigil.metrics.rest.UsageApi.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vigil.metrics.stats.Percentiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Windows answered from pre-aggregates and sketches (the exact path switched off): counts stay
 * exact at unaligned edges, percentiles within 1 % of the exact ones.
 */
@QuarkusTest
@TestProfile(SketchAnswersTests.SketchesOnly.class)
class SketchAnswersTests {

    /** Every window goes to the sketches. */
    public static final class SketchesOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.metrics.exact-max-records", "0");
        }
    }

    @Test
    void shouldStayWithinOnePercentAndCountExactlyWhenWindowIsUnaligned() {
        String service = uniqueService("sketch");
        Instant from = Instant.parse("2024-05-01T09:00:30Z");
        Instant to = Instant.parse("2024-05-02T11:59:30Z");
        Random random = new Random(7);
        List<Map<String, Object>> records = new ArrayList<>();
        List<Long> inside = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // Spread from 08:59:50 over ~27 h, so some rows sit in the partial edge minutes.
            Instant at = Instant.parse("2024-05-01T08:59:50Z").plusSeconds(i * 33L);
            long ms = 1 + (long) Math.exp(random.nextGaussian() + 5);
            records.add(record(service, "/r/" + (i % 3), at.toString(), ms));
            if (!at.isBefore(from) && at.isBefore(to)) {
                inside.add(ms);
            }
        }
        report(records);
        long[] sorted = inside.stream().mapToLong(Long::longValue).sorted().toArray();

        JsonNode summary = get("/api/performance", window(service, from.toString(),
                to.toString()));

        assertThat(summary.get("exact").asBoolean()).isFalse();
        assertThat(summary.get("totalRequests").asLong()).isEqualTo(sorted.length);
        assertThat(summary.get("minResponseTimeMs").asDouble()).isEqualTo(sorted[0]);
        assertThat(summary.get("maxResponseTimeMs").asDouble())
                .isEqualTo(sorted[sorted.length - 1]);
        assertThat(summary.get("averageResponseTimeMs").asDouble())
                .isCloseTo(Arrays.stream(sorted).average().orElseThrow(), within(1e-9));
        for (int p : new int[] {95, 99}) {
            double exact = Percentiles.nearestRank(sorted, sorted.length, p);
            assertThat(summary.get("p" + p + "ResponseTimeMs").asDouble()).as("p%d", p)
                    .isCloseTo(exact, within(exact * 0.01));
        }
        double median = Percentiles.median(sorted, sorted.length);
        assertThat(summary.get("medianResponseTimeMs").asDouble())
                .isCloseTo(median, within(median * 0.01));
    }

    @Test
    void shouldCountEachHourExactlyWhenTrendsComeFromSketches() {
        String service = uniqueService("sketch-trend");
        report(List.of(
                record(service, "/a", "2024-05-01T09:59:59.999Z", 100L),
                record(service, "/a", "2024-05-01T10:00:00.000Z", 500L),
                record(service, "/a", "2024-05-01T10:59:59.999Z", 2000L)));

        JsonNode trends = get("/api/performance/trends",
                window(service, "2024-05-01T09:00:00Z", "2024-05-01T12:00:00Z"));

        assertThat(trends.get("exact").asBoolean()).isFalse();
        assertThat(trends.get("hours").findValues("requests")).extracting(JsonNode::asLong)
                .containsExactly(1L, 2L, 0L);
    }
}
