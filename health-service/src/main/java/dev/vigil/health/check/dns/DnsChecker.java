package dev.vigil.health.check.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.health.check.Checker;
import dev.vigil.health.check.Destinations;
import dev.vigil.health.check.Failures;
import dev.vigil.health.check.Text;
import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.ErrorCategory;
import dev.vigil.health.model.TargetKind;
import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.dns.MxRecord;

/** Resolves a record with Vert.x's DNS client and compares the answers. */
@ApplicationScoped
public class DnsChecker implements Checker<DnsSettings> {

    private final Vertx vertx;
    private final Destinations destinations;

    DnsChecker(Vertx vertx, Destinations destinations) {
        this.vertx = vertx;
        this.destinations = destinations;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.DNS;
    }

    @Override
    public Class<DnsSettings> settingsType() {
        return DnsSettings.class;
    }

    @Override
    public Future<CheckOutcome> check(DnsSettings settings, int timeoutMs) {
        long start = System.nanoTime();
        return client(settings, timeoutMs)
                .compose(client -> query(client, settings).eventually(() -> client.close()))
                .map(answers -> judge(settings, answers, (System.nanoTime() - start) / 1_000_000))
                .otherwise(error -> Failures.of(dnsError(error), null, Map.of()));
    }

    private Future<DnsClient> client(DnsSettings settings, int timeoutMs) {
        DnsClientOptions options = new DnsClientOptions().setQueryTimeout(timeoutMs)
                .setRecursionDesired(true);
        if (settings.resolver() == null) {
            return Future.succeededFuture(vertx.createDnsClient(options));
        }
        return destinations.approve(settings.resolverHost())
                .map(address -> vertx.createDnsClient(options
                        .setHost(address.getHostAddress())
                        .setPort(settings.resolverPort())));
    }

    private static Future<List<String>> query(DnsClient client, DnsSettings settings) {
        String name = settings.name();
        return switch (settings.recordType()) {
            case "AAAA" -> client.resolveAAAA(name);
            case "CNAME" -> client.resolveCNAME(name);
            case "MX" -> client.resolveMX(name).map(records -> records.stream()
                    .map(MxRecord::name).toList());
            case "TXT" -> client.resolveTXT(name);
            case "NS" -> client.resolveNS(name);
            default -> client.resolveA(name);
        };
    }

    private static CheckOutcome judge(DnsSettings settings, List<String> answers, long ms) {
        List<String> clean = answers.stream().map(DnsChecker::normalise).toList();
        Map<String, Object> metadata = Map.of("answers",
                Text.clean(String.join(", ", clean), 500));
        if (clean.isEmpty()) {
            return CheckOutcome.failure(ErrorCategory.DNS, "no " + settings.recordType()
                    + " records for " + settings.name(), ms, metadata);
        }
        if (settings.expected() != null && !clean.contains(normalise(settings.expected()))) {
            return CheckOutcome.failure(ErrorCategory.DNS, "no answer equals "
                    + Text.clean(settings.expected(), 200), ms, metadata);
        }
        return CheckOutcome.success(ms, metadata);
    }

    /**
     * The comparable form of an answer or expected value: lower case without the root dot, and
     * IP addresses in their canonical text (RFC 5952 for IPv6), so {@code fd00::10} equals the
     * {@code fd00:0:0:0:0:0:0:10} the client reports.
     */
    private static String normalise(String value) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        byte[] address = NetUtil.createByteArrayFromIpAddressString(lower);
        if (address != null) {
            return canonical(address);
        }
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static String canonical(byte[] address) {
        try {
            // getByAddress on raw bytes never queries DNS.
            return NetUtil.toAddressString(InetAddress.getByAddress(address));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address length: " + address.length, e);
        }
    }

    /** A failed query is a DNS failure; a timeout and a blocked resolver keep their own. */
    private static Throwable dnsError(Throwable error) {
        if (error instanceof Destinations.BlockedException
                || Failures.categoryOf(error) == ErrorCategory.TIMEOUT) {
            return error;
        }
        if (isQueryTimeout(error)) {
            return new TimeoutException(error.getMessage());
        }
        return new UnknownHostException("DNS query failed: " + error.getMessage());
    }

    /** Vert.x reports an unanswered query as a plain VertxException, told apart by its text. */
    private static boolean isQueryTimeout(Throwable error) {
        return error instanceof VertxException && error.getMessage() != null
                && error.getMessage().startsWith("DNS query timeout");
    }
}
