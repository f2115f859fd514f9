package dev.vigil.quota.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;

/**
 * Decides which thresholds a count has reached and not yet announced. A threshold t of limit
 * L is reached at usage ceil(t × L) (BR-20: quota 3 warns at 3, not at 2.4), and it is
 * announced once per period however far one increment jumps past it.
 */
public final class ThresholdRule {

    private ThresholdRule() {
    }

    /** The usage at which {@code threshold} of {@code limit} is reached. */
    public static long usageAt(double threshold, long limit) {
        // Decimal, because 0.7 × 100 in binary floating point is 70.00000000000001.
        return BigDecimal.valueOf(threshold)
                .multiply(BigDecimal.valueOf(limit))
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    /** Thresholds reached at {@code used} that are not in {@code notified}, ascending. */
    public static List<Double> newlyReached(
            long used,
            Long limit,
            List<Double> thresholds,
            Collection<Double> notified) {
        if (limit == null || used <= 0) {
            return List.of();
        }
        return thresholds.stream()
                .filter(threshold -> used >= usageAt(threshold, limit))
                .filter(threshold -> !notified.contains(threshold))
                .sorted()
                .toList();
    }

    /** Utilization as a ratio 0–1; null for an unlimited period. */
    public static Double utilization(long used, Long limit) {
        if (limit == null) {
            return null;
        }
        if (limit == 0) {
            return 1.0;
        }
        return Math.min(1.0, (double) used / limit);
    }
}
