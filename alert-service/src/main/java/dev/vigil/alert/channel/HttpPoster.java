package dev.vigil.alert.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.alert.config.AlertConfig;
import dev.vigil.alert.model.Channel;
import dev.vigil.alert.model.Notification;

/**
 * Posts JSON to a channel's URL with the JDK HTTP client, adding the idempotency headers
 * receivers use to drop repeats of a retried delivery.
 */
@ApplicationScoped
public class HttpPoster {

    /** Carries {@code <alertId>:<event>}; the same on every retry of one notification. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String ALERT_ID = "X-Vigil-Alert-Id";

    private final AlertConfig config;
    private final ObjectMapper json;
    private final HttpClient client;

    HttpPoster(AlertConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.delivery().timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Posts the payload as JSON and returns the status; a non-2xx answer or a network failure
     * throws. The payload is written here rather than sent as stored: jsonb reorders keys and
     * adds spaces.
     */
    public int post(Channel channel, Notification notification, Object payload,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(channel))
                .timeout(config.delivery().timeout())
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_KEY, idempotencyKey(notification))
                .header(ALERT_ID, notification.alertId().toString())
                .POST(HttpRequest.BodyPublishers.ofString(write(payload)));
        headers.forEach(request::header);
        int status = send(channel, request.build());
        if (status < 200 || status >= 300) {
            throw new DeliveryException("receiver answered HTTP " + status, status);
        }
        return status;
    }

    private String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification payload cannot be written", e);
        }
    }

    /** The key without the channel suffix: the alert id and the announced transition. */
    private static String idempotencyKey(Notification notification) {
        String key = notification.idempotencyKey();
        int at = key.lastIndexOf('@');
        return at < 0 ? key : key.substring(0, at);
    }

    private int send(Channel channel, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            throw new DeliveryException("no answer within " + config.delivery().timeout(), null);
        } catch (IOException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            throw new DeliveryException(Secrets.redact(reason, channel), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", null);
        }
    }

    private static URI uri(Channel channel) {
        try {
            return URI.create(channel.url());
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("channel URL is not a valid URI", null);
        }
    }
}
