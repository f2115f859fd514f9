package dev.vigil.metrics.stats;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import com.datadoghq.sketch.ddsketch.DDSketch;

/**
 * Sums requests of one group (a window, an hour, a route). Counts, sums, minimum, maximum and
 * buckets are always exact; percentiles are exact while only raw samples were added and come
 * from the merged sketch once any pre-aggregate was merged in.
 */
public final class StatsAccumulator {

    private long total;
    private long successful;
    private long failed;
    private long clientErrors;
    private long timed;
    private long rtSum;
    private Long rtMin;
    private Long rtMax;
    private final long[] buckets = new long[LatencyBuckets.COUNT];
    private final Map<String, Long> errorTypes = new TreeMap<>();
    private long[] values = new long[16];
    private int valueCount;
    private boolean sorted = true;
    private DDSketch sketch;
    private int valuesInSketch;

    /** Adds one raw request. */
    public void add(Sample sample) {
        total++;
        switch (sample.outcome()) {
            case SUCCESS -> successful++;
            case CLIENT_ERROR -> clientErrors++;
            case FAILED -> failed++;
        }
        if (sample.errorType() != null) {
            errorTypes.merge(sample.errorType(), 1L, Long::sum);
        }
        if (sample.responseTimeMs() != null) {
            addTime(sample.responseTimeMs());
        }
    }

    /** Adds a pre-aggregate; from now on percentiles come from sketches. */
    public void merge(Aggregate aggregate) {
        total += aggregate.total();
        successful += aggregate.successful();
        failed += aggregate.failed();
        clientErrors += aggregate.clientErrors();
        timed += aggregate.timed();
        rtSum += aggregate.rtSum();
        rtMin = min(rtMin, aggregate.rtMin());
        rtMax = max(rtMax, aggregate.rtMax());
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] += aggregate.buckets()[i];
        }
        aggregate.errorTypes().forEach((type, count) -> errorTypes.merge(type, count, Long::sum));
        if (aggregate.timed() > 0) {
            Sketches.mergeInto(sketch(), aggregate.sketch());
        }
    }

    public long total() {
        return total;
    }

    public long successful() {
        return successful;
    }

    public long failed() {
        return failed;
    }

    public long clientErrors() {
        return clientErrors;
    }

    /** Requests that carry a response time. */
    public long timed() {
        return timed;
    }

    public Map<String, Long> errorTypes() {
        return errorTypes;
    }

    /** Count per {@link LatencyBuckets} bucket. */
    public long[] buckets() {
        return buckets.clone();
    }

    /** True once a pre-aggregate was merged: percentiles are then sketch estimates. */
    public boolean approximate() {
        return sketch != null;
    }

    public Double successRate() {
        return ratio(successful, total);
    }

    public Double errorRate() {
        return ratio(failed, total);
    }

    public Double averageMs() {
        return timed == 0 ? null : (double) rtSum / timed;
    }

    public Double minMs() {
        return rtMin == null ? null : rtMin.doubleValue();
    }

    public Double maxMs() {
        return rtMax == null ? null : rtMax.doubleValue();
    }

    /** The p-th percentile: nearest rank on exact data, else the sketch estimate. */
    public Double percentile(int p) {
        if (timed == 0) {
            return null;
        }
        if (sketch == null) {
            return Percentiles.nearestRank(sortedValues(), valueCount, p);
        }
        long rank = ((long) p * timed + 99) / 100;
        return clamp(valueAtIndex(Math.max(rank, 1) - 1));
    }

    /** The true median on exact data, else the sketch's 0.5 quantile. */
    public Double median() {
        if (timed == 0) {
            return null;
        }
        if (sketch == null) {
            return Percentiles.median(sortedValues(), valueCount);
        }
        if (timed % 2 == 1) {
            return clamp(valueAtIndex(timed / 2));
        }
        return clamp((valueAtIndex(timed / 2 - 1) + valueAtIndex(timed / 2)) / 2);
    }

    private void addTime(long ms) {
        timed++;
        rtSum += ms;
        rtMin = min(rtMin, ms);
        rtMax = max(rtMax, ms);
        buckets[LatencyBuckets.indexOf(ms)]++;
        if (valueCount == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        if (valueCount > 0 && values[valueCount - 1] > ms) {
            sorted = false;
        }
        values[valueCount++] = ms;
    }

    private long[] sortedValues() {
        if (!sorted) {
            Arrays.sort(values, 0, valueCount);
            sorted = true;
        }
        return values;
    }

    private DDSketch sketch() {
        if (sketch == null) {
            sketch = Sketches.empty();
        }
        return sketch;
    }

    /** The sketch with the raw samples (partial edge minutes) added once. */
    private DDSketch sketchWithValues() {
        for (; valuesInSketch < valueCount; valuesInSketch++) {
            sketch.accept(values[valuesInSketch]);
        }
        return sketch;
    }

    /**
     * The sketch's estimate of the value at a 0-based index of the sorted values. DDSketch
     * picks index floor(q · (n − 1)); asking for the middle of the wanted index keeps the same
     * rank rule as the exact path (nearest rank), which matters in sparse tails.
     */
    private double valueAtIndex(long index) {
        DDSketch merged = sketchWithValues();
        if (timed == 1) {
            return merged.getValueAtQuantile(0);
        }
        double quantile = Math.min(1.0, (index + 0.5) / (timed - 1));
        return merged.getValueAtQuantile(quantile);
    }

    /** A sketch estimate never lies outside the exact minimum and maximum. */
    private Double clamp(double estimate) {
        return Math.max(rtMin, Math.min(rtMax, estimate));
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Long min(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.min(a, b);
    }

    private static Long max(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }
}
