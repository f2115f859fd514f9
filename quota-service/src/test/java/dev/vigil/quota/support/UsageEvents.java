package dev.vigil.quota.support;

import java.time.Instant;
import java.util.UUID;

import dev.vigil.common.event.EventMeta;
import dev.vigil.common.event.UsageRecorded;

/** UsageRecorded events as a reporting service would publish them. */
public final class UsageEvents {

    private UsageEvents() {
    }

    /** A served request of the user at the given instant. */
    public static UsageRecorded served(String userId, String requestId, Instant at) {
        EventMeta meta = new EventMeta(UUID.randomUUID(), EventMeta.millis(at), "shop");
        return UsageRecorded.of(meta, requestId, "shop", "/orders", "GET", 200, 12L, true,
                null, null, userId);
    }
}
