package dev.vigil.kit.outbox;

import dev.vigil.common.event.VigilEvent;

/**
 * An event to publish, with its topic and key.
 *
 * <pre>{@code
 * outbox.write(List.of(new OutboxMessage(Topics.HEALTH_CHECKS, targetId, event)));
 * }</pre>
 */
public record OutboxMessage(String topic, String key, VigilEvent event) {
}
