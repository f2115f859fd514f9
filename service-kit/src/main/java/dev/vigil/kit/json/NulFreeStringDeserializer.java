package dev.vigil.kit.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

/**
 * Refuses a string holding a NUL character: Postgres cannot store one in text, so it would
 * otherwise fail the statement with a 500 after the request was accepted.
 */
final class NulFreeStringDeserializer extends StdScalarDeserializer<String> {

    NulFreeStringDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
            throws IOException {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (value != null && value.indexOf('\0') >= 0) {
            throw new RejectedValueException(parser, "must not contain NUL characters",
                    String.class);
        }
        return value;
    }
}
