package dev.vigil.health.check.http;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.health.check.Failures;
import dev.vigil.health.check.Text;
import dev.vigil.health.config.HealthConfig;
import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.ErrorCategory;
import dev.vigil.health.safety.AddressResolver;
import dev.vigil.health.safety.OutboundPolicy;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * One HTTP check: resolves, checks and requests each hop, reads at most the body cap, and
 * completes exactly once, at the latest when its timeout fires (which also resets the request,
 * so nothing keeps reading after the check ended).
 */
final class HttpProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final HttpClient client;
    private final AddressResolver resolver;
    private final OutboundPolicy policy;
    private final HealthConfig.Http config;
    private final HttpSettings settings;
    private final int timeoutMs;
    private final Promise<CheckOutcome> result = Promise.promise();
    private final AtomicBoolean done = new AtomicBoolean();
    private final Map<String, Object> metadata = new ConcurrentHashMap<>();
    private final long startNanos = System.nanoTime();
    private volatile HttpClientRequest current;
    private long timer;

    HttpProbe(
            Vertx vertx,
            HttpClient client,
            AddressResolver resolver,
            OutboundPolicy policy,
            HealthConfig.Http config,
            HttpSettings settings,
            int timeoutMs) {
        this.vertx = vertx;
        this.client = client;
        this.resolver = resolver;
        this.policy = policy;
        this.config = config;
        this.settings = settings;
        this.timeoutMs = timeoutMs;
    }

    Future<CheckOutcome> run() {
        timer = vertx.setTimer(timeoutMs, id -> finish(CheckOutcome.failure(ErrorCategory.TIMEOUT,
                "no complete answer within " + timeoutMs + " ms", null, metadata)));
        hop(settings.parsedUri(), 0);
        return result.future();
    }

    private void hop(URI uri, int redirects) {
        metadata.put("finalUrl", Text.clean(uri.toString(), 2048));
        metadata.put("redirects", redirects);
        if (!OutboundPolicy.isHttpScheme(uri.getScheme()) || uri.getHost() == null) {
            fail(ErrorCategory.BLOCKED, "redirect to a URL that is not http(s)");
            return;
        }
        resolver.resolve(uri.getHost()).onComplete(resolved -> {
            if (resolved.failed()) {
                fail(ErrorCategory.DNS, "cannot resolve host " + uri.getHost());
                return;
            }
            String blocked = policy.blockedReason(resolved.result()).orElse(null);
            if (blocked != null) {
                // No connection is made, so no byte of the blocked destination can leak (BR-06).
                fail(ErrorCategory.BLOCKED, (redirects == 0 ? "destination not allowed: "
                        : "redirect to disallowed destination: ") + blocked);
                return;
            }
            send(uri, resolved.result(), redirects);
        });
    }

    private void send(URI uri, InetAddress address, int redirects) {
        if (done.get()) {
            return;
        }
        client.request(requestOptions(uri, address))
                .onFailure(this::failWith)
                .onSuccess(request -> {
                    current = request;
                    Future<HttpClientResponse> response = settings.body() == null
                            ? request.send()
                            : request.send(Buffer.buffer(settings.body()));
                    response.onFailure(this::failWith)
                            .onSuccess(answer -> onResponse(request, answer, uri, redirects));
                });
    }

    private RequestOptions requestOptions(URI uri, InetAddress address) {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : (https ? 443 : 80);
        String rawPath = uri.getRawPath();
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        // The host name stays the request's identity (Host, SNI, certificate name) while the
        // connection goes to the address the policy approved (BR-01, BR-06).
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(settings.method()))
                .setHost(uri.getHost())
                .setPort(port)
                .setSsl(https)
                .setURI(pathAndQuery)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setConnectTimeout(Math.max(1, remainingMs()))
                .setFollowRedirects(false);
        settings.headers().forEach(options::putHeader);
        return options;
    }

    private void onResponse(
            HttpClientRequest request,
            HttpClientResponse response,
            URI uri,
            int redirects) {
        long responseMs = elapsedMs();
        metadata.put("httpStatus", response.statusCode());
        recordCertificate(request, uri);
        String location = response.getHeader(HttpHeaders.LOCATION);
        if (isRedirect(response.statusCode()) && settings.followRedirects() && location != null) {
            // The redirect's body is never read; the reset that drops it is expected.
            response.exceptionHandler(ignored -> { });
            request.reset();
            followRedirect(uri, location, redirects);
            return;
        }
        readBody(request, response, responseMs);
    }

    private void followRedirect(URI from, String location, int redirects) {
        if (redirects + 1 > config.maxRedirects()) {
            fail(ErrorCategory.STATUS, "too many redirects (more than " + config.maxRedirects()
                    + ")");
            return;
        }
        URI next;
        try {
            next = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            fail(ErrorCategory.STATUS, "redirect to an unreadable Location");
            return;
        }
        hop(next, redirects + 1);
    }

    private void readBody(HttpClientRequest request, HttpClientResponse response, long ms) {
        int cap = settings.maxBodyBytes() == null ? config.maxBodyBytes() : settings.maxBodyBytes();
        Buffer body = Buffer.buffer();
        AtomicBoolean truncated = new AtomicBoolean();
        response.handler(chunk -> {
            if (truncated.get()) {
                return;
            }
            int room = cap - body.length();
            body.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
            if (body.length() >= cap) {
                // The rest is never read: the stream is reset (BR-07).
                truncated.set(true);
                request.reset();
                evaluate(response, body, true, ms);
            }
        });
        response.exceptionHandler(error -> {
            if (!truncated.get()) {
                failWith(error);
            }
        });
        response.endHandler(end -> evaluate(response, body, false, ms));
    }

    private void evaluate(HttpClientResponse response, Buffer body, boolean truncated, long ms) {
        metadata.put("bodyBytesRead", body.length());
        metadata.put("bodyTruncated", truncated);
        Charset charset = charsetOf(response.getHeader(HttpHeaders.CONTENT_TYPE));
        String failure = certificateFailure();
        if (failure != null) {
            fail(ErrorCategory.TLS, failure, ms);
        } else if (!settings.accepts(response.statusCode())) {
            failWithSnippet(ErrorCategory.STATUS, "unexpected status " + response.statusCode(),
                    body, charset, ms);
        } else if ((failure = bodyFailure(body, charset, truncated)) != null) {
            failWithSnippet(ErrorCategory.BODY, failure, body, charset, ms);
        } else {
            finish(CheckOutcome.success(ms, metadata));
        }
    }

    private String bodyFailure(Buffer body, Charset charset, boolean truncated) {
        String within = truncated ? " in the first " + body.length() + " bytes" : "";
        if (settings.bodyContains() != null
                && !body.toString(charset).contains(settings.bodyContains())) {
            return "body does not contain the expected text" + within;
        }
        if (settings.jsonPointer() == null) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(body.getBytes()).at(settings.jsonPointer());
        } catch (Exception e) {
            return "body is not JSON" + within;
        }
        if (node.isMissingNode()) {
            return "no value at " + settings.jsonPointer();
        }
        if (settings.jsonValue() != null && !settings.jsonValue().equals(node.asText())) {
            return "value at " + settings.jsonPointer() + " is "
                    + Text.clean(node.asText(), 100) + ", expected " + settings.jsonValue();
        }
        return null;
    }

    private void recordCertificate(HttpClientRequest request, URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return;
        }
        try {
            List<Certificate> chain = request.connection().peerCertificates();
            if (!chain.isEmpty() && chain.get(0) instanceof X509Certificate leaf) {
                Instant notAfter = leaf.getNotAfter().toInstant();
                long seconds = Duration.between(Instant.now(), notAfter).getSeconds();
                // The figure belongs to the host that presented it, not the configured one.
                metadata.put("certHost", uri.getHost());
                metadata.put("certExpiresAt", notAfter.toString());
                metadata.put("certDaysLeft", Math.floorDiv(seconds, 86_400L));
            }
        } catch (Exception e) {
            metadata.remove("certDaysLeft");
        }
    }

    private String certificateFailure() {
        Object days = metadata.get("certDaysLeft");
        if (!(days instanceof Long left) || left >= settings.certMinDaysLeft()) {
            return null;
        }
        String host = String.valueOf(metadata.get("certHost"));
        return left < 0
                ? "certificate of " + host + " expired"
                : "certificate of " + host + " expires in " + left + " days";
    }

    private void failWithSnippet(
            ErrorCategory category,
            String message,
            Buffer body,
            Charset charset,
            long ms) {
        byte[] bytes = body.getBytes();
        metadata.put("snippet", Text.decode(bytes, bytes.length, charset, config.snippetChars()));
        fail(category, message, ms);
    }

    private void fail(ErrorCategory category, String message) {
        fail(category, message, null);
    }

    private void fail(ErrorCategory category, String message, Long ms) {
        finish(CheckOutcome.failure(category, Text.clean(message, 500), ms, metadata));
    }

    private void failWith(Throwable error) {
        finish(Failures.of(error, null, metadata));
    }

    private void finish(CheckOutcome outcome) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        vertx.cancelTimer(timer);
        HttpClientRequest request = current;
        if (request != null && outcome.category() == ErrorCategory.TIMEOUT) {
            request.reset();
        }
        result.complete(outcome);
    }

    private long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private long remainingMs() {
        return timeoutMs - elapsedMs();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static Charset charsetOf(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        for (String part : contentType.split(";")) {
            String trimmed = part.trim();
            if (trimmed.regionMatches(true, 0, "charset=", 0, 8)) {
                try {
                    return Charset.forName(trimmed.substring(8).replace("\"", "").trim());
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
