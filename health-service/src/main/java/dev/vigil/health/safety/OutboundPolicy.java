package dev.vigil.health.safety;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.vigil.health.config.HealthConfig;

/**
 * Decides which addresses a check may reach: none that is loopback, link-local (cloud metadata),
 * private, shared, multicast or unspecified, unless it lies in {@code vigil.health.allow-list}.
 * Callers apply it to the address a name resolved to, right before connecting (BR-06).
 */
@ApplicationScoped
public class OutboundPolicy {

    private static final List<Cidr> SPECIAL_V4 = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("100.64.0.0/10"), Cidr.parse("192.0.0.0/24"),
            Cidr.parse("198.18.0.0/15"), Cidr.parse("240.0.0.0/4"));

    private final List<Cidr> allowList;

    @Inject
    OutboundPolicy(HealthConfig config) {
        this(config.allowList().orElse(List.of()));
    }

    /** A policy with this allow-list, for tests and tools. */
    public OutboundPolicy(List<String> allowList) {
        this.allowList = allowList.stream()
                .filter(range -> !range.isBlank())
                .map(OutboundPolicy::parseAllowed)
                .toList();
    }

    /** Why the address may not be reached, or empty when it may. */
    public Optional<String> blockedReason(InetAddress address) {
        InetAddress plain = unmapped(address);
        if (allowList.stream().anyMatch(range -> range.contains(plain))) {
            return Optional.empty();
        }
        return specialRange(plain).map(range -> range + " address " + plain.getHostAddress()
                + " is not allowed");
    }

    /** Whether a URL scheme is one an HTTP check may use. */
    public static boolean isHttpScheme(String scheme) {
        return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    }

    private static Optional<String> specialRange(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isSiteLocalAddress() || isUniqueLocal(address)) {
            return Optional.of("private");
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return Optional.of("special");
        }
        if (address instanceof Inet4Address
                && SPECIAL_V4.stream().anyMatch(range -> range.contains(address))) {
            return Optional.of("reserved");
        }
        return Optional.empty();
    }

    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** An IPv4-mapped IPv6 address is judged as the IPv4 address it carries. */
    private static InetAddress unmapped(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != 16 || !isMappedPrefix(bytes)) {
            return address;
        }
        try {
            byte[] mapped = {bytes[12], bytes[13], bytes[14], bytes[15]};
            return InetAddress.getByAddress(mapped);
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static boolean isMappedPrefix(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static Cidr parseAllowed(String range) {
        try {
            return Cidr.parse(range);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vigil.health.allow-list: expected CIDR ranges "
                    + "such as 127.0.0.0/8, got " + range, e);
        }
    }
}
