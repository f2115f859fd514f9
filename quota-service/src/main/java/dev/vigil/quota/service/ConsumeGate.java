package dev.vigil.quota.service;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.vigil.kit.problem.ProblemException;
import dev.vigil.quota.config.QuotaConfig;

/**
 * Bounds the /consume transactions of one user running at once in this replica. Calls on one
 * user serialize on its counter rows anyway; without this, a burst on one user would hold
 * every pooled connection while waiting for that lock and starve all other users. Postgres,
 * not this gate, is what keeps usage within the limit.
 */
@ApplicationScoped
public class ConsumeGate {

    private static final Logger LOG = Logger.getLogger(ConsumeGate.class);
    private static final int STRIPES = 256;

    private final Semaphore[] stripes = new Semaphore[STRIPES];
    private final QuotaConfig config;

    ConsumeGate(QuotaConfig config) {
        this.config = config;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Semaphore(config.consumeConcurrencyPerUser(), true);
        }
    }

    /** Runs the action once the user's stripe has room; 503 after the queue timeout. */
    public <T> T run(String userId, Supplier<T> action) {
        Semaphore stripe = stripes[Math.floorMod(userId.hashCode(), STRIPES)];
        acquire(stripe, userId);
        try {
            return action.get();
        } finally {
            stripe.release();
        }
    }

    private void acquire(Semaphore stripe, String userId) {
        try {
            long waitMs = config.consumeQueueTimeout().toMillis();
            if (stripe.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warnf("Consume call shed after queueing user=%s", userId);
        throw new ProblemException(503, "overloaded", "Overloaded",
                "too many concurrent quota calls for this user; retry shortly");
    }
}
