package dev.vigil.alert.service;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.alert.model.TargetState;

/**
 * The states of the targets whose partitions this replica consumes, as last committed, so a
 * batch reads the database only for targets it has not seen. Only committed batches write
 * here; a partition assignment or revocation empties it (another replica may have moved those
 * targets meanwhile), and so does any batch that did not commit.
 */
@ApplicationScoped
public class TargetStateCache {

    /**
     * One target: its state, the result that last changed it ({@code changedBy}), the newest
     * result applied ({@code seenAt}, {@code seenEvent}) and the rule version its streak rules
     * were last evaluated against (null: not yet in this process).
     */
    public record Entry(TargetState state, UUID changedBy, Instant seenAt, UUID seenEvent,
            String rulesVersion) {

        /** A result at or before the newest one applied is a replay (see the README). */
        boolean isReplay(Instant checkedAt, UUID eventId) {
            return checkedAt.isBefore(seenAt)
                    || checkedAt.equals(seenAt) && eventId.equals(seenEvent);
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public Entry get(String targetId) {
        return entries.get(targetId);
    }

    void putAll(Map<String, Entry> committed) {
        entries.putAll(committed);
    }

    void removeAll(Collection<String> targetIds) {
        targetIds.forEach(entries::remove);
    }

    /** Forgets every target, so the next batches read them from the database. */
    public void clear() {
        entries.clear();
    }
}
