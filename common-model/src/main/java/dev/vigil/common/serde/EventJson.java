package dev.vigil.common.serde;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON shape of events on the wire: ISO-8601 UTC instants with millis, unknown fields ignored.
 * Instants lie in years 1 to 9999 and text holds no NUL character: JSON allows more, but no
 * Vigil service can store more in Postgres, and an event one reader cannot store would hold
 * its partition, so it is refused as unreadable (and dead-lettered) by every reader instead.
 *
 * <pre>{@code
 * ObjectMapper mapper = EventJson.mapper();
 * String json = mapper.writeValueAsString(event); // "occurredAt":"2024-05-01T10:00:00.000Z"
 * }</pre>
 */
public final class EventJson {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The earliest instant an event or an API may carry. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant an event or an API may carry. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("vigil-instants")
                    .addSerializer(Instant.class, new MillisInstantSerializer())
                    .addDeserializer(Instant.class, new BoundedInstantDeserializer())
                    .addDeserializer(String.class, new StorableStringDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private EventJson() {
    }

    /** The shared, thread-safe mapper; callers must not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Whether the instant lies within {@link #EARLIEST} and {@link #LATEST}. */
    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** Formats an instant the way every event carries it. */
    public static String format(Instant instant) {
        return MILLIS.format(instant);
    }

    /** Writes instants with exactly three fraction digits, so consumers parse one shape. */
    private static final class MillisInstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            gen.writeString(format(value));
        }
    }
}
