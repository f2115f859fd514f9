package dev.vigil.metrics.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vigil.common.event.EventMeta;
import dev.vigil.common.event.UsageRecorded;
import dev.vigil.common.serde.StorableStringDeserializer;
import dev.vigil.kit.time.StorableInstants;
import dev.vigil.metrics.model.Outcome;
import dev.vigil.metrics.model.RequestRecord;
import dev.vigil.metrics.model.Routes;

/**
 * Checks reported requests, from JSON or from events, and turns them into records. Every rule
 * lives here so the API, the consumer and the log import accept exactly the same records.
 */
@ApplicationScoped
public class UsageValidator {

    static final int MAX_ID = 200;
    static final int MAX_ENDPOINT = 2048;
    static final int MAX_METHOD = 16;
    static final int MAX_MESSAGE = 2000;
    static final long MAX_RESPONSE_TIME_MS = 86_400_000L;

    /** A record from one element of a JSON batch. */
    public RequestRecord fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException("record", "must be a JSON object");
        }
        return toRecord(
                text(node, "requestId"),
                instant(node, "occurredAt"),
                text(node, "service"),
                text(node, "endpoint"),
                text(node, "method"),
                integer(node, "status"),
                integer(node, "responseTimeMs"),
                bool(node, "success"),
                text(node, "errorType"),
                text(node, "errorMessage"),
                text(node, "userId"));
    }

    /** A record from a decoded event. */
    public RequestRecord fromEvent(UsageRecorded event) {
        return toRecord(event.requestId(), event.occurredAt(), event.service(), event.endpoint(),
                event.method(), event.status() == null ? null : event.status().longValue(),
                event.responseTimeMs(), event.success(), event.errorType(),
                event.errorMessage(), event.userId());
    }

    /** Checks the values and builds the record; the route and outcome are derived here. */
    public RequestRecord toRecord(
            String requestId,
            Instant occurredAt,
            String service,
            String endpoint,
            String method,
            Long status,
            Long responseTimeMs,
            Boolean success,
            String errorType,
            String errorMessage,
            String userId) {
        String id = required("requestId", requestId, MAX_ID);
        Instant at = EventMeta.millis(storable(require("occurredAt", occurredAt)));
        String serviceName = required("service", service, MAX_ID);
        String url = required("endpoint", endpoint, MAX_ENDPOINT);
        String verb = required("method", method, MAX_METHOD);
        int code = status(status);
        Long time = responseTime(responseTimeMs);
        Boolean ok = require("success", success);
        String error = optional("errorType", errorType, MAX_ID);
        String message = truncate(optional("errorMessage", errorMessage, Integer.MAX_VALUE));
        String user = optional("userId", userId, MAX_ID);
        return new RequestRecord(id, at, serviceName, Routes.normalize(url), url, verb, code,
                time, Outcome.of(code, ok, error), error, message, user);
    }

    private static Instant storable(Instant at) {
        // ISO-8601 allows years the database cannot store; one such record would otherwise
        // fail its whole batch (and stop the consumer on it).
        if (!StorableInstants.isStorable(at)) {
            throw new InvalidRecordException("occurredAt", "must be between "
                    + StorableInstants.MIN + " and " + StorableInstants.MAX);
        }
        return at;
    }

    private static int status(Long status) {
        long code = require("status", status);
        // 0 stands for "no response": the request failed before a status was sent.
        if (code < 0 || code > 599) {
            throw new InvalidRecordException("status", "must be between 0 and 599");
        }
        return (int) code;
    }

    private static Long responseTime(Long ms) {
        if (ms != null && (ms < 0 || ms > MAX_RESPONSE_TIME_MS)) {
            throw new InvalidRecordException("responseTimeMs",
                    "must be between 0 and " + MAX_RESPONSE_TIME_MS);
        }
        return ms;
    }

    private static <T> T require(String field, T value) {
        if (value == null) {
            throw new InvalidRecordException(field, "is required");
        }
        return value;
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidRecordException(field, "is required and must not be blank");
        }
        return checked(field, value, max);
    }

    private static String optional(String field, String value, int max) {
        return value == null || value.isBlank() ? null : checked(field, value, max);
    }

    private static String checked(String field, String value, int max) {
        if (value.length() > max) {
            throw new InvalidRecordException(field, "must be at most " + max + " characters");
        }
        // Text Postgres cannot hold as given (NUL, a lone surrogate) is refused here, so one
        // record never fails a batch or is stored changed.
        String problem = StorableStringDeserializer.problemOf(value);
        if (problem != null) {
            throw new InvalidRecordException(field, problem);
        }
        return value;
    }

    private static String truncate(String message) {
        return message == null || message.length() <= MAX_MESSAGE
                ? message
                : message.substring(0, MAX_MESSAGE);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRecordException(field, "must be a string");
        }
        return value.textValue();
    }

    private static Long integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidRecordException(field, "must be an integer");
        }
        return value.longValue();
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new InvalidRecordException(field, "must be true or false");
        }
        return value.booleanValue();
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(field,
                    "must be an ISO-8601 instant with offset, e.g. 2024-05-01T10:00:00Z");
        }
    }
}
