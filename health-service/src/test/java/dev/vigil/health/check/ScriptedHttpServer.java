package dev.vigil.health.check;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * A real loopback HTTP(S) server whose answer per path a test scripts with full control of the
 * response: headers, streamed and endless bodies, raw bytes, redirects.
 */
public final class ScriptedHttpServer implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;
    private final Map<String, Consumer<HttpServerRequest>> routes = new ConcurrentHashMap<>();

    private ScriptedHttpServer(Vertx vertx, HttpServerOptions options) {
        this.vertx = vertx;
        this.server = vertx.createHttpServer(options).requestHandler(this::handle);
        join(server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture());
    }

    public static ScriptedHttpServer start() {
        return new ScriptedHttpServer(Vertx.vertx(), new HttpServerOptions());
    }

    public static ScriptedHttpServer start(HttpServerOptions options) {
        return new ScriptedHttpServer(Vertx.vertx(), options);
    }

    /** Scripts the answer to a path. */
    public ScriptedHttpServer on(String path, Consumer<HttpServerRequest> answer) {
        routes.put(path, answer);
        return this;
    }

    public Vertx vertx() {
        return vertx;
    }

    public int port() {
        return server.actualPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() {
        join(vertx.close().toCompletionStage().toCompletableFuture());
    }

    private void handle(HttpServerRequest request) {
        routes.getOrDefault(request.path(), r -> r.response().setStatusCode(404).end())
                .accept(request);
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("loopback server did not start or stop", e);
        }
    }
}
