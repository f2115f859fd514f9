package dev.vigil.quota.benchmark;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The benchmark's app: the usage channel can be paused, so a backlog is built first and the
 * consumer is timed on its own, not on how fast the test's producer sends; and it reads in a
 * group of its own from the end of the shared topic, not other modules' leftovers.
 */
public class BenchmarkProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mp.messaging.incoming.usage.pausable", "true",
                "mp.messaging.incoming.usage.group.id", "quota-benchmark-" + UUID.randomUUID(),
                "mp.messaging.incoming.usage.auto.offset.reset", "latest");
    }
}
