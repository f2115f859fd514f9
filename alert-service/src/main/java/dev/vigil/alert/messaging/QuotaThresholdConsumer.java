package dev.vigil.alert.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/** Consumes QuotaThresholdCrossed batches from {@code vigil.quota.thresholds}. */
@ApplicationScoped
public class QuotaThresholdConsumer {

    /** Channel name; the same as the topic it reads. */
    public static final String CHANNEL = "vigil-quota-thresholds";

    private final BatchApplier applier;

    QuotaThresholdConsumer(BatchApplier applier) {
        this.applier = applier;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        applier.applyQuotaCrossings(applier.decodeQuotaCrossings(records));
    }
}
