package dev.vigil.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A real HTTP server on loopback that records every request and answers as a test scripts it:
 * a webhook receiver, or a target whose answers change from one check to the next.
 *
 * <pre>{@code
 * try (HttpReceiver receiver = HttpReceiver.start()) {
 *     receiver.respondWith(req -> new Reply(503, "down"));
 *     ... receiver.requests() ...
 * }
 * }</pre>
 */
public final class HttpReceiver implements AutoCloseable {

    /** One recorded request. */
    public record Received(String method, String path, Map<String, String> headers, String body) {
    }

    /** The answer to give: status, body and an optional delay. */
    public record Reply(int status, String body, Duration delay) {
        public Reply(int status, String body) {
            this(status, body, Duration.ZERO);
        }
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final List<Received> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Reply> responder = request -> new Reply(200, "ok");

    private HttpReceiver(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts a receiver on a free loopback port. */
    public static HttpReceiver start() {
        Vertx vertx = Vertx.vertx();
        HttpReceiver[] holder = new HttpReceiver[1];
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> holder[0].handle(request));
        holder[0] = new HttpReceiver(vertx, server);
        await(server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture());
        return holder[0];
    }

    /** Sets how every following request is answered. */
    public void respondWith(Function<Received, Reply> responder) {
        this.responder = responder;
    }

    /** The URL of a path on this server. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public int port() {
        return server.actualPort();
    }

    /** The requests received so far, oldest first. */
    public List<Received> requests() {
        return List.copyOf(requests);
    }

    public void clear() {
        requests.clear();
    }

    @Override
    public void close() {
        await(vertx.close().toCompletionStage().toCompletableFuture());
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            request.headers().forEach(entry -> headers.put(entry.getKey(), entry.getValue()));
            Received received = new Received(request.method().name(), request.uri(), headers,
                    buffer.toString());
            requests.add(received);
            Reply reply = responder.apply(received);
            Runnable answer = () -> request.response().setStatusCode(reply.status())
                    .end(reply.body() == null ? "" : reply.body());
            if (reply.delay().isZero()) {
                answer.run();
            } else {
                vertx.setTimer(reply.delay().toMillis(), id -> answer.run());
            }
        });
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("loopback server did not start or stop", e);
        }
    }
}
