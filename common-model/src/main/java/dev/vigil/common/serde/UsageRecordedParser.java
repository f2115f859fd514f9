package dev.vigil.common.serde;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;

import dev.vigil.common.event.UsageRecorded;

/**
 * Reads {@code UsageRecorded} events as producers write them, token by token with the event
 * mapper's own JSON parser, without data binding: binding one event cost about as much as the
 * rest of the consumer's work on it. It takes only plain values of the expected JSON type
 * (text for text, whole numbers in range, true or false), each field at most once, and
 * instants in the wire shape; for anything else it answers null and the event goes through
 * the full mapper, so what is accepted, refused and dead-lettered stays exactly as before.
 */
public final class UsageRecordedParser {

    private static final JsonFactory JSON = EventJson.mapper().getFactory();

    private UsageRecordedParser() {
    }

    /** The event, or null when the full mapper has to read these bytes. */
    public static UsageRecorded parseOrNull(byte[] bytes) {
        try (JsonParser parser = JSON.createParser(bytes)) {
            return parse(parser);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static UsageRecorded parse(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        UsageFields fields = new UsageFields();
        JsonToken token = parser.nextToken();
        while (token == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (!fields.read(name, parser)) {
                return null;
            }
            token = parser.nextToken();
        }
        return token == JsonToken.END_OBJECT ? fields.toEventOrNull() : null;
    }

    /** Reads one plain value; null when the value is not of the expected kind. */
    @FunctionalInterface
    private interface ValueReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    /** The values read so far, and whether one of them sends the event to the full mapper. */
    private static final class UsageFields {

        /** One bit per field, in record order; optional fields are 10, 12, 13 and 14. */
        private static final int REQUIRED = 0b000_1011_1111_1111;

        private int seen;
        private boolean refused;
        private UUID eventId;
        private String type;
        private Integer schemaVersion;
        private Instant occurredAt;
        private String source;
        private String requestId;
        private String service;
        private String endpoint;
        private String method;
        private Integer status;
        private Long responseTimeMs;
        private Boolean success;
        private String errorType;
        private String errorMessage;
        private String userId;

        /** Reads the value the parser is on; false when the full mapper must decide. */
        boolean read(String name, JsonParser p) throws IOException {
            switch (name) {
                case "eventId" -> eventId = required(0, p, UsageRecordedParser::uuid);
                case "type" -> type = required(1, p, UsageRecordedParser::text);
                case "schemaVersion" ->
                        schemaVersion = required(2, p, UsageRecordedParser::integer);
                case "occurredAt" -> occurredAt = required(3, p, UsageRecordedParser::instant);
                case "source" -> source = required(4, p, UsageRecordedParser::text);
                case "requestId" -> requestId = required(5, p, UsageRecordedParser::text);
                case "service" -> service = required(6, p, UsageRecordedParser::text);
                case "endpoint" -> endpoint = required(7, p, UsageRecordedParser::text);
                case "method" -> method = required(8, p, UsageRecordedParser::text);
                case "status" -> status = required(9, p, UsageRecordedParser::integer);
                case "responseTimeMs" ->
                        responseTimeMs = optional(10, p, UsageRecordedParser::wholeNumber);
                case "success" -> success = required(11, p, UsageRecordedParser::bool);
                case "errorType" -> errorType = optional(12, p, UsageRecordedParser::text);
                case "errorMessage" -> errorMessage = optional(13, p, UsageRecordedParser::text);
                case "userId" -> userId = optional(14, p, UsageRecordedParser::text);
                // The mapper ignores unknown fields too, whatever their value.
                default -> p.skipChildren();
            }
            return !refused;
        }

        /** The event when every required field came as a plain value, else null. */
        UsageRecorded toEventOrNull() {
            if (refused || (seen & REQUIRED) != REQUIRED || !UsageRecorded.TYPE.equals(type)) {
                return null;
            }
            return new UsageRecorded(eventId, type, schemaVersion, occurredAt, source,
                    requestId, service, endpoint, method, status, responseTimeMs, success,
                    errorType, errorMessage, userId);
        }

        private <T> T required(int field, JsonParser p, ValueReader<T> reader)
                throws IOException {
            markSeen(field);
            T value = reader.read(p);
            refused |= value == null;
            return value;
        }

        private <T> T optional(int field, JsonParser p, ValueReader<T> reader)
                throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NULL) {
                return required(field, p, reader);
            }
            markSeen(field);
            return null;
        }

        private void markSeen(int field) {
            // A field given twice is left to the mapper, which keeps the last one.
            int bit = 1 << field;
            refused |= (seen & bit) != 0;
            seen |= bit;
        }
    }

    /** Text the event mapper would take unchanged, or null. */
    private static String text(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return null;
        }
        String value = p.getText();
        return StorableStringDeserializer.problemOf(value) == null ? value : null;
    }

    private static Integer integer(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
                || p.getNumberType() != NumberType.INT) {
            return null;
        }
        return p.getIntValue();
    }

    private static Long wholeNumber(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
                || p.getNumberType() == NumberType.BIG_INTEGER) {
            return null;
        }
        return p.getLongValue();
    }

    private static Boolean bool(JsonParser p) {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
        }
        return token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }

    private static Instant instant(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_STRING ? WireInstants.parseOrNull(p.getText())
                : null;
    }

    /** Only the canonical 36-character form, which the mapper reads to the same UUID. */
    private static UUID uuid(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return null;
        }
        String text = p.getText();
        return text.length() == UuidText.LENGTH && UuidText.isAt(text, 0) ? UUID.fromString(text)
                : null;
    }
}
