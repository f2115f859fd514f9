package dev.vigil.metrics.service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import dev.vigil.metrics.model.RequestRecord;
import dev.vigil.metrics.repository.StorageException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * The one way records get stored, whatever their source: writes the batch, retries while the
 * database is briefly away, and exports the new records as metrics once committed.
 */
@ApplicationScoped
public class UsageIngestor {

    private static final Logger LOG = Logger.getLogger(UsageIngestor.class);

    /** Counts batches not stored for a transient database error; each is retried. */
    public static final String FAILED_WRITES = "vigil.usage.writes.failed";

    private final UsageWriter writer;
    private final RequestMeters meters;
    private final Clock clock;
    private final Counter failedWrites;

    UsageIngestor(UsageWriter writer, RequestMeters meters, Clock clock,
            MeterRegistry registry) {
        this.writer = writer;
        this.meters = meters;
        this.clock = clock;
        this.failedWrites = Counter.builder(FAILED_WRITES)
                .description("Batches of request records not stored for a transient database "
                        + "error; each is retried")
                .register(registry);
    }

    /** For API callers: a few quick retries, then the error reaches the caller. */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = TransientStorageFailure.class)
    public int store(List<RequestRecord> batch) {
        return write(batch);
    }

    /**
     * For the consumer: a transient failure is retried without end, with backoff, so no record
     * is skipped while the database is down; the batch is not acknowledged meanwhile.
     */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 500, jitter = 200,
            retryOn = TransientStorageFailure.class)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public int storeUntilStored(List<RequestRecord> batch) {
        return write(batch);
    }

    private int write(List<RequestRecord> batch) {
        try {
            List<RequestRecord> fresh = writer.write(batch, clock.instant());
            meters.record(fresh);
            LOG.debugf("Stored request records received=%d new=%d", batch.size(), fresh.size());
            return fresh.size();
        } catch (RuntimeException e) {
            // A lost connection may also surface at commit, wrapped by the transaction manager.
            if (StorageException.isTransient(e)) {
                failedWrites.increment();
                LOG.warnf("Request records not stored, will retry count=%d cause=%s",
                        batch.size(), e.getMessage());
                throw new TransientStorageFailure(e);
            }
            throw e;
        }
    }
}
