package dev.vigil.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.vigil.metrics.model.Outcome;
import dev.vigil.metrics.model.RequestRecord;

class StatsAccumulatorTest {

    private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void shouldGiveNullStatisticsWhenRequestsCarryNoResponseTime() {
        StatsAccumulator stats = new StatsAccumulator();

        stats.add(new Sample(AT, "s", "/a", Outcome.FAILED, null, "Timeout"));
        stats.add(new Sample(AT, "s", "/a", Outcome.FAILED, null, "Timeout"));

        assertThat(stats.total()).isEqualTo(2);
        assertThat(stats.failed()).isEqualTo(2);
        assertThat(stats.errorRate()).isEqualTo(1.0);
        assertThat(stats.errorTypes()).containsEntry("Timeout", 2L);
        assertThat(stats.averageMs()).isNull();
        assertThat(stats.median()).isNull();
        assertThat(stats.percentile(95)).isNull();
        assertThat(stats.minMs()).isNull();
        assertThat(stats.maxMs()).isNull();
    }

    @Test
    void shouldStayWithinOnePercentOfExactWhenAnsweredFromSketches() {
        Random random = new Random(42);
        StatsAccumulator exact = new StatsAccumulator();
        AggregateBuilder builder = new AggregateBuilder();
        for (int i = 0; i < 50_000; i++) {
            long ms = (long) Math.exp(random.nextGaussian() * 1.2 + 5);
            exact.add(new Sample(AT, "s", "/a", Outcome.SUCCESS, ms, null));
            builder.add(new RequestRecord("r" + i, AT.plusSeconds(i % 7200), "s", "/a", "/a",
                    "GET", 200, ms, Outcome.SUCCESS, null, null, null));
        }
        StatsAccumulator sketched = new StatsAccumulator();

        builder.build().stream()
                .filter(a -> a.granularity() == Granularity.MINUTE)
                .filter(a -> !a.route().equals(Rollup.ALL))
                .forEach(sketched::merge);

        assertThat(sketched.approximate()).isTrue();
        assertThat(sketched.total()).isEqualTo(50_000);
        for (int p : new int[] {50, 95, 99}) {
            double truth = exact.percentile(p);
            assertThat(sketched.percentile(p)).as("p%d", p).isCloseTo(truth, within(truth * 0.01));
        }
        assertThat(sketched.averageMs()).isEqualTo(exact.averageMs());
        assertThat(sketched.maxMs()).isEqualTo(exact.maxMs());
    }
}
