package dev.vigil.quota.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.vigil.quota.config.QuotaConfig;
import dev.vigil.quota.model.ConsumeResult;
import dev.vigil.quota.model.Decision;
import dev.vigil.quota.model.PeriodSlot;
import dev.vigil.quota.model.PeriodUsage;
import dev.vigil.quota.model.RequestKey;
import dev.vigil.quota.model.Tier;
import dev.vigil.quota.model.UserQuota;
import dev.vigil.quota.period.QuotaPeriod;
import dev.vigil.quota.repository.ConsumeRepository;
import dev.vigil.quota.repository.TierRepository;
import dev.vigil.quota.repository.UsageCounterRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Enforces quotas: checks and adds a request against every period of the user's tier in one
 * database call, and reports a user's usage. All state is in Postgres, so replicas agree.
 */
@ApplicationScoped
public class QuotaService {

    private static final Logger LOG = Logger.getLogger(QuotaService.class);

    /** Stands for a tier that no longer exists: nothing limited, nothing announced. */
    static final Tier UNLIMITED = new Tier("unlimited", null, null, null, List.of());

    private final TierRepository tiers;
    private final UsageCounterRepository counters;
    private final ConsumeRepository consumer;
    private final ThresholdNotifier notifier;
    private final QuotaConfig config;
    private final Clock clock;
    private final Counter allowed;
    private final Counter refused;

    QuotaService(
            TierRepository tiers,
            UsageCounterRepository counters,
            ConsumeRepository consumer,
            ThresholdNotifier notifier,
            QuotaConfig config,
            Clock clock,
            MeterRegistry registry) {
        this.tiers = tiers;
        this.counters = counters;
        this.consumer = consumer;
        this.notifier = notifier;
        this.config = config;
        this.clock = clock;
        this.allowed = consumeCounter(registry, "allowed");
        this.refused = consumeCounter(registry, "refused");
    }

    private static Counter consumeCounter(MeterRegistry registry, String decision) {
        return Counter.builder("quota.consume")
                .description("Consume calls by decision: allowed or refused over a limit")
                .tag("decision", decision)
                .register(registry);
    }

    /**
     * Counts {@code amount} requests for the user if every period's limit allows it, else
     * nothing. A request id seen before (by either path) is not counted again and gets the
     * decision it got then. One database call does the check and the add; thresholds reached
     * are announced after it committed, each once (see {@link ThresholdNotifier}).
     */
    public Decision consume(String userId, String requestId, long amount) {
        Instant now = clock.instant();
        // One statement, committed on its own: the function claims, checks and counts under
        // the counters' row locks, so it needs no transaction around it.
        ConsumeResult result = consumer.consume(userId, requestId, amount, now,
                config.defaultTier(), config.consumeWaitsForFlush());
        if (!result.fresh()) {
            return replay(new RequestKey(userId, requestId), result.decision());
        }

        Decision decision = result.decision();
        if (decision.allowed()) {
            announce(knownTier(result.tier(), userId), userId, result, now);
            allowed.increment();
        } else {
            LOG.infof("Quota exceeded user=%s resetsAt=%s", userId, decision.resetsAt());
            refused.increment();
        }
        return decision;
    }

    /**
     * Announces thresholds the counted request reached, in a transaction only when there are
     * any (rarely). The request is counted whatever happens here: if the announcement fails,
     * the user's next counted request in the period finds the threshold unannounced and
     * announces it then.
     */
    private void announce(Tier tier, String userId, ConsumeResult counted, Instant now) {
        if (!notifier.anyNewlyReached(tier, counted.counters())) {
            return;
        }
        try {
            notifier.announceCommitted(tier, userId, counted.counters(), now);
        } catch (RuntimeException e) {
            LOG.warnf("Threshold announcement deferred to the next request user=%s cause=%s",
                    userId, e.getMessage());
        }
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

    /** The tier the database found; UNLIMITED (with a warning) when even the default is gone. */
    private Tier knownTier(Tier tier, String userId) {
        if (tier == null) {
            LOG.warnf("Default tier missing, counting without limits user=%s tier=%s",
                    userId, config.defaultTier());
            return UNLIMITED;
        }
        return tier;
    }

    /** The decision stored for the request; one counted from an event is read from now. */
    private Decision replay(RequestKey key, Decision stored) {
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
