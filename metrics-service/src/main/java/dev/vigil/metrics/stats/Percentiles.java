package dev.vigil.metrics.stats;

/** Exact statistics of sorted values, by the rules of ARCHITECTURE.md. */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * The nearest-rank p-th percentile: the value at rank ceil(p/100 · n) of the sorted values,
     * or null when there are none. Integer arithmetic keeps 0.95 · 100 from rounding up a rank.
     */
    public static Double nearestRank(long[] sorted, int count, int p) {
        if (count == 0) {
            return null;
        }
        long rank = ((long) p * count + 99) / 100;
        int index = (int) Math.max(1, Math.min(rank, count)) - 1;
        return (double) sorted[index];
    }

    /** The middle value, or the mean of the two middle values when n is even; null if none. */
    public static Double median(long[] sorted, int count) {
        if (count == 0) {
            return null;
        }
        if (count % 2 == 1) {
            return (double) sorted[count / 2];
        }
        return (sorted[count / 2 - 1] + sorted[count / 2]) / 2.0;
    }
}
