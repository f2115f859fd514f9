package dev.vigil.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles and the true median, computed by hand. */
class PercentilesTest {

    @Test
    void shouldAnswerEveryStatisticWithTheOnlyValueWhenOneValue() {
        long[] values = {250};

        assertThat(Percentiles.nearestRank(values, 1, 95)).isEqualTo(250.0);
        assertThat(Percentiles.nearestRank(values, 1, 99)).isEqualTo(250.0);
        assertThat(Percentiles.median(values, 1)).isEqualTo(250.0);
    }

    @Test
    void shouldTakeTheHigherValueForP95AndTheMeanForMedianWhenTwoValues() {
        long[] values = {100, 300};

        // ceil(0.95 * 2) = 2 -> second value; median = (100 + 300) / 2
        assertThat(Percentiles.nearestRank(values, 2, 95)).isEqualTo(300.0);
        assertThat(Percentiles.nearestRank(values, 2, 50)).isEqualTo(100.0);
        assertThat(Percentiles.median(values, 2)).isEqualTo(200.0);
    }

    @Test
    void shouldPickRankCeilingWhenSevenValues() {
        long[] values = {10, 20, 30, 40, 50, 60, 70};

        // ceil(0.95 * 7) = ceil(6.65) = 7; ceil(0.5 * 7) = 4; ceil(0.25 * 7) = 2
        assertThat(Percentiles.nearestRank(values, 7, 95)).isEqualTo(70.0);
        assertThat(Percentiles.nearestRank(values, 7, 99)).isEqualTo(70.0);
        assertThat(Percentiles.nearestRank(values, 7, 50)).isEqualTo(40.0);
        assertThat(Percentiles.nearestRank(values, 7, 25)).isEqualTo(20.0);
        assertThat(Percentiles.median(values, 7)).isEqualTo(40.0);
    }

    @Test
    void shouldPickExactRankWhenHundredValues() {
        long[] values = LongStream.rangeClosed(1, 100).toArray();

        // ceil(0.95 * 100) = 95 exactly: no floating-point drift to rank 96
        assertThat(Percentiles.nearestRank(values, 100, 95)).isEqualTo(95.0);
        assertThat(Percentiles.nearestRank(values, 100, 99)).isEqualTo(99.0);
        assertThat(Percentiles.median(values, 100)).isEqualTo(50.5);
    }

    @Test
    void shouldReturnNullWhenNoValues() {
        assertThat(Percentiles.nearestRank(new long[0], 0, 95)).isNull();
        assertThat(Percentiles.median(new long[0], 0)).isNull();
    }
}
