package dev.vigil.common.serde;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

/**
 * Reads a string and refuses one with a NUL character: Postgres text cannot hold one, so it
 * would fail a statement after the value was accepted. Events and APIs use it alike.
 */
public final class NulFreeStringDeserializer extends StdScalarDeserializer<String> {

    public NulFreeStringDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
            throws IOException {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (value != null && value.indexOf('\0') >= 0) {
            throw new RefusedValueException(parser, "must not contain NUL characters",
                    String.class);
        }
        return value;
    }
}
