package dev.vigil.quota.messaging;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import dev.vigil.common.event.UsageRecorded;
import dev.vigil.quota.service.UsageService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.quarkus.runtime.Startup;

/**
 * Applies a decoded batch, retrying a failed transaction until it commits: skipping would
 * lose counts, and the offsets are committed only after this returns.
 */
// Created at start so its meters are scraped (as zero) before the first usage event.
@Startup
@ApplicationScoped
public class UsageRecorder {

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);

    private final UsageService usage;
    private final Counter failures;

    UsageRecorder(UsageService usage, MeterRegistry registry) {
        this.usage = usage;
        this.failures = Counter.builder("quota.usage.batch.failures")
                .description("Usage batches whose transaction failed and is being retried")
                .register(registry);
    }

    /** Counts the batch; each attempt is a fresh transaction, so a failed one left nothing. */
    @Retry(maxRetries = -1, delay = 200, jitter = 100, maxDuration = 0,
            durationUnit = ChronoUnit.MILLIS)
    @ExponentialBackoff(maxDelay = 10_000)
    public int record(List<UsageRecorded> events) {
        try {
            return usage.count(events);
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warnf("Usage batch not counted, retrying events=%d cause=%s", events.size(),
                    rootMessage(e));
            throw e;
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
