package dev.vigil.health.scheduler;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * How late this replica starts checks after their due tick, as a histogram a benchmark or an
 * operator can read and reset; Micrometer publishes the same lag as a timer.
 */
@ApplicationScoped
public class SchedulingStats {

    private final Recorder lagMs = new Recorder(3);
    private final AtomicLong started = new AtomicLong();

    void recordLag(long millis) {
        lagMs.recordValue(Math.max(0, millis));
        started.incrementAndGet();
    }

    /** The lags recorded since the last call, in milliseconds. */
    public Histogram takeLagInterval() {
        return lagMs.getIntervalHistogram();
    }

    /** Checks started by this replica since start. */
    public long startedCount() {
        return started.get();
    }
}
