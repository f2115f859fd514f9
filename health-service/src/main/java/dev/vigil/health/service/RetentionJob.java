package dev.vigil.health.service;

import java.time.Clock;
import java.time.Instant;
import java.util.function.IntSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.vigil.health.config.HealthConfig;
import dev.vigil.health.repository.ResultRepository;
import io.quarkus.scheduler.Scheduled;

/**
 * Prunes raw results after their retention and hourly rollups after theirs, in small batches
 * so no statement holds locks for long. Replicas may prune side by side; deletes are idempotent.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final ResultRepository results;
    private final HealthConfig.Retention config;
    private final Clock clock;

    RetentionJob(ResultRepository results, HealthConfig config, Clock clock) {
        this.results = results;
        this.config = config.retention();
        this.clock = clock;
    }

    @Scheduled(every = "1h", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "health-retention")
    void scheduledPrune() {
        try {
            prune();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Pruning old results failed");
        }
    }

    /** Deletes what is past retention now; returns raw results and rollups deleted. */
    public long[] prune() {
        Instant now = clock.instant();
        Instant rawBefore = now.minus(config.rawResults());
        Instant rollupBefore = now.minus(config.hourlyRollups());
        long raw = deleteAll(() -> results.deleteResultsOlderThan(rawBefore,
                config.deleteBatch()));
        long rollups = deleteAll(() -> results.deleteRollupsOlderThan(rollupBefore,
                config.deleteBatch()));
        if (raw + rollups > 0) {
            LOG.infof("Pruned results raw=%d rollups=%d rawBefore=%s rollupsBefore=%s", raw,
                    rollups, rawBefore, rollupBefore);
        }
        return new long[] {raw, rollups};
    }

    private long deleteAll(IntSupplier batch) {
        long total = 0;
        int deleted;
        do {
            deleted = batch.getAsInt();
            total += deleted;
        } while (deleted >= config.deleteBatch());
        return total;
    }
}
