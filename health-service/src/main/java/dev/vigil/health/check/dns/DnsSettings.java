package dev.vigil.health.check.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.vigil.health.check.CheckSettings;
import dev.vigil.kit.problem.Violation;

/**
 * Settings of a DNS check.
 *
 * @param recordType A, AAAA, CNAME, MX, TXT or NS; absent means A
 * @param expected a value one answer must equal; absent means any answer will do
 * @param resolver the DNS server as {@code host} or {@code host:port}; absent means the system's
 */
public record DnsSettings(String name, String recordType, String expected, String resolver)
        implements CheckSettings {

    static final Set<String> TYPES = Set.of("A", "AAAA", "CNAME", "MX", "TXT", "NS");

    @Override
    public String recordType() {
        return recordType == null ? "A" : recordType;
    }

    /** The resolver's host, or null for the system's. */
    public String resolverHost() {
        if (resolver == null) {
            return null;
        }
        int colon = resolver.lastIndexOf(':');
        boolean hostAndPort = colon > 0 && resolver.indexOf(':') == colon;
        return hostAndPort ? resolver.substring(0, colon) : resolver;
    }

    /** The resolver's port, 53 unless given. */
    public int resolverPort() {
        String host = resolverHost();
        return host == null || host.length() == resolver.length()
                ? 53
                : Integer.parseInt(resolver.substring(host.length() + 1));
    }

    @Override
    public List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        if (name == null || name.isBlank()) {
            violations.add(new Violation("settings.name", "is required"));
        }
        if (!TYPES.contains(recordType())) {
            violations.add(new Violation("settings.recordType", "must be one of " + TYPES));
        }
        if (resolver != null) {
            try {
                int port = resolverPort();
                if (port < 1 || port > 65_535 || resolverHost().isBlank()) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                violations.add(new Violation("settings.resolver", "must be host or host:port"));
            }
        }
        return violations;
    }

    @Override
    public List<Destination> destinations() {
        return resolver == null ? List.of() : List.of(new Destination("settings.resolver",
                resolverHost()));
    }
}
