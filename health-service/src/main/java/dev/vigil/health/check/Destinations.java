package dev.vigil.health.check;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.health.model.ErrorCategory;
import dev.vigil.health.safety.AddressResolver;
import dev.vigil.health.safety.OutboundPolicy;
import io.vertx.core.Future;

/**
 * Resolves a check's host and applies the outbound policy to the address, so a check connects
 * only to an address that was judged (BR-06).
 */
@ApplicationScoped
public class Destinations {

    /** A destination a check may not reach. */
    public static final class BlockedException extends Exception {

        public BlockedException(String message) {
            super(message, null, false, false);
        }
    }

    private final AddressResolver resolver;
    private final OutboundPolicy policy;

    Destinations(AddressResolver resolver, OutboundPolicy policy) {
        this.resolver = resolver;
        this.policy = policy;
    }

    /** The address to connect to; fails with UnknownHostException or BlockedException. */
    public Future<InetAddress> approve(String host) {
        return resolver.resolve(host)
                .recover(error -> Future.failedFuture(
                        new UnknownHostException("cannot resolve host " + host)))
                .compose(address -> policy.blockedReason(address)
                        .<Future<InetAddress>>map(reason -> Future.failedFuture(
                                new BlockedException("destination not allowed: " + reason)))
                        .orElseGet(() -> Future.succeededFuture(address)));
    }

    /** The category of a failure of {@link #approve}, or of the check after it. */
    public static ErrorCategory categoryOf(Throwable error) {
        return error instanceof BlockedException
                ? ErrorCategory.BLOCKED
                : Failures.categoryOf(error);
    }
}
