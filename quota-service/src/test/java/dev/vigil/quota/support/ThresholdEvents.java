package dev.vigil.quota.support;

import java.time.Duration;
import java.util.List;

import dev.vigil.common.event.QuotaThresholdCrossed;
import dev.vigil.common.serde.EventCodec;
import dev.vigil.testsupport.KafkaTestClient;

/** Reads the QuotaThresholdCrossed events of one user from the real broker. */
public final class ThresholdEvents {

    private ThresholdEvents() {
    }

    /** Waits for {@code expected} events of the user, then a quiet second to catch extras. */
    public static List<QuotaThresholdCrossed> of(
            KafkaTestClient.Reader reader,
            String userId,
            int expected) {
        reader.await(record -> userId.equals(record.key()), expected, Duration.ofSeconds(20));
        return reader.settle(record -> userId.equals(record.key()), Duration.ofSeconds(1))
                .stream()
                .map(record -> EventCodec.decode(record.value(), QuotaThresholdCrossed.class))
                .toList();
    }

    /** "period:threshold@used" for compact assertions. */
    public static List<String> summary(List<QuotaThresholdCrossed> events) {
        return events.stream()
                .map(e -> e.period() + ":" + e.threshold() + "@" + e.used())
                .toList();
    }
}
