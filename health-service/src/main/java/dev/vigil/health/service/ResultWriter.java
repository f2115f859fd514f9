package dev.vigil.health.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.vigil.health.config.HealthConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Collects finished scheduled checks and stores them in batches from one thread, so thousands
 * of checks a second cost a few transactions a second. A batch that fails is retried; a
 * replica killed meanwhile loses only unstored results, whose targets are checked again when
 * their leases end.
 */
@ApplicationScoped
public class ResultWriter {

    private static final Logger LOG = Logger.getLogger(ResultWriter.class);

    private final BlockingQueue<PendingResult> queue = new LinkedBlockingQueue<>();
    private final AtomicLong stored = new AtomicLong();
    private final ResultRecorder recorder;
    private final HealthConfig.Scheduler config;
    private volatile boolean running;
    private Thread thread;

    ResultWriter(ResultRecorder recorder, HealthConfig config) {
        this.recorder = recorder;
        this.config = config.scheduler();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::loop, "health-result-writer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Queues a finished check for storing. */
    public void submit(PendingResult result) {
        queue.add(result);
    }

    /** Results stored by this replica since start. */
    public long storedCount() {
        return stored.get();
    }

    /** Results waiting to be stored. */
    public int backlog() {
        return queue.size();
    }

    private void loop() {
        while (running || !queue.isEmpty()) {
            try {
                List<PendingResult> batch = nextBatch();
                if (!batch.isEmpty()) {
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<PendingResult> nextBatch() throws InterruptedException {
        List<PendingResult> batch = new ArrayList<>();
        PendingResult first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        // A short linger lets a burst of results share one transaction.
        Thread.sleep(config.writeLinger().toMillis());
        queue.drainTo(batch, config.writeBatch() - 1);
        return batch;
    }

    private void write(List<PendingResult> batch) throws InterruptedException {
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
    }
}
