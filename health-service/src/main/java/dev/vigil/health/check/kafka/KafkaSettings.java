package dev.vigil.health.check.kafka;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.vigil.health.check.CheckSettings;
import dev.vigil.kit.problem.Violation;

/**
 * Settings of a KAFKA check.
 *
 * @param bootstrapServers {@code host:port} pairs separated by commas
 * @param minBrokers fewer brokers in the cluster metadata fail the check; absent means 1
 */
public record KafkaSettings(String bootstrapServers, Integer minBrokers)
        implements CheckSettings {

    @Override
    public Integer minBrokers() {
        return minBrokers == null ? 1 : minBrokers;
    }

    /** The bootstrap servers, trimmed. */
    public List<String> servers() {
        return bootstrapServers == null ? List.of() : Arrays.stream(bootstrapServers.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    @Override
    public List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        if (servers().isEmpty() || servers().stream().anyMatch(s -> !s.matches(".+:\\d{1,5}"))) {
            violations.add(new Violation("settings.bootstrapServers",
                    "must be host:port pairs separated by commas"));
        }
        if (minBrokers() < 1) {
            violations.add(new Violation("settings.minBrokers", "must be at least 1"));
        }
        return violations;
    }

    @Override
    public List<Destination> destinations() {
        return servers().stream()
                .map(s -> new Destination("settings.bootstrapServers",
                        s.substring(0, s.lastIndexOf(':')).replace("[", "").replace("]", "")))
                .toList();
    }
}
