package dev.vigil.testsupport;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * A loopback TCP proxy in front of a real server (Postgres, say) that a test can cut off.
 *
 * <p>{@link Mode#REFUSE} closes every connection at once, like a stopped server;
 * {@link Mode#BLACKHOLE} accepts connections and never answers, like dropped packets
 * (field case BR-04). Either way existing connections are dropped.
 */
public final class TcpProxy implements AutoCloseable {

    /** How the proxy treats connections. */
    public enum Mode { FORWARD, REFUSE, BLACKHOLE }

    private final Vertx vertx;
    private final NetServer server;
    private final List<NetSocket> open = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.FORWARD;

    private TcpProxy(Vertx vertx, NetServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts a proxy on a free loopback port forwarding to host:port. */
    public static TcpProxy start(String host, int port) {
        Vertx vertx = Vertx.vertx();
        TcpProxy[] holder = new TcpProxy[1];
        NetServer server = vertx.createNetServer()
                .connectHandler(socket -> holder[0].accept(socket, host, port));
        holder[0] = new TcpProxy(vertx, server);
        await(server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture());
        return holder[0];
    }

    public int port() {
        return server.actualPort();
    }

    /** Changes the mode; leaving FORWARD drops every open connection. */
    public void mode(Mode mode) {
        this.mode = mode;
        if (mode != Mode.FORWARD) {
            open.forEach(NetSocket::close);
            open.clear();
        }
    }

    @Override
    public void close() {
        await(vertx.close().toCompletionStage().toCompletableFuture());
    }

    private void accept(NetSocket client, String host, int port) {
        switch (mode) {
            case REFUSE -> client.close();
            case BLACKHOLE -> {
                client.pause();
                open.add(client);
            }
            default -> forward(client, host, port);
        }
    }

    private void forward(NetSocket client, String host, int port) {
        client.pause();
        open.add(client);
        vertx.createNetClient().connect(port, host).onComplete(result -> {
            if (result.failed()) {
                client.close();
                return;
            }
            NetSocket upstream = result.result();
            open.add(upstream);
            client.pipeTo(upstream);
            upstream.pipeTo(client);
            client.resume();
        });
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("proxy did not start or stop", e);
        }
    }
}
