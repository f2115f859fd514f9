package dev.vigil.quota.period;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Calendar period boundaries in UTC (BR-22). */
class QuotaPeriodTest {

    static Stream<Arguments> boundaries() {
        return Stream.of(
                Arguments.of(Named.of("last millisecond of a day stays in it", QuotaPeriod.DAY),
                        "2024-06-01T23:59:59.999Z", "2024-06-01T00:00:00Z",
                        "2024-06-02T00:00:00Z"),
                Arguments.of(Named.of("midnight starts the next day", QuotaPeriod.DAY),
                        "2024-06-02T00:00:00Z", "2024-06-02T00:00:00Z", "2024-06-03T00:00:00Z"),
                Arguments.of(Named.of("a day does not roll 24 h from a request", QuotaPeriod.DAY),
                        "2024-06-02T00:30:01Z", "2024-06-02T00:00:00Z", "2024-06-03T00:00:00Z"),
                Arguments.of(Named.of("leap day belongs to February", QuotaPeriod.MONTH),
                        "2024-02-29T23:59:59Z", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z"),
                Arguments.of(Named.of("first of March starts March", QuotaPeriod.MONTH),
                        "2024-03-01T00:00:00Z", "2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z"),
                Arguments.of(Named.of("last instant of March", QuotaPeriod.MONTH),
                        "2024-03-31T23:59:59.999Z", "2024-03-01T00:00:00Z",
                        "2024-04-01T00:00:00Z"),
                Arguments.of(Named.of("December rolls into the next year", QuotaPeriod.MONTH),
                        "2024-12-31T12:00:00Z", "2024-12-01T00:00:00Z", "2025-01-01T00:00:00Z"),
                Arguments.of(Named.of("a minute starts on its boundary", QuotaPeriod.MINUTE),
                        "2024-06-01T10:15:59.999Z", "2024-06-01T10:15:00Z",
                        "2024-06-01T10:16:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaries")
    void shouldPlaceInstantInItsCalendarPeriod(
            QuotaPeriod period,
            String at,
            String expectedStart,
            String expectedEnd) {
        Instant instant = Instant.parse(at);

        Instant start = period.start(instant);
        Instant end = period.end(instant);

        assertThat(start).isEqualTo(Instant.parse(expectedStart));
        assertThat(end).isEqualTo(Instant.parse(expectedEnd));
    }
}
