package dev.vigil.metrics.stats;

import java.util.List;

/** The six lower-inclusive response-time buckets of ARCHITECTURE.md, in milliseconds. */
public final class LatencyBuckets {

    /** Lower bounds; bucket i is [LOWER[i], LOWER[i+1]), the last one open-ended. */
    public static final List<Long> LOWER = List.of(0L, 100L, 500L, 1000L, 2000L, 5000L);

    public static final int COUNT = LOWER.size();

    private LatencyBuckets() {
    }

    /** The index of the bucket a response time falls in. */
    public static int indexOf(long responseTimeMs) {
        for (int i = COUNT - 1; i > 0; i--) {
            if (responseTimeMs >= LOWER.get(i)) {
                return i;
            }
        }
        return 0;
    }

    /** The exclusive upper bound of bucket i, or null for the last one. */
    public static Long upper(int index) {
        return index + 1 < COUNT ? LOWER.get(index + 1) : null;
    }
}
