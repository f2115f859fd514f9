package dev.vigil.common.event;

import java.time.Instant;
import java.util.UUID;

import dev.vigil.common.StableApi;

/**
 * The envelope every Vigil event carries.
 *
 * <pre>{@code
 * VigilEvent event = codec.decode(bytes, HealthCheckCompleted.class);
 * log.infof("event=%s type=%s from=%s", event.eventId(), event.type(), event.source());
 * }</pre>
 */
@StableApi
public interface VigilEvent {

    /** Unique per event; readers record it to skip repeats. */
    UUID eventId();

    /** The event's simple name, for example {@code HealthCheckCompleted}. */
    String type();

    /** Bumped when a field is removed or changes meaning. */
    Integer schemaVersion();

    /** When the described change happened, UTC, millisecond precision. */
    Instant occurredAt();

    /** Name of the service that published the event. */
    String source();
}
