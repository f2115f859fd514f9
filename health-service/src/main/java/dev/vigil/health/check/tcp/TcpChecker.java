package dev.vigil.health.check.tcp;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.health.check.Checker;
import dev.vigil.health.check.Destinations;
import dev.vigil.health.check.Failures;
import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.TargetKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SocketAddress;

/** Checks that a TCP port accepts a connection, with Vert.x's non-blocking client. */
@ApplicationScoped
public class TcpChecker implements Checker<TcpSettings> {

    private final Vertx vertx;
    private final Destinations destinations;

    TcpChecker(Vertx vertx, Destinations destinations) {
        this.vertx = vertx;
        this.destinations = destinations;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.TCP;
    }

    @Override
    public Class<TcpSettings> settingsType() {
        return TcpSettings.class;
    }

    @Override
    public Future<CheckOutcome> check(TcpSettings settings, int timeoutMs) {
        long start = System.nanoTime();
        // One client per check: the connect timeout is a client option.
        NetClient client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout(timeoutMs));
        return destinations.approve(settings.host())
                .compose(address -> client.connect(SocketAddress.inetSocketAddress(
                        settings.port(), address.getHostAddress())))
                .compose(socket -> socket.close())
                .map(done -> CheckOutcome.success(elapsedMs(start), Map.of()))
                .otherwise(error -> Failures.of(error, null, Map.of()))
                .eventually(() -> client.close());
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
