package dev.vigil.health.scheduler;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.vigil.health.config.HealthConfig;
import dev.vigil.health.repository.OutboxBacklog;
import dev.vigil.health.service.ResultWriter;
import dev.vigil.kit.outbox.OutboxRelay;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Ends a replica's work in order at shutdown, so no check is lost or doubled: stop claiming,
 * hand back claimed checks that have not started, let running checks finish (bounded by
 * {@code shutdown-grace}), store their results, and publish the outbox. One observer does it
 * all because the order matters and separate observers of one event have none.
 */
@ApplicationScoped
public class ShutdownDrain {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);
    private static final Duration CLAIM_PASS_LIMIT = Duration.ofSeconds(2);
    private static final Duration STORE_LIMIT = Duration.ofSeconds(4);
    private static final Duration PUBLISH_LIMIT = Duration.ofSeconds(4);

    private final CheckScheduler scheduler;
    private final ResultWriter writer;
    private final OutboxRelay relay;
    private final OutboxBacklog outbox;
    private final HealthConfig.Scheduler config;
    private final AtomicBoolean drained = new AtomicBoolean();

    ShutdownDrain(
            CheckScheduler scheduler,
            ResultWriter writer,
            OutboxRelay relay,
            OutboxBacklog outbox,
            HealthConfig config) {
        this.scheduler = scheduler;
        this.writer = writer;
        this.relay = relay;
        this.outbox = outbox;
        this.config = config.scheduler();
    }

    /**
     * The pre-shutdown phase, while Vert.x, its HTTP clients, the datasource and the Kafka
     * producer all still work; by the time {@link ShutdownEvent} is fired some of them are
     * closed already, and checks running then fail.
     */
    void onShutdownStarting(@Observes ShutdownDelayInitiatedEvent event)
            throws InterruptedException {
        drainOnce();
    }

    /** Fallback for a stop without the pre-shutdown phase, such as the end of a test. */
    void onShutdown(@Observes ShutdownEvent event) throws InterruptedException {
        drainOnce();
    }

    private void drainOnce() throws InterruptedException {
        if (!drained.compareAndSet(false, true)) {
            return;
        }
        long start = System.nanoTime();
        scheduler.stopClaiming(CLAIM_PASS_LIMIT);
        int handedBack = handBack(scheduler::handBackWaiting);
        int abandoned = scheduler.awaitRunning(config.shutdownGrace()) == 0 ? 0
                : handBack(scheduler::abandonRunning);
        int unstored = writer.drain(STORE_LIMIT);
        long unpublished = publishOutbox();
        LOG.infof("Shutdown drained handedBack=%d abandoned=%d unstored=%d unpublished=%d "
                + "tookMs=%d", handedBack, abandoned, unstored, unpublished,
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    private static int handBack(IntSupplier step) {
        try {
            return step.getAsInt();
        } catch (RuntimeException e) {
            // The leases still end on their own, so the ticks are only delayed, not lost.
            LOG.errorf(e, "Handing back claimed checks failed; their leases will expire");
            return 0;
        }
    }

    /** Publishes until the outbox is empty or the limit passes; returns what is left. */
    private long publishOutbox() throws InterruptedException {
        long deadline = System.nanoTime() + PUBLISH_LIMIT.toNanos();
        long left = outbox.count();
        while (left > 0 && System.nanoTime() < deadline) {
            try {
                // 0 means another pass holds the relay lock; it is publishing, so wait.
                if (relay.publishBatch() == 0) {
                    Thread.sleep(20);
                }
                left = outbox.count();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Publishing the outbox at shutdown failed left=%d", left);
                Thread.sleep(200);
            }
        }
        return left;
    }
}
