package dev.vigil.alert.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * Consumes HealthCheckCompleted batches from {@code vigil.health.checks}. The offsets of a
 * batch are committed only after this method returns, which happens only once the batch is
 * applied: {@link BatchApplier} retries failures for as long as they last.
 */
@ApplicationScoped
public class HealthCheckConsumer {

    /** Channel name; the same as the topic it reads. */
    public static final String CHANNEL = "vigil-health-checks";

    private final BatchApplier applier;

    HealthCheckConsumer(BatchApplier applier) {
        this.applier = applier;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        applier.applyHealthChecks(applier.decodeHealthChecks(records));
    }
}
