package dev.vigil.common.serde;

import dev.vigil.common.StableApi;

/**
 * A message that is not a valid event: unreadable bytes, a wrong type or a missing field.
 *
 * <p>The message is the reason readers put on the dead-letter record, so it names the field.
 */
@StableApi
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
