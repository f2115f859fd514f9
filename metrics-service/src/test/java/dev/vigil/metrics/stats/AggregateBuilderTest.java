package dev.vigil.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.metrics.model.Outcome;
import dev.vigil.metrics.model.RequestRecord;

class AggregateBuilderTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");

    @Test
    void shouldRollUpRoutesIntoServiceAndEverythingRowsAtEveryGranularity() {
        AggregateBuilder builder = new AggregateBuilder();
        builder.add(record("a", "s1", "/x", 200, 10L));
        builder.add(record("b", "s1", "/y", 503, 30L));
        builder.add(record("c", "s2", "/x", 404, null));

        List<Aggregate> deltas = builder.build();

        assertThat(deltas).hasSize(3 * (3 + 2 + 1));
        Aggregate everything = find(deltas, Granularity.DAY, Rollup.ALL, Rollup.ALL);
        assertThat(everything.bucketStart()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(everything.total()).isEqualTo(3);
        assertThat(everything.successful()).isEqualTo(1);
        assertThat(everything.failed()).isEqualTo(1);
        assertThat(everything.clientErrors()).isEqualTo(1);
        assertThat(everything.timed()).isEqualTo(2);
        assertThat(everything.rtSum()).isEqualTo(40);
        assertThat(everything.rtMin()).isEqualTo(10);
        assertThat(everything.rtMax()).isEqualTo(30);
        Aggregate service = find(deltas, Granularity.HOUR, "s1", Rollup.ALL);
        assertThat(service.total()).isEqualTo(2);
        assertThat(service.failed()).isEqualTo(1);
        Aggregate route = find(deltas, Granularity.MINUTE, "s2", "/x");
        assertThat(route.total()).isEqualTo(1);
        assertThat(route.timed()).isZero();
        assertThat(route.rtMin()).isNull();
    }

    private static Aggregate find(List<Aggregate> deltas, Granularity g, String s, String r) {
        return deltas.stream()
                .filter(a -> a.granularity() == g && a.service().equals(s) && a.route().equals(r))
                .findFirst().orElseThrow();
    }

    private static RequestRecord record(String id, String service, String route, int status,
            Long ms) {
        return new RequestRecord(id, AT, service, route, route, "GET", status, ms,
                Outcome.of(status, status < 500, null), null, null, null);
    }
}
