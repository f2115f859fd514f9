package dev.vigil.quota.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which thresholds a count reaches (BR-20), without Quarkus. */
class ThresholdRuleTest {

    private static final List<Double> DEFAULT = List.of(0.8, 1.0);

    @Test
    void shouldWarnOnceAt805AndExhaustOnceAt1000WhenWalkingBr20() {
        long[] usages = {700, 795, 805, 806, 956, 1000};
        List<Double> notified = new ArrayList<>();
        List<String> announced = new ArrayList<>();

        for (long used : usages) {
            List<Double> reached = ThresholdRule.newlyReached(used, 1000L, DEFAULT, notified);
            reached.forEach(threshold -> announced.add(used + "@" + threshold));
            notified.addAll(reached);
        }

        assertThat(announced).as("announcements along 700..1000")
                .containsExactly("805@0.8", "1000@1.0");
    }

    @Test
    void shouldAnnounceBothThresholdsWhenOneIncrementJumpsPastThem() {
        List<Double> reached = ThresholdRule.newlyReached(1000, 1000L, DEFAULT, List.of());

        assertThat(reached).containsExactly(0.8, 1.0);
    }

    @ParameterizedTest(name = "quota {0}: warning at {1}")
    @CsvSource({"5, 4", "3, 3", "1000, 800", "100, 80", "1, 1"})
    void shouldReachWarningAtCeilingOfShareTimesQuota(long quota, long warningAt) {
        long usage = ThresholdRule.usageAt(0.8, quota);

        assertThat(usage).isEqualTo(warningAt);
    }

    @Test
    void shouldComputeThresholdInDecimalNotBinaryFloatingPoint() {
        long usage = ThresholdRule.usageAt(0.7, 100);

        assertThat(usage).as("0.7 x 100 is 70, not 71").isEqualTo(70);
    }

    @Test
    void shouldAnnounceNothingForUnlimitedPeriod() {
        List<Double> reached = ThresholdRule.newlyReached(1_000_000, null, DEFAULT, List.of());

        assertThat(reached).isEmpty();
    }

    @Test
    void shouldAnnounceWarningAndExhaustionTogetherForQuotaThree() {
        List<Double> atTwo = ThresholdRule.newlyReached(2, 3L, DEFAULT, List.of());
        List<Double> atThree = ThresholdRule.newlyReached(3, 3L, DEFAULT, List.of());

        assertThat(atTwo).isEmpty();
        assertThat(atThree).containsExactly(0.8, 1.0);
    }

    @Test
    void shouldCapUtilizationAtOne() {
        assertThat(ThresholdRule.utilization(3, 100L)).isEqualTo(0.03);
        assertThat(ThresholdRule.utilization(150, 100L)).isEqualTo(1.0);
        assertThat(ThresholdRule.utilization(5, null)).isNull();
    }
}
