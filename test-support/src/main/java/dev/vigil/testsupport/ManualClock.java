package dev.vigil.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock tests move by hand: it follows the system clock until {@link #set(Instant)} stops
 * it, so walk tests can step through windows and period boundaries, and {@link #release()}
 * (in {@code @AfterEach}) gives real time back. Services subclass it as their test bean.
 */
public class ManualClock extends Clock {

    private volatile Instant fixed;

    /** Stops the clock at the instant. */
    public void set(Instant instant) {
        fixed = instant;
    }

    /** Moves a stopped clock forward (a running one is stopped one step ahead of now). */
    public void advanceMinutes(long minutes) {
        fixed = instant().plusSeconds(minutes * 60);
    }

    /** Follows the system clock again. */
    public void release() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant now = fixed;
        return now == null ? Instant.now() : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Vigil keeps every instant in UTC, so the zone is not changed. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
