package dev.vigil.common.serde;

import java.time.Instant;

import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

/**
 * Reads an ISO-8601 instant and refuses one outside {@link EventJson#EARLIEST} to
 * {@link EventJson#LATEST}, the years every Vigil service can store.
 */
public final class BoundedInstantDeserializer extends RefusingDeserializer<Instant> {

    public BoundedInstantDeserializer() {
        super(Instant.class, InstantDeserializer.INSTANT);
    }

    @Override
    String refusal(Instant value) {
        return EventJson.inRange(value) ? null
                : "must be between " + EventJson.EARLIEST + " and " + EventJson.LATEST;
    }
}
