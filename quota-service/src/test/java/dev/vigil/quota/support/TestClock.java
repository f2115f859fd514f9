package dev.vigil.quota.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/**
 * The clock of the test application: real UTC time until a test pins it, so period
 * boundaries (BR-22) can be walked. Replaces the kit's default Clock bean.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Instant pinned;

    /** Makes "now" this instant until {@link #release()}. */
    public void pin(Instant instant) {
        pinned = instant;
    }

    /** Back to real time. */
    public void release() {
        pinned = null;
    }

    @Override
    public Instant instant() {
        Instant now = pinned;
        return now == null ? Instant.now() : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is UTC only");
    }
}
