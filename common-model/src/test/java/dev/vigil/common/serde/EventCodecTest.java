package dev.vigil.common.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.vigil.common.event.AlertResolved;
import dev.vigil.common.event.AlertTriggered;
import dev.vigil.common.event.EventMeta;
import dev.vigil.common.event.HealthCheckCompleted;
import dev.vigil.common.event.VigilEvent;
import dev.vigil.common.topic.Topics;

class EventCodecTest {

    private static final Instant CHECKED_AT = Instant.parse("2024-05-01T10:00:00.123456Z");

    @Test
    void shouldRoundTripAnEventWithMillisecondInstants() {
        HealthCheckCompleted event = healthEvent();

        byte[] bytes = EventCodec.encode(event);
        HealthCheckCompleted back = EventCodec.decode(bytes, HealthCheckCompleted.class);

        assertThat(back).isEqualTo(event);
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .contains("\"checkedAt\":\"2024-05-01T10:00:00.123Z\"")
                .contains("\"type\":\"HealthCheckCompleted\"");
    }

    @Test
    void shouldIgnoreUnknownFields() {
        String json = new String(EventCodec.encode(healthEvent()), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"addedLater\":{\"x\":1},");

        HealthCheckCompleted back = EventCodec.decode(bytes(json), HealthCheckCompleted.class);

        assertThat(back.targetId()).isEqualTo("t-1");
    }

    @Test
    void shouldRejectAMissingRequiredFieldByName() {
        String json = new String(EventCodec.encode(healthEvent()), StandardCharsets.UTF_8)
                .replace("\"targetId\":\"t-1\",", "");

        assertThatThrownBy(() -> EventCodec.decode(bytes(json), HealthCheckCompleted.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("missing required field 'targetId'");
    }

    @Test
    void shouldRejectAnInstantNoReaderCanStoreByName() {
        String json = new String(EventCodec.encode(healthEvent()), StandardCharsets.UTF_8)
                .replace("\"checkedAt\":\"2024-05-01T10:00:00.123Z\"",
                        "\"checkedAt\":\"+999999999-12-31T00:00:00Z\"");

        assertThatThrownBy(() -> EventCodec.decode(bytes(json), HealthCheckCompleted.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("field 'checkedAt' must be between");
    }

    @Test
    void shouldRejectTextWithANulCharacterByName() {
        String json = new String(EventCodec.encode(healthEvent()), StandardCharsets.UTF_8)
                .replace("\"targetName\":\"orders\"", "\"targetName\":\"or\\u0000ders\"");

        assertThatThrownBy(() -> EventCodec.decode(bytes(json), HealthCheckCompleted.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("field 'targetName' must not contain NUL characters");
    }

    @Test
    void shouldRejectTextWithALoneSurrogateButKeepPairedOnes() {
        String lone = new String(EventCodec.encode(healthEvent()), StandardCharsets.UTF_8)
                .replace("\"targetName\":\"orders\"", "\"targetName\":\"or\\ud800ders\"");
        String paired = lone.replace("\\ud800", "\\ud83d\\ude80");

        assertThatThrownBy(() -> EventCodec.decode(bytes(lone), HealthCheckCompleted.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("field 'targetName' must be valid Unicode (it has a lone surrogate)");
        assertThat(EventCodec.decode(bytes(paired), HealthCheckCompleted.class).targetName())
                .isEqualTo("or\ud83d\ude80ders");
    }

    @Test
    void shouldAcceptAMissingOptionalField() {
        String json = new String(EventCodec.encode(healthEvent()), StandardCharsets.UTF_8)
                .replace("\"errorCategory\":\"TIMEOUT\",", "");

        HealthCheckCompleted back = EventCodec.decode(bytes(json), HealthCheckCompleted.class);

        assertThat(back.errorCategory()).isNull();
    }

    @Test
    void shouldRejectGarbageBytesWithAReason() {
        assertThatThrownBy(() -> EventCodec.decode(bytes("{not json"), HealthCheckCompleted.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("not valid JSON");
    }

    @Test
    void shouldRejectAnEventOfAnotherType() {
        byte[] resolved = EventCodec.encode(alertResolved());

        assertThatThrownBy(() -> EventCodec.decode(resolved, AlertTriggered.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("field 'type' is 'AlertResolved', expected 'AlertTriggered'");
    }

    @Test
    void shouldDecodeAnyKnownTypeFromASharedTopic() {
        VigilEvent event = EventCodec.decodeAny(EventCodec.encode(alertResolved()));

        assertThat(event).isInstanceOf(AlertResolved.class);
        assertThat(((AlertResolved) event).alertId()).isEqualTo("a-1");
    }

    @Test
    void shouldListEveryTopicWithItsDeadLetterTopic() {
        assertThat(Topics.allTopics()).containsExactly(
                "vigil.health.checks", "vigil.health.checks.dlq",
                "vigil.alerts", "vigil.alerts.dlq",
                "vigil.usage", "vigil.usage.dlq",
                "vigil.quota.thresholds", "vigil.quota.thresholds.dlq");
    }

    private static HealthCheckCompleted healthEvent() {
        return HealthCheckCompleted.of(EventMeta.now("health-service", CHECKED_AT), "t-1",
                "orders", "HTTP", "UNHEALTHY", 2300L, "TIMEOUT", "no answer", true, CHECKED_AT);
    }

    private static AlertResolved alertResolved() {
        return AlertResolved.of(EventMeta.now("alert-service", CHECKED_AT), "a-1", "r-1",
                "target:t-1", CHECKED_AT, CHECKED_AT.plusSeconds(60), false);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
