package dev.vigil.common.serde;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads a value with Jackson's own reader for its type, then refuses it when Vigil cannot
 * store it as given; the refusal is a {@link RefusedValueException} naming the field.
 */
abstract class RefusingDeserializer<T> extends StdScalarDeserializer<T> {

    private final JsonDeserializer<T> reader;

    RefusingDeserializer(Class<T> type, JsonDeserializer<T> reader) {
        super(type);
        this.reader = reader;
    }

    /** Why the value cannot be taken, or null when it can. */
    abstract String refusal(T value);

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        T value = reader.deserialize(parser, context);
        String refusal = value == null ? null : refusal(value);
        if (refusal != null) {
            throw new RefusedValueException(parser, refusal, handledType());
        }
        return value;
    }
}
