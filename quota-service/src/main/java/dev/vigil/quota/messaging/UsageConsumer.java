package dev.vigil.quota.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.vigil.common.event.UsageRecorded;
import dev.vigil.kit.messaging.EventDecoder;
import dev.vigil.kit.messaging.ReceivedEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Reads {@code vigil.usage} in batches: unreadable records go to the dead-letter topic once,
 * the rest are counted by {@link UsageRecorder}.
 */
@ApplicationScoped
public class UsageConsumer {

    /** The channel that reads {@code vigil.usage} (see application.properties). */
    public static final String CHANNEL = "usage";

    private static final Logger LOG = Logger.getLogger(UsageConsumer.class);

    private final EventDecoder decoder;
    private final UsageRecorder recorder;

    UsageConsumer(EventDecoder decoder, UsageRecorder recorder) {
        this.decoder = decoder;
        this.recorder = recorder;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        // Decoded once, outside the retry, so a retried batch does not dead-letter twice.
        List<UsageRecorded> events = decoder.decode(records, UsageRecorded.class).stream()
                .map(ReceivedEvent::event)
                .toList();
        if (events.isEmpty()) {
            return;
        }
        int counted = recorder.record(events);
        LOG.debugf("Usage batch counted records=%d events=%d counted=%d", records.count(),
                events.size(), counted);
    }
}
