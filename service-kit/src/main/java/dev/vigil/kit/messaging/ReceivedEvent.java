package dev.vigil.kit.messaging;

import dev.vigil.common.event.VigilEvent;

/**
 * A decoded event with where it came from, for logs that name the record.
 *
 * @param partition the partition it was read from
 * @param offset its offset in that partition
 */
public record ReceivedEvent<T extends VigilEvent>(T event, int partition, long offset) {
}
