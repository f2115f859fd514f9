package dev.vigil.quota.config;

import java.io.IOException;
import java.time.Instant;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import dev.vigil.common.serde.EventJson;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Writes API instants with millis, as the contract requires. The kit's customizer registers
 * the same rule at default priority, but Quarkus registers the JavaTimeModule after it and
 * that module's Instant serializer wins; this one runs last, under its own module name.
 */
@Singleton
public class LateJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("quota-api-instants")
                .addSerializer(Instant.class, new MillisInstantSerializer()));
    }

    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    private static final class MillisInstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeString(EventJson.format(value));
        }
    }
}
