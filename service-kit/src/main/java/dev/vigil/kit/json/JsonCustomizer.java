package dev.vigil.kit.json;

import java.io.IOException;
import java.time.Instant;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import dev.vigil.common.serde.BoundedInstantDeserializer;
import dev.vigil.common.serde.StorableStringDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Makes API JSON strict. Out: instants as ISO-8601 UTC text, and a non-finite number written
 * as {@code null}, because {@code NaN} and {@code Infinity} are not JSON and break strict
 * parsers. In: a fraction for a whole-number field is refused rather than cut off, and
 * text Postgres would refuse or change (NUL, a lone surrogate) and instants outside years 1
 * to 9999 are refused by field, with the contract's own deserializers.
 */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("vigil-api");
        module.addSerializer(Double.class, new FiniteDoubleSerializer());
        module.addSerializer(Double.TYPE, new FiniteDoubleSerializer());
        module.addDeserializer(String.class, new StorableStringDeserializer());
        module.addDeserializer(Instant.class, new BoundedInstantDeserializer());
        mapper.registerModule(module);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    private static final class FiniteDoubleSerializer extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            if (value == null || value.isNaN() || value.isInfinite()) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }
}
