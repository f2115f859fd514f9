package dev.vigil.health.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.vigil.health.config.HealthConfig;
import dev.vigil.health.repository.TargetRepository;
import dev.vigil.health.repository.TargetRepository.Claimed;
import dev.vigil.health.service.CheckRunner;
import dev.vigil.health.service.ResultWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;

/**
 * Claims due targets from the database and starts their checks. Claims go through
 * {@code FOR UPDATE SKIP LOCKED} with a lease, so any number of replicas share the targets,
 * no target is checked twice at once, and a dead replica's targets come back when its leases
 * end (BR-03). The checks themselves run on Vert.x and never hold this thread.
 */
@ApplicationScoped
public class CheckScheduler {

    private static final Logger LOG = Logger.getLogger(CheckScheduler.class);

    private final TargetRepository targets;
    private final CheckRunner runner;
    private final ResultWriter writer;
    private final SchedulingStats stats;
    private final HealthConfig.Scheduler config;
    private final Clock clock;
    private final Timer lagTimer;
    private final AtomicInteger inFlight = new AtomicInteger();

    CheckScheduler(
            TargetRepository targets,
            CheckRunner runner,
            ResultWriter writer,
            SchedulingStats stats,
            HealthConfig config,
            Clock clock,
            MeterRegistry registry) {
        this.targets = targets;
        this.runner = runner;
        this.writer = writer;
        this.stats = stats;
        this.config = config.scheduler();
        this.clock = clock;
        this.lagTimer = Timer.builder("health_check_scheduling_lag")
                .description("Delay between a check's due tick and its start")
                .register(registry);
        registry.gauge("health_checks_in_flight", inFlight);
    }

    @Scheduled(every = "${vigil.health.scheduler.poll-interval:500ms}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "health-check-claims")
    void claimAndStart() {
        if (!config.enabled()) {
            return;
        }
        try {
            claimUntilNoneDue();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Claiming due targets failed inFlight=%d", inFlight.get());
        }
    }

    /** Checks running on this replica now. */
    public int inFlight() {
        return inFlight.get();
    }

    private void claimUntilNoneDue() {
        while (true) {
            int room = Math.min(config.claimBatch(), config.maxInFlight() - inFlight.get());
            if (room <= 0) {
                return;
            }
            Instant now = clock.instant();
            List<Claimed> claimed = targets.claimDue(now, room, config.leaseGrace().toMillis());
            claimed.forEach(c -> start(c, now));
            if (claimed.size() < room) {
                return;
            }
        }
    }

    private void start(Claimed claimed, Instant now) {
        Duration lag = Duration.between(claimed.dueAt(), now);
        lagTimer.record(lag);
        stats.recordLag(lag.toMillis());
        inFlight.incrementAndGet();
        runner.run(claimed.target()).onComplete(done -> {
            inFlight.decrementAndGet();
            if (done.succeeded()) {
                writer.submit(done.result());
            } else {
                LOG.errorf(done.cause(), "Check failed to complete target=%s",
                        claimed.target().id());
            }
        });
    }
}
