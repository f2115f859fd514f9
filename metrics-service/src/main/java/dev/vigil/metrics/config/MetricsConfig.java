package dev.vigil.metrics.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of metrics-service under {@code vigil.metrics}; each key is in the README. */
@ConfigMapping(prefix = "vigil.metrics")
public interface MetricsConfig {

    /** A window with at most this many records is answered exactly from raw rows. */
    @WithDefault("20000")
    int exactMaxRecords();

    /** Most records one {@code POST /api/usage} body may carry. */
    @WithDefault("10000")
    int maxBatchRecords();

    /** Lines of an access log stored per transaction. */
    @WithDefault("5000")
    int importBatchLines();

    /** Rejected lines an import lists in its answer. */
    @WithDefault("100")
    int maxRejectedLines();

    /**
     * Distinct routes per service that get Prometheus series of their own; later ones are
     * counted under the route label {@code _other}.
     */
    @WithDefault("200")
    int maxRoutesPerService();

    /**
     * Kafka batches stored at the same time; it sets the {@code usage-writers} worker pool of
     * the usage consumer. 1 stores one batch after the other.
     */
    @WithDefault("2")
    int consumerConcurrency();

    /** How long stored data is kept, counted from its arrival. */
    Retention retention();

    /** Retention of raw rows and of pre-aggregates. */
    interface Retention {

        /** Raw request rows. */
        @WithDefault("P7D")
        Duration raw();

        /** Minute, hour and day aggregates with their sketches. */
        @WithDefault("P400D")
        Duration aggregates();
    }
}
