package dev.vigil.kit.json;

import dev.vigil.common.event.AlertResolved;
import dev.vigil.common.event.AlertTriggered;
import dev.vigil.common.event.EventMeta;
import dev.vigil.common.event.HealthCheckCompleted;
import dev.vigil.common.event.QuotaThresholdCrossed;
import dev.vigil.common.event.UsageRecorded;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers the event records for reflection in a native image (the {@code native} profile).
 *
 * <p>Why: events are written and read by {@code EventJson} and {@code EventCodec} through
 * Jackson and record components, which a native image only keeps for registered classes;
 * REST types are registered by Quarkus itself, but these travel through the outbox and Kafka as
 * bytes, so no endpoint signature names them. A new event type is added here too.
 */
@RegisterForReflection(targets = {
        HealthCheckCompleted.class,
        AlertTriggered.class,
        AlertResolved.class,
        UsageRecorded.class,
        QuotaThresholdCrossed.class,
        EventMeta.class
})
public final class NativeReflection {

    private NativeReflection() {
    }
}
