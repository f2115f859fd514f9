package dev.vigil.common.serde;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

/**
 * Reads an ISO-8601 instant and refuses one outside {@link EventJson#EARLIEST} to
 * {@link EventJson#LATEST}, the years every Vigil service can store.
 */
public final class BoundedInstantDeserializer extends StdScalarDeserializer<Instant> {

    public BoundedInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context)
            throws IOException {
        Instant value = InstantDeserializer.INSTANT.deserialize(parser, context);
        if (value != null && !EventJson.inRange(value)) {
            throw new RefusedValueException(parser, "must be between " + EventJson.EARLIEST
                    + " and " + EventJson.LATEST, Instant.class);
        }
        return value;
    }
}
