package dev.vigil.common.serde;

import org.apache.kafka.common.serialization.Deserializer;

import dev.vigil.common.StableApi;
import dev.vigil.common.event.VigilEvent;

/**
 * Kafka value deserializer for one event type, for subscribers outside Vigil.
 *
 * <p>It throws {@link InvalidEventException} on a bad record; Vigil's own consumers read raw
 * bytes instead so they can dead-letter the record and carry on.
 *
 * <pre>{@code
 * Deserializer<AlertTriggered> values = new EventDeserializer<>(AlertTriggered.class);
 * }</pre>
 */
@StableApi
public class EventDeserializer<T extends VigilEvent> implements Deserializer<T> {

    private final Class<T> type;

    public EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : EventCodec.decode(data, type);
    }
}
