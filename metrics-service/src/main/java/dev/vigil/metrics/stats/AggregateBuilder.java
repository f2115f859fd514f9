package dev.vigil.metrics.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.datadoghq.sketch.ddsketch.DDSketch;

import dev.vigil.metrics.model.RequestRecord;

/**
 * Folds new records into one delta per (granularity, bucket, service, route), ready to be added
 * to the stored pre-aggregates, plus the roll-up rows of {@link Rollup} (per service, and for
 * everything), so a window without a route filter reads one row per bucket instead of one per
 * route. Each record is added once, to its minute; hours, days and roll-ups are merged from
 * the minute deltas. Deltas come out in key order so concurrent writers lock rows in the same
 * order and do not deadlock.
 */
public final class AggregateBuilder {

    private final Map<Key, Delta> minutes = new HashMap<>();
    private Key lastKey;
    private Delta lastDelta;

    /** Adds a record to its minute (and so to its hour, day and roll-ups). */
    public void add(RequestRecord record) {
        Key key = new Key(Granularity.MINUTE.code(), Granularity.MINUTE.floor(
                record.occurredAt()), record.service(), record.route());
        // Records of a batch mostly share the minute and route of the one before.
        if (!key.equals(lastKey)) {
            lastKey = key;
            lastDelta = minutes.computeIfAbsent(key, k -> new Delta());
        }
        lastDelta.add(record);
    }

    /** The deltas of every granularity and roll-up level, ordered by key. */
    public List<Aggregate> build() {
        Map<Key, Delta> all = new TreeMap<>();
        minutes.forEach((minute, delta) -> {
            for (Granularity granularity : Granularity.values()) {
                Instant bucket = granularity.floor(minute.bucket());
                String code = granularity.code();
                mergeInto(all, new Key(code, bucket, minute.service(), minute.route()), delta);
                mergeInto(all, new Key(code, bucket, minute.service(), Rollup.ALL), delta);
                mergeInto(all, new Key(code, bucket, Rollup.ALL, Rollup.ALL), delta);
            }
        });
        List<Aggregate> out = new ArrayList<>(all.size());
        all.forEach((key, delta) -> out.add(delta.toAggregate(key)));
        return out;
    }

    private static void mergeInto(Map<Key, Delta> all, Key key, Delta delta) {
        all.computeIfAbsent(key, k -> new Delta()).merge(delta);
    }

    private record Key(String granularity, Instant bucket, String service, String route)
            implements Comparable<Key> {

        private static final Comparator<Key> ORDER = Comparator.comparing(Key::granularity)
                .thenComparing(Key::bucket)
                .thenComparing(Key::service)
                .thenComparing(Key::route);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    private static final class Delta {
        long total;
        long successful;
        long failed;
        long clientErrors;
        long timed;
        long rtSum;
        Long rtMin;
        Long rtMax;
        final long[] buckets = new long[LatencyBuckets.COUNT];
        final Map<String, Long> errorTypes = new TreeMap<>();
        final DDSketch sketch = Sketches.empty();

        void add(RequestRecord record) {
            total++;
            switch (record.outcome()) {
                case SUCCESS -> successful++;
                case CLIENT_ERROR -> clientErrors++;
                case FAILED -> failed++;
            }
            if (record.errorType() != null) {
                errorTypes.merge(record.errorType(), 1L, Long::sum);
            }
            Long ms = record.responseTimeMs();
            if (ms != null) {
                timed++;
                rtSum += ms;
                rtMin = rtMin == null ? ms : Math.min(rtMin, ms);
                rtMax = rtMax == null ? ms : Math.max(rtMax, ms);
                buckets[LatencyBuckets.indexOf(ms)]++;
                sketch.accept(ms);
            }
        }

        void merge(Delta other) {
            total += other.total;
            successful += other.successful;
            failed += other.failed;
            clientErrors += other.clientErrors;
            timed += other.timed;
            rtSum += other.rtSum;
            if (other.rtMin != null) {
                rtMin = rtMin == null ? other.rtMin : Long.valueOf(Math.min(rtMin, other.rtMin));
                rtMax = rtMax == null ? other.rtMax : Long.valueOf(Math.max(rtMax, other.rtMax));
            }
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] += other.buckets[i];
            }
            other.errorTypes.forEach((type, count) -> errorTypes.merge(type, count, Long::sum));
            if (other.timed > 0) {
                sketch.mergeWith(other.sketch);
            }
        }

        Aggregate toAggregate(Key key) {
            return new Aggregate(Granularity.ofCode(key.granularity()), key.bucket(),
                    key.service(), key.route(), total, successful, failed, clientErrors, timed,
                    rtSum, rtMin, rtMax, buckets, errorTypes, Sketches.encode(sketch));
        }
    }
}
