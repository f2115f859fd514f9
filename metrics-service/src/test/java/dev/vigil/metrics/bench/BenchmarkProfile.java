package dev.vigil.metrics.bench;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The benchmark's app: the usage channel can be paused, so a backlog is built first and the
 * consumer is timed on its own, not on how fast the test's producer sends. It reads a topic
 * of its own (created on first use with the broker's 3 partitions, like {@code vigil.usage}),
 * in a group of its own from the end: other modules' records do not reach it, and the
 * services that consume {@code vigil.usage} (quota-service) do not spend the machine's CPU
 * and database on the benchmark's millions of records while it is timed.
 */
public class BenchmarkProfile implements QuarkusTestProfile {

    /** The topic the benchmark produces to and the usage channel reads. */
    static final String TOPIC = "vigil.usage.metrics-bench";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mp.messaging.incoming.usage.topic", TOPIC,
                "mp.messaging.incoming.usage.pausable", "true",
                "mp.messaging.incoming.usage.group.id", "metrics-benchmark-" + UUID.randomUUID(),
                "mp.messaging.incoming.usage.auto.offset.reset", "latest");
    }
}
