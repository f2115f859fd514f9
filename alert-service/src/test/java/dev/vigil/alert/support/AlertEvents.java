package dev.vigil.alert.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.vigil.common.event.AlertResolved;
import dev.vigil.common.event.AlertTriggered;
import dev.vigil.common.event.EventMeta;
import dev.vigil.common.event.HealthCheckCompleted;
import dev.vigil.common.event.VigilEvent;
import dev.vigil.common.serde.EventCodec;

/** Builds the events tests send and reads the ones alert-service publishes. */
public final class AlertEvents {

    /** The id of the default "target down" rule (V3 migration). */
    public static final String TARGET_DOWN_RULE = "00000000-0000-0000-0000-00000000a003";

    private AlertEvents() {
    }

    /** A check result of the target at the instant. */
    public static HealthCheckCompleted check(String targetId, String status, Instant at) {
        Long responseTime = "UNHEALTHY".equals(status) ? null : 40L;
        String error = "UNHEALTHY".equals(status) ? "HTTP 503" : null;
        String category = "UNHEALTHY".equals(status) ? "STATUS" : null;
        return HealthCheckCompleted.of(EventMeta.now("test", at), targetId, "svc-" + targetId,
                "HTTP", status, responseTime, category, error, false, at);
    }

    public static HealthCheckCompleted check(String targetId, String status) {
        return check(targetId, status, Instant.now());
    }

    /** A unique target id for one test. */
    public static String newTargetId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static VigilEvent decode(ConsumerRecord<String, byte[]> record) {
        return EventCodec.decodeAny(record.value());
    }

    /** Whether the record is an alert event of the rule about the subject. */
    public static boolean about(ConsumerRecord<String, byte[]> record, String ruleId,
            String subject) {
        VigilEvent event = decode(record);
        if (event instanceof AlertTriggered triggered) {
            return triggered.ruleId().equals(ruleId) && triggered.subject().equals(subject);
        }
        if (event instanceof AlertResolved resolved) {
            return resolved.ruleId().equals(ruleId) && resolved.subject().equals(subject);
        }
        return false;
    }

    public static List<VigilEvent> decodeAll(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(AlertEvents::decode).toList();
    }
}
