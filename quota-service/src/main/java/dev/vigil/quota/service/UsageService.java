package dev.vigil.quota.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.vigil.common.event.UsageRecorded;
import dev.vigil.kit.messaging.ProcessedEvents;
import dev.vigil.quota.config.QuotaConfig;
import dev.vigil.quota.model.Counter;
import dev.vigil.quota.model.Increment;
import dev.vigil.quota.model.RequestKey;
import dev.vigil.quota.model.Tier;
import dev.vigil.quota.period.QuotaPeriod;
import dev.vigil.quota.repository.CountedRequestRepository;
import dev.vigil.quota.repository.TierRepository;
import dev.vigil.quota.repository.UsageCounterRepository;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts served requests from UsageRecorded events, a batch per transaction: one statement
 * claims the event ids, one the request ids, one adds to all counters of the batch.
 */
@ApplicationScoped
public class UsageService {

    private static final Comparator<Increment> LOCK_ORDER = Comparator
            .comparing(Increment::userId)
            .thenComparing(Increment::period)
            .thenComparing(Increment::periodStart);

    private final ProcessedEvents processed;
    private final CountedRequestRepository requests;
    private final UsageCounterRepository counters;
    private final TierRepository tiers;
    private final ThresholdNotifier notifier;
    private final QuotaConfig config;
    private final Clock clock;
    private final MeterRegistry registry;

    UsageService(
            ProcessedEvents processed,
            CountedRequestRepository requests,
            UsageCounterRepository counters,
            TierRepository tiers,
            ThresholdNotifier notifier,
            QuotaConfig config,
            Clock clock,
            MeterRegistry registry) {
        this.processed = processed;
        this.requests = requests;
        this.counters = counters;
        this.tiers = tiers;
        this.notifier = notifier;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * Counts each request once, in the period its event says it was served; events without a
     * user count for nobody. Returns how many requests were counted.
     */
    @Transactional
    public int count(List<UsageRecorded> events) {
        Instant now = clock.instant();
        List<UsageRecorded> fresh = unseenRequests(events, now);
        if (fresh.isEmpty()) {
            return 0;
        }

        Map<String, Tier> tierByUser = tiersOf(fresh);
        List<Counter> changed = counters.addAll(increments(fresh, tierByUser));
        notifier.announce(tierByUser::get, changed, now);

        registry.counter("quota.usage.counted").increment(fresh.size());
        return fresh.size();
    }

    /** The events not applied before whose request was not counted before, one per request. */
    private List<UsageRecorded> unseenRequests(List<UsageRecorded> events, Instant now) {
        Set<UUID> freshIds = processed.claim(events.stream().map(UsageRecorded::eventId).toList());
        Map<RequestKey, UsageRecorded> byRequest = new LinkedHashMap<>();
        for (UsageRecorded event : events) {
            if (freshIds.contains(event.eventId()) && hasUser(event)) {
                byRequest.putIfAbsent(new RequestKey(event.userId(), event.requestId()), event);
            }
        }
        Set<RequestKey> claimed = requests.claimAll(new ArrayList<>(byRequest.keySet()), now);
        return byRequest.entrySet().stream()
                .filter(entry -> claimed.contains(entry.getKey()))
                .map(Map.Entry::getValue)
                .toList();
    }

    private Map<String, Tier> tiersOf(List<UsageRecorded> events) {
        Set<String> users = events.stream().map(UsageRecorded::userId).collect(Collectors.toSet());
        Map<String, String> assigned = tiers.findAssignedTiers(users);
        Map<String, Tier> all = tiers.findAll();
        Tier fallback = all.getOrDefault(config.defaultTier(), QuotaService.UNLIMITED);
        return users.stream().collect(Collectors.toMap(user -> user,
                user -> all.getOrDefault(assigned.get(user), fallback)));
    }

    /** One increment per counter, sorted so concurrent batches lock rows in one order. */
    static List<Increment> increments(List<UsageRecorded> events, Map<String, Tier> tierByUser) {
        Map<Increment, Long> amounts = new TreeMap<>(LOCK_ORDER);
        for (UsageRecorded event : events) {
            Tier tier = tierByUser.get(event.userId());
            for (QuotaPeriod period : QuotaPeriod.values()) {
                Increment key = new Increment(event.userId(), period,
                        period.start(event.occurredAt()), 1, tier.limit(period));
                amounts.merge(key, 1L, Long::sum);
            }
        }
        return amounts.entrySet().stream()
                .map(entry -> new Increment(entry.getKey().userId(), entry.getKey().period(),
                        entry.getKey().periodStart(), entry.getValue(), entry.getKey().limit()))
                .toList();
    }

    private static boolean hasUser(UsageRecorded event) {
        return event.userId() != null && !event.userId().isBlank();
    }
}
