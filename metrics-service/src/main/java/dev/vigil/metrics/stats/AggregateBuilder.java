package dev.vigil.metrics.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.datadoghq.sketch.ddsketch.DDSketch;

import dev.vigil.metrics.model.RequestRecord;

/**
 * Folds new records into one delta per (granularity, bucket, service, route), ready to be added
 * to the stored pre-aggregates. Deltas come out in key order so concurrent writers lock rows in
 * the same order and do not deadlock.
 */
public final class AggregateBuilder {

    private final Map<Key, Delta> deltas = new TreeMap<>();

    /** Adds a record to its minute, hour and day. */
    public void add(RequestRecord record) {
        for (Granularity granularity : Granularity.values()) {
            Key key = new Key(granularity.code(), granularity.floor(record.occurredAt()),
                    record.service(), record.route());
            deltas.computeIfAbsent(key, k -> new Delta()).add(record);
        }
    }

    /** The deltas, ordered by key. */
    public List<Aggregate> build() {
        List<Aggregate> out = new ArrayList<>(deltas.size());
        deltas.forEach((key, delta) -> out.add(delta.toAggregate(key)));
        return out;
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

        Aggregate toAggregate(Key key) {
            return new Aggregate(Granularity.ofCode(key.granularity()), key.bucket(),
                    key.service(), key.route(), total, successful, failed, clientErrors, timed,
                    rtSum, rtMin, rtMax, buckets, errorTypes, Sketches.encode(sketch));
        }
    }
}
