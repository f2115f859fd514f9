package dev.vigil.metrics.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        Map<String, ConsumerRecord<String, byte[]>> byPosition = new HashMap<>();
        batch.forEach(record -> byPosition.put(position(record.partition(), record.offset()),
                record));

        List<RequestRecord> valid = new ArrayList<>();
        for (ReceivedEvent<UsageRecorded> received : decoder.decode(batch, UsageRecorded.class)) {
            try {
                valid.add(validator.fromEvent(received.event()));
            } catch (InvalidRecordException e) {
                deadLetters.send(byPosition.get(position(received.partition(),
                        received.offset())), e.getMessage());
            }
        }
        int stored = ingestor.storeUntilStored(valid);
        LOG.debugf("Consumed usage batch records=%d valid=%d new=%d", batch.count(),
                valid.size(), stored);
    }

    private static String position(int partition, long offset) {
        return partition + ":" + offset;
    }
}
