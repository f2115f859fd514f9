package dev.vigil.quota.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.vigil.quota.config.QuotaConfig;
import dev.vigil.quota.period.QuotaPeriod;
import dev.vigil.quota.repository.CountedRequestRepository;
import dev.vigil.quota.repository.RepositoryException;
import dev.vigil.quota.repository.UsageCounterRepository;
import io.quarkus.scheduler.Scheduled;

/** Deletes counters of long-past periods and request ids older than their retention. */
@ApplicationScoped
public class CounterPruner {

    private static final Logger LOG = Logger.getLogger(CounterPruner.class);

    private final UsageCounterRepository counters;
    private final CountedRequestRepository requests;
    private final QuotaConfig config;
    private final Clock clock;

    CounterPruner(
            UsageCounterRepository counters,
            CountedRequestRepository requests,
            QuotaConfig config,
            Clock clock) {
        this.counters = counters;
        this.requests = requests;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        Instant now = clock.instant();
        try {
            int minutes = counters.deleteCountersOlderThan(QuotaPeriod.MINUTE,
                    now.minus(config.minuteCounterRetention()));
            int days = counters.deleteCountersOlderThan(QuotaPeriod.DAY,
                    now.minus(config.counterRetention()));
            int months = counters.deleteCountersOlderThan(QuotaPeriod.MONTH,
                    now.minus(config.counterRetention()));
            int ids = requests.deleteCountedBefore(now.minus(config.requestRetention()));
            LOG.debugf("Pruned counters minute=%d day=%d month=%d requestIds=%d",
                    minutes, days, months, ids);
        } catch (RepositoryException e) {
            LOG.warnf("Counters not pruned, next pass retries cause=%s", e.getMessage());
        }
    }
}
