package dev.vigil.metrics.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import dev.vigil.common.event.UsageRecorded;
import dev.vigil.kit.messaging.DeadLetters;
import dev.vigil.kit.messaging.EventDecoder;
import dev.vigil.kit.messaging.ReceivedEvent;
import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.metrics.model.RequestRecord;
import dev.vigil.metrics.service.InvalidRecordException;
import dev.vigil.metrics.service.UsageIngestor;
import dev.vigil.metrics.service.UsageValidator;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes {@code vigil.usage} in batches. Unreadable or invalid records go to the dead-letter
 * topic; the rest are stored in one transaction, idempotently by request id, and the batch is
 * acknowledged only once stored, so a database outage delays records but never drops them.
 *
 * <p>Two stages, so the JVM and Postgres work at the same time: {@link #decode} reads and
 * checks one batch after the other, so dead letters keep the order of their partition; then
 * {@link #store} writes up to {@code vigil.metrics.consumer-concurrency} batches at once on
 * the {@value #WORKERS} pool. Stored batches may finish in any order: storing is idempotent
 * and the aggregates are sums and sketch merges. (Ordered blocking alone would handle one
 * batch at a time, whatever the number of partitions or consumers.) A batch's decoded
 * message carries the Kafka batch's acknowledgement, so each batch is acknowledged after its
 * own commit, and the connector commits a partition's offset only up to its oldest batch not
 * yet acknowledged.
 */
@ApplicationScoped
public class UsageConsumer {

    public static final String CHANNEL = "usage";
    /** The in-memory channel from {@link #decode} to {@link #store}. */
    static final String DECODED = "usage-decoded";
    /** The worker pool of {@link #store}; its size is set in application.properties. */
    static final String WORKERS = "usage-writers";
    private static final Logger LOG = Logger.getLogger(UsageConsumer.class);

    private final EventDecoder decoder;
    private final DeadLetters deadLetters;
    private final UsageValidator validator;
    private final UsageIngestor ingestor;

    UsageConsumer(
            EventDecoder decoder,
            DeadLetters deadLetters,
            UsageValidator validator,
            UsageIngestor ingestor,
            MetricsConfig config) {
        if (config.consumerConcurrency() < 1) {
            throw new IllegalArgumentException("vigil.metrics.consumer-concurrency: expected "
                    + ">= 1, got " + config.consumerConcurrency());
        }
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.validator = validator;
        this.ingestor = ingestor;
    }

    /** The batch's valid records, with the batch's acknowledgement; the rest dead-lettered. */
    @Incoming(CHANNEL)
    @Outgoing(DECODED)
    @Blocking
    public Message<List<RequestRecord>> decode(Message<ConsumerRecords<String, byte[]>> batch) {
        ConsumerRecords<String, byte[]> records = batch.getPayload();
        List<RequestRecord> valid = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            // The kit's decoder dead-letters what is not a valid event, with its reason; taken
            // one record at a time so dead letters and stored records keep the batch order.
            for (ReceivedEvent<UsageRecorded> received
                    : decoder.decode(List.of(record), UsageRecorded.class)) {
                validate(received.event(), record, valid);
            }
        }
        LOG.debugf("Decoded usage batch records=%d valid=%d", records.count(), valid.size());
        return batch.withPayload(valid);
    }

    /** Stores a decoded batch; its Kafka batch is acknowledged when this returns. */
    @Incoming(DECODED)
    @Blocking(value = WORKERS, ordered = false)
    public void store(List<RequestRecord> valid) {
        int stored = ingestor.storeUntilStored(valid);
        LOG.debugf("Stored usage batch valid=%d new=%d", valid.size(), stored);
    }

    private void validate(
            UsageRecorded event,
            ConsumerRecord<String, byte[]> record,
            List<RequestRecord> valid) {
        try {
            valid.add(validator.fromEvent(event));
        } catch (InvalidRecordException e) {
            deadLetters.send(record, e.getMessage());
        }
    }
}
