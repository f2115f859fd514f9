package dev.vigil.quota.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.vigil.common.event.UsageRecorded;
import dev.vigil.quota.config.QuotaConfig;
import dev.vigil.quota.model.RequestKey;
import dev.vigil.quota.repository.UsageBatchRepository;
import dev.vigil.quota.repository.UsageBatchRepository.BatchResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Counts served requests from UsageRecorded events, a batch per transaction and one statement
 * per batch (claim the request ids, add to the counters). The request id, not the event id,
 * is what must count once: a redelivered event repeats its request id, so the request-id
 * claim also makes redelivery harmless, at half the writes of claiming both.
 */
// Created at start so its meters are scraped (as zero) before the first usage event.
@Startup
@ApplicationScoped
public class UsageService {

    private final UsageBatchRepository batches;
    private final ThresholdNotifier notifier;
    private final QuotaConfig config;
    private final Clock clock;
    private final Counter counted;

    UsageService(
            UsageBatchRepository batches,
            ThresholdNotifier notifier,
            QuotaConfig config,
            Clock clock,
            MeterRegistry registry) {
        this.batches = batches;
        this.notifier = notifier;
        this.config = config;
        this.clock = clock;
        this.counted = Counter.builder("quota.usage.counted")
                .description("Requests counted from usage events, duplicates excluded")
                .register(registry);
    }

    /**
     * Counts each request once, in the periods its event says it was served; events without a
     * user count for nobody. Returns how many requests were counted.
     */
    @Transactional
    public int count(List<UsageRecorded> events) {
        Instant now = clock.instant();
        List<UsageRecorded> unique = onePerRequest(events);
        if (unique.isEmpty()) {
            return 0;
        }

        BatchResult result = batches.count(
                unique.stream().map(UsageRecorded::userId).toList(),
                unique.stream().map(UsageRecorded::requestId).toList(),
                unique.stream().map(UsageRecorded::occurredAt).toList(),
                now, config.defaultTier());
        notifier.announce(result.tierByUser()::get, result.candidates(), now);

        counted.increment(result.fresh());
        return result.fresh();
    }

    /** The first event of each request of a user; the claim needs unique pairs. */
    static List<UsageRecorded> onePerRequest(List<UsageRecorded> events) {
        Set<RequestKey> seen = new HashSet<>();
        List<UsageRecorded> unique = new ArrayList<>(events.size());
        for (UsageRecorded event : events) {
            if (hasUser(event) && seen.add(new RequestKey(event.userId(), event.requestId()))) {
                unique.add(event);
            }
        }
        return unique;
    }

    private static boolean hasUser(UsageRecorded event) {
        return event.userId() != null && !event.userId().isBlank();
    }
}
