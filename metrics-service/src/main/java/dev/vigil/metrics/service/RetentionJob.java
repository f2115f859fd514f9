package dev.vigil.metrics.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.metrics.repository.AggregateRepository;
import dev.vigil.metrics.repository.RequestRecordRepository;
import dev.vigil.metrics.repository.StorageException;
import io.quarkus.scheduler.Scheduled;

/**
 * Prunes raw rows and pre-aggregates by arrival time, so data imported today from an old log
 * stays for the whole retention. Windows whose raw rows are gone are answered from sketches.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final RequestRecordRepository records;
    private final AggregateRepository aggregates;
    private final MetricsConfig config;
    private final Clock clock;

    RetentionJob(
            RequestRecordRepository records,
            AggregateRepository aggregates,
            MetricsConfig config,
            Clock clock) {
        this.records = records;
        this.aggregates = aggregates;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${vigil.metrics.retention.prune-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        try {
            pruneAt(clock.instant());
        } catch (StorageException e) {
            LOG.warnf("Retention pass skipped cause=%s", e.getMessage());
        }
    }

    /** Deletes what arrived longer ago than the retentions before {@code now}. */
    public void pruneAt(Instant now) {
        int raw = records.deleteArrivedBefore(now.minus(config.retention().raw()));
        int sketches = aggregates.deleteUpdatedBefore(now.minus(config.retention().aggregates()));
        LOG.infof("Pruned metrics data rawRows=%d aggregates=%d", raw, sketches);
    }
}
