package dev.vigil.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.vigil.metrics.stats.WindowPlan.Range;

class WindowPlanTest {

    @Test
    void shouldUseMinutesHoursAndDaysWithRawEdgesWhenWindowIsUnaligned() {
        Instant from = Instant.parse("2024-05-01T22:58:30Z");
        Instant to = Instant.parse("2024-05-04T01:02:15Z");

        WindowPlan plan = WindowPlan.of(from, to, Granularity.DAY);

        assertThat(plan.segments()).containsExactly(
                new Segment(Granularity.MINUTE, Instant.parse("2024-05-01T22:59:00Z"),
                        Instant.parse("2024-05-01T23:00:00Z")),
                new Segment(Granularity.HOUR, Instant.parse("2024-05-01T23:00:00Z"),
                        Instant.parse("2024-05-02T00:00:00Z")),
                new Segment(Granularity.DAY, Instant.parse("2024-05-02T00:00:00Z"),
                        Instant.parse("2024-05-04T00:00:00Z")),
                new Segment(Granularity.HOUR, Instant.parse("2024-05-04T00:00:00Z"),
                        Instant.parse("2024-05-04T01:00:00Z")),
                new Segment(Granularity.MINUTE, Instant.parse("2024-05-04T01:00:00Z"),
                        Instant.parse("2024-05-04T01:02:00Z")));
        assertThat(plan.edges()).containsExactly(
                new Range(from, Instant.parse("2024-05-01T22:59:00Z")),
                new Range(Instant.parse("2024-05-04T01:02:00Z"), to));
    }

    @Test
    void shouldStopAtHoursWhenHourIsTheCoarsest() {
        Instant from = Instant.parse("2024-05-01T00:00:00Z");
        Instant to = Instant.parse("2024-05-03T00:00:00Z");

        WindowPlan plan = WindowPlan.of(from, to, Granularity.HOUR);

        assertThat(plan.segments()).containsExactly(new Segment(Granularity.HOUR, from, to));
        assertThat(plan.edges()).isEmpty();
    }

    @Test
    void shouldReadEverythingRawWhenWindowIsInsideOneMinute() {
        Instant from = Instant.parse("2024-05-01T10:00:10Z");
        Instant to = Instant.parse("2024-05-01T10:00:50Z");

        WindowPlan plan = WindowPlan.of(from, to, Granularity.DAY);

        assertThat(plan.segments()).isEmpty();
        assertThat(plan.edges()).containsExactly(new Range(from, to));
        assertThat(plan.aligned()).isNull();
    }
}
