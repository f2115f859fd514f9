package dev.vigil.health.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.vigil.health.config.HealthConfig;
import dev.vigil.health.repository.TargetRepository;
import dev.vigil.health.repository.TargetRepository.Claimed;
import dev.vigil.health.service.CheckRunner;
import dev.vigil.health.service.ResultWriter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Claims due targets from the database and starts their checks. Claims go through
 * {@code FOR UPDATE SKIP LOCKED} with a lease, so any number of replicas share the targets,
 * no target is checked twice at once, and a dead replica's targets come back when its leases
 * end (BR-03). A Vert.x periodic timer drives the passes on a worker thread. Targets are
 * claimed up to {@code claim-ahead} before their tick and started by a timer at the tick; the
 * checks run on Vert.x and never hold a thread. At shutdown, claimed checks not yet started
 * are handed back and running ones are awaited ({@link ShutdownDrain}).
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
    // Keyed by target id: a lease lets a replica hold at most one claim per target.
    private final Map<UUID, Claimed> waiting = new ConcurrentHashMap<>();
    private final Map<UUID, Claimed> running = new ConcurrentHashMap<>();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final Vertx vertx;
    private volatile boolean stopped;
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
        Gauge.builder("health_checks_in_flight", this, CheckScheduler::inFlight)
                .description("Checks started and not yet finished on this replica")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> tick());
        }
    }

    /** A pass still claiming when the timer fires again makes the new one a no-op. */
    private void tick() {
        if (stopped || !claiming.compareAndSet(false, true)) {
            return;
        }
        vertx.executeBlocking(() -> {
            claimAndStart();
            return null;
        }, false).onComplete(done -> claiming.set(false));
    }

    /** One claiming pass: claims until nothing is due or the in-flight limit is reached. */
    void claimAndStart() {
        if (!config.enabled() || stopped) {
            return;
        }
        try {
            claimUntilNoneDue();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Claiming due targets failed inFlight=%d", inFlight());
        }
    }

    /** Checks claimed by this replica and not finished: waiting for their tick or running. */
    public int inFlight() {
        return waiting.size() + running.size();
    }

    /** Stops claiming and waits (bounded) for a claiming pass under way to end. */
    void stopClaiming(Duration limit) throws InterruptedException {
        stopped = true;
        vertx.cancelTimer(timer);
        long deadline = System.nanoTime() + limit.toNanos();
        while (claiming.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Hands back the claimed checks whose tick has not come; returns how many. */
    int handBackWaiting() {
        return handBack(waiting);
    }

    /** Waits until no check runs or the limit passes; returns the checks still running. */
    int awaitRunning(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return running.size();
    }

    /** Hands back the checks still running; their results, if any come, are dropped. */
    int abandonRunning() {
        return handBack(running);
    }

    private int handBack(Map<UUID, Claimed> claims) {
        List<Claimed> taken = new ArrayList<>();
        for (Claimed claimed : claims.values()) {
            // Whoever removes a claim owns it: the start timer, completion, or this hand-back.
            if (claims.remove(claimed.target().id(), claimed)) {
                taken.add(claimed);
            }
        }
        if (!taken.isEmpty()) {
            targets.handBack(taken);
        }
        return taken.size();
    }

    private void claimUntilNoneDue() {
        while (!stopped) {
            int room = Math.min(config.claimBatch(), config.maxInFlight() - inFlight());
            if (room <= 0) {
                return;
            }
            Instant now = clock.instant();
            Instant horizon = now.plus(config.claimAhead());
            List<Claimed> claimed = targets.claimDue(now, horizon, room,
                    config.leaseGrace().toMillis());
            claimed.forEach(this::startAtTick);
            if (claimed.size() < room) {
                return;
            }
        }
    }

    private void startAtTick(Claimed claimed) {
        long delay = Duration.between(clock.instant(), claimed.dueAt()).toMillis();
        UUID id = claimed.target().id();
        if (delay <= 0) {
            running.put(id, claimed);
            run(claimed);
            return;
        }
        waiting.put(id, claimed);
        vertx.setTimer(delay, timerId -> {
            if (waiting.remove(id, claimed)) {
                running.put(id, claimed);
                run(claimed);
            }
        });
    }

    private void run(Claimed claimed) {
        Duration lag = Duration.between(claimed.dueAt(), clock.instant());
        lagTimer.record(lag.isNegative() ? Duration.ZERO : lag);
        stats.recordLag(lag.toMillis());
        runner.run(claimed.target()).onComplete(done -> {
            if (!running.remove(claimed.target().id(), claimed)) {
                return;
            }
            if (done.succeeded()) {
                writer.submit(done.result());
            } else {
                LOG.errorf(done.cause(), "Check failed to complete target=%s",
                        claimed.target().id());
            }
        });
    }
}
