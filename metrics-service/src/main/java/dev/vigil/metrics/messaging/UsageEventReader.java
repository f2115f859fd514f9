package dev.vigil.metrics.messaging;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectReader;

import dev.vigil.common.event.UsageRecorded;
import dev.vigil.common.serde.EventJson;

/**
 * The fast path for well-formed {@code UsageRecorded} events: {@link UsageEventParser} for
 * events as producers write them, else one streaming read with the shared event mapper, no
 * JSON tree and no reflection per record. Anything neither accepts (bad JSON, another type, a
 * missing required field) is left to the kit's decoder, which dead-letters it with the usual
 * reason, so all paths reject exactly the same records.
 */
final class UsageEventReader {

    private static final ObjectReader READER = EventJson.mapper().readerFor(UsageRecorded.class);

    private UsageEventReader() {
    }

    /** The event, or null when the kit's decoder has to look at these bytes. */
    static UsageRecorded readOrNull(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        UsageRecorded parsed = UsageEventParser.parseOrNull(bytes);
        if (parsed != null) {
            return parsed;
        }
        try {
            UsageRecorded event = READER.readValue(bytes);
            return complete(event) ? event : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Every field UsageRecorded does not mark optional is present, and the type matches. */
    private static boolean complete(UsageRecorded e) {
        return e != null && UsageRecorded.TYPE.equals(e.type()) && e.eventId() != null
                && e.schemaVersion() != null && e.occurredAt() != null && e.source() != null
                && e.requestId() != null && e.service() != null && e.endpoint() != null
                && e.method() != null && e.status() != null && e.success() != null;
    }

}
