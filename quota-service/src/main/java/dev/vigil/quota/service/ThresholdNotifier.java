package dev.vigil.quota.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.vigil.common.event.EventMeta;
import dev.vigil.common.event.QuotaThresholdCrossed;
import dev.vigil.common.topic.Topics;
import dev.vigil.kit.config.KitConfig;
import dev.vigil.kit.outbox.OutboxMessage;
import dev.vigil.kit.outbox.OutboxWriter;
import dev.vigil.quota.model.Counter;
import dev.vigil.quota.model.Tier;
import dev.vigil.quota.period.QuotaPeriod;
import dev.vigil.quota.repository.UsageCounterRepository;

/**
 * Announces the thresholds counters have newly reached, through the outbox, each once: either
 * in the transaction that changed the counters, while their rows are still locked (usage
 * batches), or after the change committed, in a transaction that locks the rows again and
 * reads what was announced meanwhile (/consume).
 */
@ApplicationScoped
public class ThresholdNotifier {

    private static final Logger LOG = Logger.getLogger(ThresholdNotifier.class);

    private final UsageCounterRepository counters;
    private final OutboxWriter outbox;
    private final KitConfig kit;

    ThresholdNotifier(UsageCounterRepository counters, OutboxWriter outbox, KitConfig kit) {
        this.counters = counters;
        this.outbox = outbox;
        this.kit = kit;
    }

    /** Whether the counters, as one change left them, reached a threshold not yet announced. */
    public boolean anyNewlyReached(Tier tier, List<Counter> changed) {
        return changed.stream().anyMatch(counter -> !ThresholdRule.newlyReached(counter.used(),
                counter.limit(), tier.thresholds(), counter.notified()).isEmpty());
    }

    /**
     * Announces what a committed change of one user's counters reached. Another change may
     * have committed and announced since, so the marks are read again under the rows' locks
     * and only thresholds still unannounced are published; returns how many.
     */
    @Transactional
    public int announceCommitted(Tier tier, String userId, List<Counter> changed,
            Instant now) {
        Map<QuotaPeriod, List<Double>> marks = counters.lockNotified(userId, changed);
        List<Counter> current = changed.stream()
                .filter(counter -> marks.containsKey(counter.period()))
                .map(counter -> new Counter(counter.userId(), counter.period(),
                        counter.periodStart(), counter.used(), counter.limit(),
                        marks.get(counter.period())))
                .toList();
        return announce(user -> tier, current, now);
    }

    /** Publishes QuotaThresholdCrossed for each newly reached threshold; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int announce(Tier tier, List<Counter> changed, Instant now) {
        return announce(user -> tier, changed, now);
    }

    /**
     * As {@link #announce(Tier, List, Instant)} for the counters of many users, each under its
     * own tier, with one statement for all marks and one for all events.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int announce(Function<String, Tier> tierOfUser, List<Counter> changed, Instant now) {
        List<Counter> marked = new ArrayList<>();
        List<OutboxMessage> messages = new ArrayList<>();
        for (Counter counter : changed) {
            Tier tier = tierOfUser.apply(counter.userId());
            List<Double> reached = ThresholdRule.newlyReached(counter.used(), counter.limit(),
                    tier.thresholds(), counter.notified());
            if (reached.isEmpty()) {
                continue;
            }
            reached.forEach(threshold -> messages.add(message(tier, counter, threshold, now)));
            marked.add(withNotified(counter, reached));
        }
        counters.markNotified(marked);
        outbox.write(messages);
        return messages.size();
    }

    private OutboxMessage message(Tier tier, Counter counter, double threshold, Instant now) {
        LOG.infof("Quota threshold crossed user=%s tier=%s period=%s threshold=%s used=%d "
                + "limit=%d", counter.userId(), tier.name(), counter.period(), threshold,
                counter.used(), counter.limit());
        QuotaThresholdCrossed event = QuotaThresholdCrossed.of(
                EventMeta.now(kit.serviceName(), now), counter.userId(), tier.name(),
                counter.period().name(), counter.periodStart(), counter.used(), counter.limit(),
                threshold);
        return new OutboxMessage(Topics.QUOTA_THRESHOLDS, counter.userId(), event);
    }

    private static Counter withNotified(Counter counter, List<Double> reached) {
        List<Double> notified = new ArrayList<>(counter.notified());
        notified.addAll(reached);
        return new Counter(counter.userId(), counter.period(), counter.periodStart(),
                counter.used(), counter.limit(), List.copyOf(notified));
    }
}
