package dev.vigil.kit.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import dev.vigil.common.topic.DeadLetterHeaders;
import dev.vigil.common.topic.Topics;
import dev.vigil.kit.config.KitConfig;
import dev.vigil.kit.kafka.KafkaClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Moves a record that cannot be read to {@code <topic>.dlq}, with the reason and its origin in
 * headers, so one bad record never blocks its partition and never vanishes without a trace.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaClients kafka;
    private final KitConfig config;
    private final MeterRegistry registry;

    DeadLetters(KafkaClients kafka, KitConfig config, MeterRegistry registry) {
        this.kafka = kafka;
        this.config = config;
        this.registry = registry;
    }

    /**
     * Publishes the record's bytes to the dead-letter topic and waits for the broker, so the
     * consumer commits past it only once it is safely stored.
     */
    public void send(ConsumerRecord<String, byte[]> record, String reason) {
        String target = Topics.deadLetter(record.topic());
        ProducerRecord<String, byte[]> letter =
                new ProducerRecord<>(target, record.key(), record.value());
        header(letter, DeadLetterHeaders.REASON, reason);
        header(letter, DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
        header(letter, DeadLetterHeaders.ORIGINAL_PARTITION, String.valueOf(record.partition()));
        header(letter, DeadLetterHeaders.ORIGINAL_OFFSET, String.valueOf(record.offset()));
        header(letter, DeadLetterHeaders.CONSUMER, config.serviceName());
        await(letter);
        Counter.builder("vigil.dead.letters")
                .description("Records moved to a dead-letter topic because they were unreadable")
                .tag("topic", record.topic())
                .register(registry)
                .increment();
        LOG.warnf("Dead-lettered record topic=%s partition=%d offset=%d reason=%s",
                record.topic(), record.partition(), record.offset(), reason);
    }

    private void await(ProducerRecord<String, byte[]> letter) {
        try {
            kafka.producer().send(letter)
                    .get(config.outbox().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot dead-letter to " + letter.topic(), e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
