package dev.vigil.health.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.vigil.health.config.HealthConfig;
import dev.vigil.health.repository.TargetRepository;
import dev.vigil.health.repository.TargetRepository.Claimed;
import dev.vigil.health.service.CheckRunner;
import dev.vigil.health.service.ResultWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Claims due targets from the database and starts their checks. Claims go through
 * {@code FOR UPDATE SKIP LOCKED} with a lease, so any number of replicas share the targets,
 * no target is checked twice at once, and a dead replica's targets come back when its leases
 * end (BR-03). A Vert.x periodic timer drives the passes on a worker thread; the checks
 * themselves run on Vert.x and never hold that thread.
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
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final Vertx vertx;
    private long timer = -1;

    CheckScheduler(
            TargetRepository targets,
            CheckRunner runner,
            ResultWriter writer,
            SchedulingStats stats,
            HealthConfig config,
            Clock clock,
            MeterRegistry registry,
            Vertx vertx) {
        this.vertx = vertx;
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

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> tick());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** A pass still claiming when the timer fires again makes the new one a no-op. */
    private void tick() {
        if (!claiming.compareAndSet(false, true)) {
            return;
        }
        vertx.executeBlocking(() -> {
            claimAndStart();
            return null;
        }, false).onComplete(done -> claiming.set(false));
    }

    /** One claiming pass: claims until nothing is due or the in-flight limit is reached. */
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
