package dev.vigil.metrics.bench;

import java.time.Instant;
import java.util.Random;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.vigil.common.event.EventMeta;
import dev.vigil.common.event.UsageRecorded;
import dev.vigil.common.serde.EventCodec;

/**
 * The benchmark's requests: one service, 1,000 URLs of one route, 100 users (the Kafka keys,
 * so all three partitions get records), 2 % 5xx and 3 % 404, log-normal response times around
 * 90 ms, one request a millisecond from 2020-01-01 (so about 17 minutes per million).
 */
final class UsageTraffic {

    private static final Instant BASE = Instant.parse("2020-01-01T00:00:00Z");

    private final Random random = new Random(1);

    /** Sends requests number {@code first} to {@code first + count - 1} of the service. */
    void send(KafkaProducer<String, byte[]> producer, String service, int first, int count) {
        for (int i = first; i < first + count; i++) {
            int status = status();
            UsageRecorded event = UsageRecorded.of(EventMeta.now("bench", BASE.plusMillis(i)),
                    service + "-" + i, service, "/items/" + (i % 1000), "GET", status,
                    responseTime(), true, null, null, "u" + (i % 100));
            producer.send(new ProducerRecord<>(BenchmarkProfile.TOPIC, event.userId(),
                    EventCodec.encode(event)));
        }
    }

    int status() {
        int roll = random.nextInt(100);
        return roll < 2 ? 503 : roll < 5 ? 404 : 200;
    }

    long responseTime() {
        return 1 + (long) Math.exp(random.nextGaussian() * 0.8 + 4.5);
    }
}
