package dev.vigil.health.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/** A clock tests set by hand; enabled only by {@link SettableClockProfile}. */
@Alternative
@Singleton
public class SettableClock extends Clock {

    private volatile Instant now = Instant.now();

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
