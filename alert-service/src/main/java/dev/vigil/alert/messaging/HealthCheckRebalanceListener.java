package dev.vigil.alert.messaging;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import dev.vigil.alert.service.TargetStateCache;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Empties the cached target states whenever the partitions of {@code vigil.health.checks}
 * move between replicas: targets another replica evaluated meanwhile are read again.
 */
@ApplicationScoped
@Identifier(HealthCheckRebalanceListener.NAME)
public class HealthCheckRebalanceListener implements KafkaConsumerRebalanceListener {

    /** The name the channel's {@code consumer-rebalance-listener.name} refers to. */
    public static final String NAME = "vigil-health-checks-rebalance";

    private static final Logger LOG = Logger.getLogger(HealthCheckRebalanceListener.class);

    private final TargetStateCache cache;

    HealthCheckRebalanceListener(TargetStateCache cache) {
        this.cache = cache;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions) {
        cache.clear();
        LOG.infof("Check partitions assigned partitions=%s", partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions) {
        cache.clear();
        LOG.debugf("Check partitions revoked partitions=%s", partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        cache.clear();
    }
}
