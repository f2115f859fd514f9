package dev.vigil.alert.model;

import java.time.Instant;
import java.util.UUID;

/** One attempt to deliver one notification of an alert to one channel. */
public record DeliveryAttempt(
        UUID channelId,
        String channelName,
        String kind,
        int attempt,
        Instant at,
        String outcome,
        Integer statusCode,
        String error,
        long durationMs) {
}
