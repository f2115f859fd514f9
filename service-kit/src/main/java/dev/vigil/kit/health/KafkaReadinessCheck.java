package dev.vigil.kit.health;

import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.vigil.kit.config.KitConfig;
import dev.vigil.kit.kafka.KafkaClients;

/** Ready only while the Kafka cluster answers a metadata request within the timeout. */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    static final String NAME = "kafka";

    private final KafkaClients clients;
    private final CachedCheck check;
    private final long timeoutMs;

    KafkaReadinessCheck(KafkaClients clients, KitConfig config) {
        this.clients = clients;
        this.timeoutMs = config.readiness().timeout().toMillis();
        this.check = new CachedCheck(NAME, config.readiness().timeout(),
                config.readiness().cacheFor());
    }

    @Override
    public HealthCheckResponse call() {
        return check.call(this::probe);
    }

    private HealthCheckResponse probe() {
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) timeoutMs);
        try {
            Collection<Node> nodes = clients.admin().describeCluster(options).nodes()
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named(NAME).up().withData("brokers", nodes.size()).build();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return HealthCheckResponse.named(NAME).down()
                    .withData("error", cause.getClass().getSimpleName())
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.named(NAME).down().withData("error", "interrupted").build();
        }
    }
}
