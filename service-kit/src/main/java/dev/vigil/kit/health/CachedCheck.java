package dev.vigil.kit.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Runs one dependency check at a time on its own thread and shares the result with every probe
 * for a short while. A hanging dependency then costs one thread, not one per probe, and every
 * probe still answers within the timeout (field case BR-04).
 */
final class CachedCheck {

    private final String name;
    private final Duration timeout;
    private final Duration cacheFor;
    private final ExecutorService executor;
    private CompletableFuture<HealthCheckResponse> current;
    private long startedAtNanos;
    private long completedAtNanos;

    CachedCheck(String name, Duration timeout, Duration cacheFor) {
        this.name = name;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vigil-readiness-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The latest result, running the probe if the cached one is stale. A caller waits only for
     * what is left of the running probe's timeout, so probes arriving while a dependency hangs
     * are answered at once instead of each waiting the full timeout again.
     */
    HealthCheckResponse call(Supplier<HealthCheckResponse> probe) {
        CompletableFuture<HealthCheckResponse> future = currentOrNew(probe);
        long leftNanos = timeout.toNanos() - (System.nanoTime() - startedAt());
        try {
            return future.get(Math.max(0, leftNanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return down("no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (Exception e) {
            return down(String.valueOf(e.getCause() == null ? e : e.getCause()));
        }
    }

    private synchronized CompletableFuture<HealthCheckResponse> currentOrNew(
            Supplier<HealthCheckResponse> probe) {
        boolean fresh = current != null && (!current.isDone()
                || System.nanoTime() - completedAtNanos < cacheFor.toNanos());
        if (!fresh) {
            startedAtNanos = System.nanoTime();
            current = CompletableFuture.supplyAsync(() -> runProbe(probe), executor);
        }
        return current;
    }

    private synchronized long startedAt() {
        return startedAtNanos;
    }

    private HealthCheckResponse runProbe(Supplier<HealthCheckResponse> probe) {
        try {
            return probe.get();
        } catch (RuntimeException e) {
            return down(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            synchronized (this) {
                completedAtNanos = System.nanoTime();
            }
        }
    }

    private HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named(name).down().withData("error", reason).build();
    }
}
