package dev.vigil.health.safety;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.health.config.HealthConfig;
import io.netty.resolver.HostsFileEntries;
import io.netty.resolver.HostsFileParser;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Resolves host names the way checks connect: first from {@code vigil.health.hosts-file} when
 * one is configured, else with Vert.x's own resolver. The address checked against the policy
 * is then the one the check connects to.
 */
@ApplicationScoped
public class AddressResolver {

    private final Vertx vertx;
    private final Map<String, InetAddress> hosts;

    AddressResolver(Vertx vertx, HealthConfig config) {
        this.vertx = vertx;
        this.hosts = config.hostsFile().map(AddressResolver::readHosts).orElse(Map.of());
    }

    /** The address of a host name or literal. */
    public Future<InetAddress> resolve(String host) {
        String bare = host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1)
                : host;
        InetAddress fixed = hosts.get(bare.toLowerCase(Locale.ROOT));
        if (fixed != null) {
            return Future.succeededFuture(fixed);
        }
        Promise<InetAddress> promise = Promise.promise();
        // The public API has no "resolve only"; the internal resolver is what clients use.
        ((VertxInternal) vertx).resolveAddress(bare, promise);
        return promise.future();
    }

    private static Map<String, InetAddress> readHosts(String path) {
        try {
            HostsFileEntries entries = HostsFileParser.parse(new File(path));
            Map<String, InetAddress> byName = new HashMap<>();
            entries.inet6Entries().forEach((name, address) -> byName.put(name, address));
            entries.inet4Entries().forEach((name, address) -> byName.put(name, address));
            return Map.copyOf(byName);
        } catch (IOException e) {
            throw new UncheckedIOException("vigil.health.hosts-file: cannot read " + path, e);
        }
    }
}
