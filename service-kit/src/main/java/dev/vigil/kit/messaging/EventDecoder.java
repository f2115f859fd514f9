package dev.vigil.kit.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.vigil.common.event.VigilEvent;
import dev.vigil.common.serde.EventCodec;
import dev.vigil.common.serde.InvalidEventException;

/**
 * Decodes a batch of raw records into events, dead-lettering each record that is not a valid
 * event of the expected type (field case BR-18) and keeping the rest in order.
 *
 * <pre>{@code
 * List<ReceivedEvent<HealthCheckCompleted>> events =
 *         decoder.decode(records, HealthCheckCompleted.class);
 * }</pre>
 */
@ApplicationScoped
public class EventDecoder {

    private final DeadLetters deadLetters;

    EventDecoder(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** The valid events of the batch; the others are on the dead-letter topic. */
    public <T extends VigilEvent> List<ReceivedEvent<T>> decode(
            Iterable<ConsumerRecord<String, byte[]>> records,
            Class<T> type) {
        List<ReceivedEvent<T>> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                T event = EventCodec.decode(record.value(), type);
                events.add(new ReceivedEvent<>(event, record.partition(), record.offset()));
            } catch (InvalidEventException e) {
                deadLetters.send(record, e.getMessage());
            }
        }
        return events;
    }

    /** As {@link #decode}, for topics that carry several event types. */
    public List<ReceivedEvent<VigilEvent>> decodeAny(
            Iterable<ConsumerRecord<String, byte[]>> records) {
        List<ReceivedEvent<VigilEvent>> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                VigilEvent event = EventCodec.decodeAny(record.value());
                events.add(new ReceivedEvent<>(event, record.partition(), record.offset()));
            } catch (InvalidEventException e) {
                deadLetters.send(record, e.getMessage());
            }
        }
        return events;
    }
}
