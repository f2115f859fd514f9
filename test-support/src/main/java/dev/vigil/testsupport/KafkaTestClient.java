package dev.vigil.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.vigil.common.event.VigilEvent;
import dev.vigil.common.serde.EventCodec;

/**
 * Talks to the real broker for tests: sends raw bytes or events, and collects the records of a
 * topic that match a filter, with every wait bounded.
 *
 * <pre>{@code
 * try (KafkaTestClient kafka = KafkaTestClient.connect()) {
 *     kafka.send(Topics.HEALTH_CHECKS, "t-1", "{not json".getBytes());
 * }
 * }</pre>
 */
public final class KafkaTestClient implements AutoCloseable {

    public static final String BOOTSTRAP = System.getProperty("kafka.bootstrap.servers",
            System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));

    private final KafkaProducer<String, byte[]> producer;

    private KafkaTestClient(KafkaProducer<String, byte[]> producer) {
        this.producer = producer;
    }

    public static KafkaTestClient connect() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaTestClient(new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer()));
    }

    /**
     * A producer for benchmarks' bulk sends: leader acknowledgement only, large lz4 batches,
     * so the sending side is not what a benchmark measures.
     */
    public static KafkaProducer<String, byte[]> bulkProducer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends bytes and waits for the broker's acknowledgement. */
    public void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** Sends an event as the services encode it. */
    public void send(String topic, String key, VigilEvent event) {
        send(topic, key, EventCodec.encode(event));
    }

    /**
     * A reader positioned at the end of the topic now, so it sees only what comes after this
     * call; open it before the action under test.
     */
    public Reader readerAtEnd(String topic) {
        return new Reader(topic);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Reads one topic from the position it had when opened. */
    public static final class Reader implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

        private Reader(String topic) {
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    new ByteArrayDeserializer());
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic,
                            info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /**
         * Polls until {@code count} records match or the timeout passes; returns the matches
         * seen so far either way, so the caller asserts on the count.
         */
        public List<ConsumerRecord<String, byte[]>> await(
                Predicate<ConsumerRecord<String, byte[]>> filter,
                int count,
                Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (matches(filter).size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            return matches(filter);
        }

        /** Polls for a further quiet period and returns every match, to prove no extras. */
        public List<ConsumerRecord<String, byte[]>> settle(
                Predicate<ConsumerRecord<String, byte[]>> filter,
                Duration quiet) {
            long deadline = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            return matches(filter);
        }

        private List<ConsumerRecord<String, byte[]>> matches(
                Predicate<ConsumerRecord<String, byte[]>> filter) {
            return seen.stream().filter(filter).toList();
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The text of a header, or null. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The value as UTF-8 text. */
    public static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    /** Keys of the records, in order. */
    public static List<String> keys(Collection<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).toList();
    }
}
