package dev.vigil.common.topic;

import dev.vigil.common.StableApi;

/**
 * Header names on a dead-lettered message: why it was refused and where it came from.
 *
 * <pre>{@code
 * String reason = new String(record.headers().lastHeader(DeadLetterHeaders.REASON).value(),
 *         StandardCharsets.UTF_8);
 * }</pre>
 */
@StableApi
public final class DeadLetterHeaders {

    public static final String REASON = "vigil-dlq-reason";
    public static final String ORIGINAL_TOPIC = "vigil-dlq-topic";
    public static final String ORIGINAL_PARTITION = "vigil-dlq-partition";
    public static final String ORIGINAL_OFFSET = "vigil-dlq-offset";
    public static final String CONSUMER = "vigil-dlq-consumer";

    private DeadLetterHeaders() {
    }
}
