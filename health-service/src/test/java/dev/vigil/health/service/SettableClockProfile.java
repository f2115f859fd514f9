package dev.vigil.health.service;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the service on a {@link SettableClock} with the scheduler off, for windows in the past. */
public class SettableClockProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(SettableClock.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("vigil.health.scheduler.enabled", "false");
    }
}
