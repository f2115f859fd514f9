package dev.vigil.common.serde;

import org.apache.kafka.common.serialization.Serializer;

import dev.vigil.common.StableApi;
import dev.vigil.common.event.VigilEvent;

/**
 * Kafka value serializer for every Vigil event.
 *
 * <pre>{@code
 * props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, EventSerializer.class.getName());
 * }</pre>
 */
@StableApi
public class EventSerializer implements Serializer<VigilEvent> {

    @Override
    public byte[] serialize(String topic, VigilEvent event) {
        return event == null ? null : EventCodec.encode(event);
    }
}
