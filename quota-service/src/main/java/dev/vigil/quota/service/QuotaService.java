package dev.vigil.quota.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.vigil.quota.config.QuotaConfig;
import dev.vigil.quota.model.Counter;
import dev.vigil.quota.model.Decision;
import dev.vigil.quota.model.PeriodSlot;
import dev.vigil.quota.model.PeriodUsage;
import dev.vigil.quota.model.RequestKey;
import dev.vigil.quota.model.Tier;
import dev.vigil.quota.model.UserQuota;
import dev.vigil.quota.period.QuotaPeriod;
import dev.vigil.quota.repository.CountedRequestRepository;
import dev.vigil.quota.repository.TierRepository;
import dev.vigil.quota.repository.UsageCounterRepository;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Enforces quotas: checks and adds a request against every period of the user's tier in one
 * transaction, and reports a user's usage. All state is in Postgres, so replicas agree.
 */
@ApplicationScoped
public class QuotaService {

    private static final Logger LOG = Logger.getLogger(QuotaService.class);

    /** Stands for a tier that no longer exists: nothing limited, nothing announced. */
    static final Tier UNLIMITED = new Tier("unlimited", null, null, null, List.of());

    private final TierRepository tiers;
    private final UsageCounterRepository counters;
    private final CountedRequestRepository requests;
    private final ThresholdNotifier notifier;
    private final QuotaConfig config;
    private final Clock clock;
    private final MeterRegistry registry;

    QuotaService(
            TierRepository tiers,
            UsageCounterRepository counters,
            CountedRequestRepository requests,
            ThresholdNotifier notifier,
            QuotaConfig config,
            Clock clock,
            MeterRegistry registry) {
        this.tiers = tiers;
        this.counters = counters;
        this.requests = requests;
        this.notifier = notifier;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * Counts {@code amount} requests for the user if every period's limit allows it, else
     * nothing. A request id seen before (by either path) is not counted again and gets the
     * decision it got then.
     */
    @Transactional
    public Decision consume(String userId, String requestId, long amount) {
        Instant now = clock.instant();
        RequestKey key = new RequestKey(userId, requestId);
        if (!requests.claim(key, now)) {
            return replay(key, now);
        }

        Tier tier = tierOf(userId);
        List<PeriodSlot> slots = slots(tier, now);
        List<Counter> changed = counters.addWithinLimits(userId, slots, amount);

        Decision decision = changed.size() == slots.size()
                ? allow(tier, slots, changed, now)
                : refuse(userId, slots, changed, amount);
        requests.recordDecision(key, decision);
        registry.counter("quota.consume", "decision", decision.allowed() ? "allowed" : "refused")
                .increment();
        return decision;
    }

    /** The user's tier and usage in each current period. */
    public UserQuota view(String userId) {
        Instant now = clock.instant();
        Tier tier = tierOf(userId);
        List<PeriodSlot> slots = slots(tier, now);
        Map<QuotaPeriod, Long> used = counters.findUsed(userId, slots);
        List<PeriodUsage> periods = slots.stream()
                .map(slot -> usage(slot, used.getOrDefault(slot.period(), 0L)))
                .toList();
        return new UserQuota(userId, tier.name(), periods);
    }

    /** The user's tier, the default tier for a user nobody assigned. */
    Tier tierOf(String userId) {
        Tier tier = tiers.findTierOfUser(userId, config.defaultTier());
        if (tier == null) {
            LOG.warnf("Default tier missing, counting without limits user=%s tier=%s",
                    userId, config.defaultTier());
            return UNLIMITED;
        }
        return tier;
    }

    /** The current slot of every period kind, in enum order (the lock order). */
    static List<PeriodSlot> slots(Tier tier, Instant now) {
        return Arrays.stream(QuotaPeriod.values())
                .map(period -> PeriodSlot.of(period, now, tier))
                .toList();
    }

    private Decision allow(Tier tier, List<PeriodSlot> slots, List<Counter> changed, Instant now) {
        notifier.announce(tier, changed, now);
        Map<QuotaPeriod, PeriodSlot> byPeriod = slots.stream()
                .collect(Collectors.toMap(PeriodSlot::period, slot -> slot));
        return changed.stream()
                .filter(counter -> counter.limit() != null)
                .min(Comparator.comparingLong((Counter c) -> c.limit() - c.used())
                        .thenComparing(c -> byPeriod.get(c.period()).end()))
                .map(c -> new Decision(true, c.limit() - c.used(), byPeriod.get(c.period()).end()))
                .orElse(new Decision(true, null, null));
    }

    private Decision refuse(
            String userId,
            List<PeriodSlot> slots,
            List<Counter> changed,
            long amount) {
        // The other periods were added to under row locks nobody else can see past; taking the
        // amount back before commit makes the call all-or-nothing.
        counters.subtract(userId, changed, amount);
        Set<QuotaPeriod> counted = changed.stream()
                .map(Counter::period)
                .collect(Collectors.toSet());
        List<PeriodSlot> refusing = slots.stream()
                .filter(slot -> !counted.contains(slot.period()))
                .toList();
        Instant resetsAt = refusing.stream()
                .map(PeriodSlot::end)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        LOG.infof("Quota exceeded user=%s periods=%s resetsAt=%s", userId,
                refusing.stream().map(PeriodSlot::period).toList(), resetsAt);
        return new Decision(false, null, resetsAt);
    }

    /** The decision stored for the request; one counted from an event is read from now. */
    private Decision replay(RequestKey key, Instant now) {
        Decision stored = requests.findDecision(key);
        LOG.debugf("Request seen before user=%s request=%s", key.userId(), key.requestId());
        if (stored.remaining() != null || stored.resetsAt() != null) {
            return stored;
        }
        return view(key.userId()).periods().stream()
                .filter(usage -> usage.limit() != null)
                .min(Comparator.comparingLong(PeriodUsage::remaining))
                .map(usage -> new Decision(stored.allowed(), usage.remaining(), usage.resetsAt()))
                .orElse(stored);
    }

    private static PeriodUsage usage(PeriodSlot slot, long used) {
        Long remaining = slot.limit() == null ? null : Math.max(0, slot.limit() - used);
        return new PeriodUsage(slot.period(), used, slot.limit(), remaining,
                ThresholdRule.utilization(used, slot.limit()), slot.start(), slot.end());
    }
}
