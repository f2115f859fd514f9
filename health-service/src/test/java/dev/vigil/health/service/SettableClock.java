package dev.vigil.health.service;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import dev.vigil.testsupport.ManualClock;

/** A clock tests set by hand; enabled only by {@link SettableClockProfile}. */
@Alternative
@Singleton
public class SettableClock extends ManualClock {
}
