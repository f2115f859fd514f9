package dev.vigil.health.safety;

import java.net.InetAddress;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Resolves host names with Vert.x's own resolver (and its {@code quarkus.vertx.resolver.*}
 * settings, hosts file included), so the address checked against the policy is the one the
 * check then connects to.
 */
@ApplicationScoped
public class AddressResolver {

    private final Vertx vertx;

    AddressResolver(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The address of a host name or literal. */
    public Future<InetAddress> resolve(String host) {
        String bare = host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1)
                : host;
        Promise<InetAddress> promise = Promise.promise();
        // The public API has no "resolve only"; the internal resolver is what clients use.
        ((VertxInternal) vertx).resolveAddress(bare, promise);
        return promise.future();
    }
}
