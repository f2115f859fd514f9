package dev.vigil.health.check.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

import dev.vigil.health.check.Checker;
import dev.vigil.health.check.Destinations;
import dev.vigil.health.check.Failures;
import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.ErrorCategory;
import dev.vigil.health.model.TargetKind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Asks a Kafka cluster for its metadata with the Admin client's {@code describeCluster}; the
 * answer arrives on the client's own thread, so no Vert.x thread waits for it.
 */
@ApplicationScoped
public class KafkaChecker implements Checker<KafkaSettings> {

    private final Vertx vertx;
    private final Destinations destinations;

    KafkaChecker(Vertx vertx, Destinations destinations) {
        this.vertx = vertx;
        this.destinations = destinations;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.KAFKA;
    }

    @Override
    public Class<KafkaSettings> settingsType() {
        return KafkaSettings.class;
    }

    @Override
    public Future<CheckOutcome> check(KafkaSettings settings, int timeoutMs) {
        long start = System.nanoTime();
        List<Future<?>> approvals = settings.destinations().stream()
                .<Future<?>>map(d -> destinations.approve(d.host()))
                .toList();
        return Future.all(approvals)
                .compose(approved -> describe(settings, timeoutMs))
                .map(nodes -> judge(settings, nodes, (System.nanoTime() - start) / 1_000_000))
                .otherwise(error -> Failures.of(error, null, Map.of()));
    }

    private Future<Collection<Node>> describe(KafkaSettings settings, int timeoutMs) {
        // Creating the client may resolve names and start threads, so it runs off the loop.
        return vertx.executeBlocking(() -> Admin.create(adminConfig(settings, timeoutMs)), false)
                .compose(admin -> {
                    Promise<Collection<Node>> nodes = Promise.promise();
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                            .nodes()
                            .whenComplete((found, error) -> {
                                if (error != null) {
                                    nodes.fail(error);
                                } else {
                                    nodes.complete(found);
                                }
                            });
                    return nodes.future().eventually(() -> vertx.executeBlocking(() -> {
                        admin.close(Duration.ofSeconds(1));
                        return null;
                    }, false));
                });
    }

    private static Map<String, Object> adminConfig(KafkaSettings settings, int timeoutMs) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG,
                Math.min(timeoutMs, 10_000L));
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG,
                Math.min(timeoutMs, 10_000L));
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "health-service-check");
        return config;
    }

    private static CheckOutcome judge(KafkaSettings settings, Collection<Node> nodes, long ms) {
        Map<String, Object> metadata = Map.of("brokers", nodes.size());
        if (nodes.size() < settings.minBrokers()) {
            return CheckOutcome.failure(ErrorCategory.STATUS, nodes.size() + " brokers, expected "
                    + "at least " + settings.minBrokers(), ms, metadata);
        }
        return CheckOutcome.success(ms, metadata);
    }
}
