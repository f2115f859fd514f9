package dev.vigil.kit.json;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import dev.vigil.kit.time.StorableInstants;

/** Reads an ISO-8601 instant and refuses one the database could not store. */
final class StorableInstantDeserializer extends StdScalarDeserializer<Instant> {

    StorableInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context)
            throws IOException {
        Instant value = InstantDeserializer.INSTANT.deserialize(parser, context);
        if (value != null && !StorableInstants.isStorable(value)) {
            throw new RejectedValueException(parser, "must be between " + StorableInstants.MIN
                    + " and " + StorableInstants.MAX, Instant.class);
        }
        return value;
    }
}
