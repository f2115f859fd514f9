package dev.vigil.health.check.tcp;

import java.util.ArrayList;
import java.util.List;

import dev.vigil.health.check.CheckSettings;
import dev.vigil.kit.problem.Violation;

/** Settings of a TCP check: the port must accept a connection. */
public record TcpSettings(String host, Integer port) implements CheckSettings {

    @Override
    public List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        if (host == null || host.isBlank()) {
            violations.add(new Violation("settings.host", "is required"));
        }
        if (port == null || port < 1 || port > 65_535) {
            violations.add(new Violation("settings.port", "must be between 1 and 65535"));
        }
        return violations;
    }

    @Override
    public List<Destination> destinations() {
        return List.of(new Destination("settings.host", host));
    }
}
