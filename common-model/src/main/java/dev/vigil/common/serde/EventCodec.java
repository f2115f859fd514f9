package dev.vigil.common.serde;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.common.StableApi;
import dev.vigil.common.event.AlertResolved;
import dev.vigil.common.event.AlertTriggered;
import dev.vigil.common.event.HealthCheckCompleted;
import dev.vigil.common.event.Optional;
import dev.vigil.common.event.QuotaThresholdCrossed;
import dev.vigil.common.event.UsageRecorded;
import dev.vigil.common.event.VigilEvent;

/**
 * Turns events into JSON bytes and back, refusing anything that is not a complete event.
 *
 * <pre>{@code
 * byte[] bytes = EventCodec.encode(event);
 * HealthCheckCompleted back = EventCodec.decode(bytes, HealthCheckCompleted.class);
 * }</pre>
 */
@StableApi
public final class EventCodec {

    private static final ObjectMapper MAPPER = EventJson.mapper();
    private static final Map<Class<?>, String> TYPES = new ConcurrentHashMap<>();
    // Reflecting over a record's components costs more than parsing the event; readers decode
    // tens of thousands of events a second.
    private static final Map<Class<?>, List<RecordComponent>> REQUIRED =
            new ConcurrentHashMap<>();
    private static final Map<String, Class<? extends VigilEvent>> CLASSES = Map.of(
            HealthCheckCompleted.TYPE, HealthCheckCompleted.class,
            AlertTriggered.TYPE, AlertTriggered.class,
            AlertResolved.TYPE, AlertResolved.class,
            UsageRecorded.TYPE, UsageRecorded.class,
            QuotaThresholdCrossed.TYPE, QuotaThresholdCrossed.class);

    private EventCodec() {
    }

    /** The event as UTF-8 JSON. */
    public static byte[] encode(VigilEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written: " + event.type(), e);
        }
    }

    /**
     * Reads one event of the given type.
     *
     * @throws InvalidEventException when the bytes are not JSON, name another type or miss a
     *     required field; the message says which
     */
    public static <T extends VigilEvent> T decode(byte[] bytes, Class<T> type) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException("empty message");
        }
        // Usage events come by the hundred thousand a second; most in the exact shape
        // producers write, which the token parser reads for a fraction of a tree's cost.
        if (type == UsageRecorded.class) {
            UsageRecorded usage = UsageRecordedParser.parseOrNull(bytes);
            if (usage != null) {
                return type.cast(usage);
            }
        }
        return decodeTree(bytes, type);
    }

    /** The general path, for every shape and type: a JSON tree, checked, then bound. */
    static <T extends VigilEvent> T decodeTree(byte[] bytes, Class<T> type) {
        JsonNode tree = readTree(bytes);
        checkType(tree, type);
        T event = convert(tree, type);
        requireFields(event, type);
        return event;
    }

    /**
     * Reads an event of any known type, chosen by its {@code type} field; for topics that carry
     * more than one type, such as {@code vigil.alerts}.
     */
    public static VigilEvent decodeAny(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException("empty message");
        }
        JsonNode tree = readTree(bytes);
        JsonNode type = tree.get("type");
        Class<? extends VigilEvent> eventClass = type == null ? null : CLASSES.get(type.asText());
        if (eventClass == null) {
            throw new InvalidEventException("field 'type' names no known event: " + type);
        }
        VigilEvent event = convert(tree, eventClass);
        requireFields(event, eventClass);
        return event;
    }

    /** The {@code type} value events of this class carry, read from its TYPE constant. */
    public static String typeName(Class<? extends VigilEvent> type) {
        return TYPES.computeIfAbsent(type, EventCodec::readTypeConstant);
    }

    private static JsonNode readTree(byte[] bytes) {
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw new InvalidEventException("not a JSON object");
            }
            return tree;
        } catch (IOException e) {
            throw new InvalidEventException("not valid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    private static void checkType(JsonNode tree, Class<? extends VigilEvent> type) {
        JsonNode actual = tree.get("type");
        if (actual == null || actual.isNull()) {
            throw new InvalidEventException("missing required field 'type'");
        }
        String expected = typeName(type);
        if (!expected.equals(actual.asText())) {
            throw new InvalidEventException(
                    "field 'type' is '" + actual.asText() + "', expected '" + expected + "'");
        }
    }

    private static <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (RefusedValueException e) {
            throw new InvalidEventException("field '" + fieldOf(e) + "' "
                    + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(
                    "unreadable field: " + firstLine(e.getOriginalMessage()), e);
        }
    }

    private static String fieldOf(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        return path.isEmpty() ? "?" : path.get(path.size() - 1).getFieldName();
    }

    private static void requireFields(Object event, Class<?> type) {
        for (RecordComponent component : REQUIRED.computeIfAbsent(type, EventCodec::required)) {
            if (valueOf(component, event) == null) {
                throw new InvalidEventException(
                        "missing required field '" + component.getName() + "'");
            }
        }
    }

    /** The components without {@code @Optional}: found once per type, not per event. */
    private static List<RecordComponent> required(Class<?> type) {
        return Arrays.stream(type.getRecordComponents())
                .filter(component -> !component.isAnnotationPresent(Optional.class))
                .toList();
    }

    private static Object valueOf(RecordComponent component, Object event) {
        try {
            return component.getAccessor().invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }

    private static String readTypeConstant(Class<?> type) {
        try {
            return (String) type.getField("TYPE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + " has no TYPE constant", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
