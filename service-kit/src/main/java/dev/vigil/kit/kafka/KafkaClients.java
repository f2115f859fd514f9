package dev.vigil.kit.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.vigil.kit.config.KitConfig;

/**
 * The service's one Kafka producer and one admin client, created on first use so a service
 * starts and reports itself not ready while the broker is away, instead of failing to boot.
 */
@ApplicationScoped
public class KafkaClients {

    private final String bootstrapServers;
    private final KitConfig config;
    private Producer<String, byte[]> producer;
    private Admin admin;

    KafkaClients(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            KitConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
    }

    /** An idempotent producer that waits for all in-sync replicas. */
    public synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerProperties(), new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    /** An admin client whose calls give up after the readiness timeout. */
    public synchronized Admin admin() {
        if (admin == null) {
            int timeoutMs = (int) config.readiness().timeout().toMillis();
            Map<String, Object> props = new HashMap<>();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.serviceName() + "-admin");
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
            admin = Admin.create(props);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private Map<String, Object> producerProperties() {
        int sendTimeoutMs = (int) config.outbox().sendTimeout().toMillis();
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.serviceName() + "-producer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A send must fail within the outbox's wait, so a broker outage rolls back the batch
        // instead of holding the relay's transaction open.
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, sendTimeoutMs / 2));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, sendTimeoutMs);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
        return props;
    }
}
