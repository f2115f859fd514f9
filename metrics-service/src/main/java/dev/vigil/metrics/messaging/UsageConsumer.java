package dev.vigil.metrics.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.vigil.common.event.UsageRecorded;
import dev.vigil.kit.messaging.DeadLetters;
import dev.vigil.kit.messaging.EventDecoder;
import dev.vigil.kit.messaging.ReceivedEvent;
import dev.vigil.metrics.model.RequestRecord;
import dev.vigil.metrics.service.InvalidRecordException;
import dev.vigil.metrics.service.UsageIngestor;
import dev.vigil.metrics.service.UsageValidator;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes {@code vigil.usage} in batches. Unreadable or invalid records go to the dead-letter
 * topic; the rest are stored in one transaction, idempotently by request id, and the batch is
 * acknowledged only once stored, so a database outage delays records but never drops them.
 */
@ApplicationScoped
public class UsageConsumer {

    public static final String CHANNEL = "usage";
    private static final Logger LOG = Logger.getLogger(UsageConsumer.class);

    private final EventDecoder decoder;
    private final DeadLetters deadLetters;
    private final UsageValidator validator;
    private final UsageIngestor ingestor;

    UsageConsumer(
            EventDecoder decoder,
            DeadLetters deadLetters,
            UsageValidator validator,
            UsageIngestor ingestor) {
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.validator = validator;
        this.ingestor = ingestor;
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<String, byte[]> batch) {
        List<RequestRecord> valid = new ArrayList<>(batch.count());
        for (ConsumerRecord<String, byte[]> record : batch) {
            UsageRecorded event = UsageEventReader.readOrNull(record.value());
            if (event != null) {
                validate(event, record, valid);
                continue;
            }
            // The kit's decoder dead-letters what is not a valid event, with its reason; taken
            // one record at a time so dead letters and stored records keep the batch order.
            for (ReceivedEvent<UsageRecorded> received
                    : decoder.decode(List.of(record), UsageRecorded.class)) {
                validate(received.event(), record, valid);
            }
        }
        int stored = ingestor.storeUntilStored(valid);
        LOG.debugf("Consumed usage batch records=%d valid=%d new=%d", batch.count(),
                valid.size(), stored);
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
