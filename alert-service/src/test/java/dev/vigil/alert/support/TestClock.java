package dev.vigil.alert.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The clock of every test app: follows the system clock until a test sets it, so walk tests
 * can step minute by minute; {@link #release()} in {@code @AfterEach} restores real time.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private volatile Instant fixed;

    /** Stops the clock at the instant. */
    public void set(Instant instant) {
        fixed = instant;
    }

    /** Moves a stopped clock forward. */
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

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
