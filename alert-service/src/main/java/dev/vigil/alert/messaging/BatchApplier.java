package dev.vigil.alert.messaging;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import dev.vigil.alert.service.EvaluationMeters;
import dev.vigil.alert.service.HealthEvaluator;
import dev.vigil.alert.service.QuotaEvaluator;
import dev.vigil.common.event.HealthCheckCompleted;
import dev.vigil.common.event.QuotaThresholdCrossed;
import dev.vigil.kit.messaging.EventDecoder;
import dev.vigil.kit.messaging.ReceivedEvent;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * Decodes and applies consumed batches, retrying each step until it succeeds.
 *
 * <p>Why retry here rather than let SmallRye handle it: a batch consumer that throws nacks
 * every record of the batch, and each failure strategy then does the wrong thing for a
 * transient outage: {@code fail} stops the channel, {@code ignore} commits past the records,
 * {@code dead-letter-queue} moves valid records away. So a Postgres or Kafka outage is waited
 * out here, with exponential backoff and no limit, and the channel never sees the exception.
 * Decoding is retried apart from applying, so a record is dead-lettered once even when the
 * apply step has to be retried.
 */
@ApplicationScoped
public class BatchApplier {

    private static final Logger LOG = Logger.getLogger(BatchApplier.class);

    private final EventDecoder decoder;
    private final HealthEvaluator health;
    private final QuotaEvaluator quota;
    private final EvaluationMeters meters;

    BatchApplier(
            EventDecoder decoder,
            HealthEvaluator health,
            QuotaEvaluator quota,
            EvaluationMeters meters) {
        this.decoder = decoder;
        this.health = health;
        this.quota = quota;
        this.meters = meters;
    }

    @Retry(maxRetries = -1, maxDuration = 0, delay = 100, jitter = 50)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public List<HealthCheckCompleted> decodeHealthChecks(
            Iterable<ConsumerRecord<String, byte[]>> records) {
        return decodeOrLog(records, HealthCheckCompleted.class);
    }

    @Retry(maxRetries = -1, maxDuration = 0, delay = 100, jitter = 50)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void applyHealthChecks(List<HealthCheckCompleted> results) {
        if (results.isEmpty()) {
            return;
        }
        try {
            int applied = health.apply(results);
            meters.healthChecks(results.size());
            LOG.debugf("Applied check results received=%d new=%d", results.size(), applied);
        } catch (RuntimeException e) {
            LOG.warnf("Check results not applied, retrying batch=%d cause=%s", results.size(),
                    rootMessage(e));
            throw e;
        }
    }

    @Retry(maxRetries = -1, maxDuration = 0, delay = 100, jitter = 50)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public List<QuotaThresholdCrossed> decodeQuotaCrossings(
            Iterable<ConsumerRecord<String, byte[]>> records) {
        return decodeOrLog(records, QuotaThresholdCrossed.class);
    }

    @Retry(maxRetries = -1, maxDuration = 0, delay = 100, jitter = 50)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void applyQuotaCrossings(List<QuotaThresholdCrossed> crossings) {
        if (crossings.isEmpty()) {
            return;
        }
        try {
            quota.apply(crossings);
            meters.quotaCrossings(crossings.size());
        } catch (RuntimeException e) {
            LOG.warnf("Quota crossings not applied, retrying batch=%d cause=%s",
                    crossings.size(), rootMessage(e));
            throw e;
        }
    }

    private <T extends dev.vigil.common.event.VigilEvent> List<T> decodeOrLog(
            Iterable<ConsumerRecord<String, byte[]>> records, Class<T> type) {
        try {
            return decoder.decode(records, type).stream().map(ReceivedEvent::event).toList();
        } catch (RuntimeException e) {
            LOG.warnf("Batch not decoded (dead-letter topic unreachable), retrying cause=%s",
                    rootMessage(e));
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
