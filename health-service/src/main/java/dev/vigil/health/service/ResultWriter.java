package dev.vigil.health.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.vigil.health.config.HealthConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Collects finished scheduled checks and stores them in batches, so thousands of checks a
 * second cost a few transactions a second. Results are spread over a few writer threads by
 * target, so one target's results are always stored by one thread, in order. A batch that
 * fails is retried; a replica killed meanwhile loses only unstored results, whose targets are
 * checked again when their leases end. {@link #drain} stores what is queued at shutdown.
 */
@ApplicationScoped
public class ResultWriter {

    private static final Logger LOG = Logger.getLogger(ResultWriter.class);

    private final AtomicLong stored = new AtomicLong();
    private final AtomicInteger writing = new AtomicInteger();
    private final ResultRecorder recorder;
    private final HealthConfig.Scheduler config;
    private final List<BlockingQueue<PendingResult>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    ResultWriter(ResultRecorder recorder, HealthConfig config, MeterRegistry registry) {
        this.recorder = recorder;
        this.config = config.scheduler();
        // Its rate is the replica's checks per second, results stored and queued to publish.
        FunctionCounter.builder("health.checks.completed", stored, AtomicLong::get)
                .description("Scheduled checks whose result this replica stored")
                .register(registry);
        for (int i = 0; i < Math.max(1, this.config.writerThreads()); i++) {
            queues.add(new LinkedBlockingQueue<>());
        }
    }

    void start(@Observes StartupEvent event) {
        running = true;
        for (int i = 0; i < queues.size(); i++) {
            BlockingQueue<PendingResult> queue = queues.get(i);
            Thread thread = new Thread(() -> loop(queue), "health-result-writer-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** Queues a finished check for storing. */
    public void submit(PendingResult result) {
        int partition = Math.floorMod(result.target().id().hashCode(), queues.size());
        queues.get(partition).add(result);
    }

    /** Results stored by this replica since start. */
    public long storedCount() {
        return stored.get();
    }

    /** Results waiting to be stored. */
    public int backlog() {
        return queues.stream().mapToInt(BlockingQueue::size).sum();
    }

    /**
     * Stores everything queued, then stops the writer threads; waits at most {@code limit}.
     * Returns the results still unstored, which is 0 unless the database failed throughout.
     */
    public int drain(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        running = false;
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        return backlog() + writing.get();
    }

    private void loop(BlockingQueue<PendingResult> queue) {
        while (running || !queue.isEmpty()) {
            try {
                List<PendingResult> batch = nextBatch(queue);
                if (!batch.isEmpty()) {
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<PendingResult> nextBatch(BlockingQueue<PendingResult> queue)
            throws InterruptedException {
        List<PendingResult> batch = new ArrayList<>();
        PendingResult first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        // A short linger lets a burst of results share one transaction; not while draining.
        if (running && queue.size() < config.writeBatch()) {
            Thread.sleep(config.writeLinger().toMillis());
        }
        queue.drainTo(batch, config.writeBatch() - 1);
        return batch;
    }

    private void write(List<PendingResult> batch) throws InterruptedException {
        writing.addAndGet(batch.size());
        try {
            while (true) {
                try {
                    recorder.record(batch);
                    stored.addAndGet(batch.size());
                    return;
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Storing results failed results=%d; retrying", batch.size());
                    if (!running) {
                        return;
                    }
                    Thread.sleep(1000);
                }
            }
        } finally {
            writing.addAndGet(-batch.size());
        }
    }
}
